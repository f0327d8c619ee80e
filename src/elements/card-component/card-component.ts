import { define } from '../../core/define.js';
import { CardComponent } from './card-component.component.js';

export { CardComponent };
export * from './card-component.component.js';

define('card-component', CardComponent);

declare global {
  interface HTMLElementTagNameMap {
    'card-component': CardComponent;
  }
}
