/**
 * The classic script (`dist/cdn/moment.js`): the seed's script-tag install. Registers the
 * elements and sets `window.Moment`.
 */
import './index.js';
import { Moment } from './moment.js';

declare global {
  interface Window {
    Moment: typeof Moment;
  }
}

window.Moment = Moment;
