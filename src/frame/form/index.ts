/** The frames' form kit: validation rules, the shown-error rule, the field view and the live region. */
export * from './validators.js';
export { errorMessage } from './messages.js';
export { nextShown, updateShown, type ShownState, type Trigger } from './shown.js';
export { FieldView, type FieldOptions } from './field-view.js';
export { LiveRegion } from './live-region.js';
