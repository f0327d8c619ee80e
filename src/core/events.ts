/**
 * The DOM events of the elements: one detail type per event, all `bubbles` and `composed`, all
 * registered in `GlobalEventHandlersEventMap` so listeners type-check.
 */
import type { CardChange, CardField, TransactionResult, ValidationError } from '../protocol/card.js';
import type { ConfigError } from './keys.js';

/** Detail of `load-error`. */
export interface LoadErrorDetail {
  code: ConfigError['code'] | 'timeout' | 'frame_error';
  message: string;
}

/** Detail of `ready`. */
export interface ReadyDetail {
  /** Content height of the frame in CSS pixels. */
  height: number;
}

/** Detail of `payment-failure` when no transaction result exists (e.g. the frame was removed). */
export interface PaymentProblem {
  message: string;
  code?: string;
}

/** Every event the elements fire, by name, with its detail. */
export interface MomentEventDetails {
  ready: ReadyDetail;
  'load-error': LoadErrorDetail;
  change: CardChange;
  'validation-error': { errors: ValidationError[] };
  'field-valid': { field: CardField };
  'form-complete': Record<string, never>;
  'field-focus': { field: CardField };
  'field-blur': { field: CardField; formValid: boolean };
  'submit-request': Record<string, never>;
  'payment-success': TransactionResult;
  'payment-failure': TransactionResult | PaymentProblem;
  'payment-attempt-failed': TransactionResult;
  'payment-cancel': Record<string, never>;
  'payment-expired': PaymentProblem;
}
export type MomentEventName = keyof MomentEventDetails;

/** Fires a typed, bubbling, composed event from an element. */
export function emit<E extends MomentEventName>(target: EventTarget, name: E, detail: MomentEventDetails[E]): boolean {
  return target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

declare global {
  interface GlobalEventHandlersEventMap {
    ready: CustomEvent<ReadyDetail>;
    'load-error': CustomEvent<LoadErrorDetail>;
    'validation-error': CustomEvent<{ errors: ValidationError[] }>;
    'field-valid': CustomEvent<{ field: CardField }>;
    'form-complete': CustomEvent<Record<string, never>>;
    'field-focus': CustomEvent<{ field: CardField }>;
    'field-blur': CustomEvent<{ field: CardField; formValid: boolean }>;
    'submit-request': CustomEvent<Record<string, never>>;
    'payment-success': CustomEvent<TransactionResult>;
    'payment-failure': CustomEvent<TransactionResult | PaymentProblem>;
    'payment-attempt-failed': CustomEvent<TransactionResult>;
    'payment-cancel': CustomEvent<Record<string, never>>;
    'payment-expired': CustomEvent<PaymentProblem>;
  }
}
