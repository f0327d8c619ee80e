declare module 'virtual:moment-manifest' {
  import type { Manifest } from './arg-types.js';

  const manifest: Manifest;
  export default manifest;
}
