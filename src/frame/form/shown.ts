/**
 * Whether a field's error is SHOWN, kept apart from whether it HAS one (always computed). An
 * error is shown after the field is blurred following an edit, or after a submit (`validate`).
 * While the customer types, a shown error goes as soon as the value is right ("reward early"),
 * but a new one appears only on blur ("punish late"). Config may hide the message visually; it
 * is still shown to assistive technology (see `FieldView.hideMessage`).
 */

/** What happened: an edit, a blur (or a select's change), a submit, a reset, a new config. */
export type Trigger = 'input' | 'blur' | 'validate' | 'clear' | 'config';

/** What a form keeps per field for the rule. */
export interface ShownState<T extends string> {
  /** Edited since the last clear. */
  dirty: boolean;
  /** The error shown to the customer, if any. */
  shown: T | null;
}

/** The error to show now, given the one shown, the current one, and what happened (`own`: to this field). */
export function nextShown<T extends string>(state: ShownState<T>, error: T | null, trigger: Trigger, own: boolean): T | null {
  if (trigger === 'clear') return null;
  if (trigger === 'validate' || (trigger === 'blur' && own && state.dirty)) return error;
  return error === null || state.shown !== null ? error : null;
}

/**
 * Applies the rule to every field of a form and returns the fields whose shown error is new
 * (what to announce). `target` is the field the trigger happened to.
 */
export function updateShown<T extends string, F extends ShownState<T>>(
  fields: Iterable<F>,
  errorOf: (field: F) => T | null,
  trigger: Trigger,
  target?: F,
): F[] {
  const fresh: F[] = [];
  for (const field of fields) {
    const before = field.shown;
    field.shown = nextShown(field, errorOf(field), trigger, field === target);
    if (trigger === 'clear') field.dirty = false;
    if (field.shown !== null && field.shown !== before) fresh.push(field);
  }
  return fresh;
}
