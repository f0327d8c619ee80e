import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';
import type { Plugin } from 'vite';
import { enrichedManifest } from './manifest.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const MANIFEST_ID = 'virtual:moment-manifest';

/** The manifest with event detail types, as a module the preview imports (see manifest.ts). */
function momentManifest(): Plugin {
  return {
    name: 'moment-manifest',
    resolveId: {
      filter: { id: /^virtual:moment-manifest$/ },
      handler: () => `\0${MANIFEST_ID}`,
    },
    load: {
      filter: { id: /^\0virtual:moment-manifest$/ },
      handler() {
        this.addWatchFile(`${root}custom-elements.json`);
        this.addWatchFile(`${root}src/core/events.ts`);
        return `export default ${JSON.stringify(enrichedManifest(root))};`;
      },
    },
  };
}

/**
 * `storybook dev` only: a local sandbox on 127.0.0.1:4010 (SANDBOX_PORT), the frames origin the
 * stories use by default, unless one is already running there. The static build needs none:
 * it is served beside any sandbox (`npm run gallery`).
 */
function devSandbox(): Plugin {
  return {
    name: 'moment-dev-sandbox',
    apply: 'serve',
    async configureServer(server) {
      const { startSandbox } = await import('../dist/sandbox/index.js');
      const port = Number(process.env.SANDBOX_PORT ?? 4010);
      try {
        const sandbox = await startSandbox({ port });
        server.httpServer?.once('close', () => void sandbox.close());
        console.log(`Moment sandbox (frames origin): ${sandbox.origin}`);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
        console.log(`Port ${port} is in use: the stories use the sandbox already running on http://127.0.0.1:${port}.`);
      }
    },
  };
}

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  // The preview page names its icon, or every static host answers the browser's /favicon.ico with a 404.
  previewHead: (head) => `${head ?? ''}<link rel="icon" type="image/svg+xml" href="./favicon.svg" />`,
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(viteConfig) {
    viteConfig.plugins = [...(viteConfig.plugins ?? []), momentManifest(), devSandbox()];
    // One Lit on the page: the stories import the elements from src/, Storybook's renderer imports lit too.
    viteConfig.resolve = { ...viteConfig.resolve, dedupe: ['lit', 'lit-html', 'lit-element', '@lit/reactive-element', '@lit/context'] };
    // In `storybook dev`, an entry the dep optimizer has not bundled is served raw from node_modules
    // with its own lit-html ("Multiple versions of Lit loaded"): the renderer's lit/directive-helpers.js
    // was one. Every Lit entry the gallery uses goes through the optimizer, into one shared chunk.
    viteConfig.optimizeDeps = {
      ...viteConfig.optimizeDeps,
      include: [
        ...(viteConfig.optimizeDeps?.include ?? []),
        'lit',
        'lit/decorators.js',
        'lit/directive-helpers.js',
        'lit/directives/keyed.js',
        'lit/directives/ref.js',
        '@lit/context',
      ],
    };
    viteConfig.build = { ...viteConfig.build, chunkSizeWarningLimit: 2048 };
    return viteConfig;
  },
};
export default config;
