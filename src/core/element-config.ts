/**
 * What every frame element does with its configuration before it can open a frame: take its own
 * attributes or else an enclosing `<moment-checkout>`'s scope, check the key and the token, and
 * work out the frames origin (SPEC §2.4). Also how merchant callbacks are called.
 */
import type { ClientTokenClaims } from '../protocol/api.js';
import { readClientToken } from './client-token.js';
import type { CheckoutScope } from './context.js';
import { parseClientKey, resolveFramesOrigin, type Environment } from './keys.js';

export interface ElementConfig {
  clientKey: string | null;
  clientToken: string | null;
  framesOrigin: string | null;
}

export interface FrameTarget {
  environment: Environment;
  claims: ClientTokenClaims;
  /** The frames origin to load from. */
  origin: string;
}

/** Own attributes, else the enclosing checkout's scope. */
export function scopedConfig(own: ElementConfig, scope: CheckoutScope | undefined): ElementConfig {
  return {
    clientKey: own.clientKey ?? scope?.clientKey ?? null,
    clientToken: own.clientToken ?? scope?.clientToken ?? null,
    framesOrigin: own.framesOrigin ?? scope?.framesOrigin ?? null,
  };
}

/**
 * Where the frame comes from. `undefined` while the configuration is incomplete (nothing yet, or
 * a key whose token has not arrived): wait quietly. Throws `ConfigError` for a bad key or token.
 */
export function resolveFrameTarget(config: ElementConfig): FrameTarget | undefined {
  if (!config.clientKey && !config.clientToken) return undefined;
  const environment = parseClientKey(config.clientKey);
  if (!config.clientToken) return undefined;
  const claims = readClientToken(config.clientToken);
  if (environment === 'production' && config.framesOrigin) {
    console.warn('Moment Elements: frames-origin is ignored for pk_live_ keys; production frames always come from the provider.');
  }
  return { environment, claims, origin: resolveFramesOrigin(environment, config.framesOrigin, claims) };
}

/** Calls a merchant callback; an exception in it is reported, never breaks the element. */
export function invokeCallback<A extends unknown[]>(tag: string, fn: ((...args: A) => void) | undefined, ...args: A): void {
  if (typeof fn !== 'function') return;
  try {
    fn(...args);
  } catch (error) {
    console.error(`Moment Elements <${tag}>: a callback threw.`, error);
  }
}
