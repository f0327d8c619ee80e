/**
 * The types every React component of the elements shares: element properties as props, element
 * events as `on<EventName>` props. Types only: nothing here reaches an app's bundle.
 */
import type { HTMLAttributes } from 'react';
import type { LitElement } from 'lit';

export type PascalCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${PascalCase<Tail>}` : Capitalize<S>;

/** The React prop of a DOM event: `payment-success` → `onPaymentSuccess`. */
export type EventPropName<E extends string> = `on${PascalCase<E>}`;

/** One optional handler prop per event of an event map, receiving the typed `CustomEvent`. */
export type EventProps<M> = { [K in keyof M & string as EventPropName<K>]?: (event: CustomEvent<M[K]>) => void };

/** The prop → event-name table for an event map: exactly one entry per event, so a missing or stray entry fails to compile. */
export type EventTable<M> = { [K in keyof M & string as EventPropName<K>]: K };

export type IfEquals<X, Y, A, B> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? A : B;
/** Public, writable, non-method members of an element class that a plain HTMLElement / LitElement does not have. */
export type SettableKeys<I> = {
  [K in Exclude<keyof I, keyof LitElement | symbol>]-?: I[K] extends (...args: never[]) => unknown
    ? never
    : IfEquals<Pick<I, K>, { -readonly [Q in K]: I[Q] }, K, never>;
}[Exclude<keyof I, keyof LitElement | symbol>];

/** The element's properties, as optional props (set as properties, never as attributes). */
export type ElementProps<I> = Partial<Pick<I, SettableKeys<I>>>;

/** Props of a wrapped element: its properties, its events as `on<EventName>` and the usual HTML attributes. */
export type WrappedElementProps<I extends HTMLElement, M> = Omit<HTMLAttributes<I>, keyof EventProps<M> | keyof ElementProps<I>> &
  Omit<ElementProps<I>, keyof EventProps<M>> &
  EventProps<M>;
