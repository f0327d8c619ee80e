/**
 * What every frame element does with its configuration before it can open a frame: take its own
 * attributes or else an enclosing `<moment-checkout>`'s scope, check the key and the token, and
 * work out the frames origin (SPEC §2.4). Also how merchant callbacks are called.
 */
import type { ClientTokenClaims } from '../protocol/api.js';
import { readClientToken } from './client-token.js';
import type { CheckoutScope } from './context.js';
import { ConfigError, parseClientKey, resolveFramesOrigin, type Environment } from './keys.js';

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
  // The component config carries only the token (`paymentDetails.paymentToken`): without a key,
  // the token's own environment claim decides, and a live token still gets only live frames.
  const environment = config.clientKey || !config.clientToken ? parseClientKey(config.clientKey) : environmentOfToken(config.clientToken);
  if (!config.clientToken) return undefined;
  const claims = readClientToken(config.clientToken);
  assertSameEnvironment(environment, claims);
  if (environment === 'production' && config.framesOrigin) {
    console.warn('Moment Elements: frames-origin is ignored for pk_live_ keys; production frames always come from the provider.');
  }
  return { environment, claims, origin: resolveFramesOrigin(environment, config.framesOrigin, claims) };
}

/** The environment a client token names, for an element given a token and no key. */
function environmentOfToken(token: string): Environment {
  const { env } = readClientToken(token);
  if (env === 'sandbox' || env === 'production') return env;
  return parseClientKey(null);
}

/** A live key with a sandbox token, or a test key with a production token, can never work: say so at once. */
export function assertSameEnvironment(environment: Environment, claims: Pick<ClientTokenClaims, 'env'>): void {
  if (!claims.env || claims.env === environment) return;
  const key = environment === 'production' ? 'a pk_live_ key' : 'a pk_test_ key';
  const token = claims.env === 'production' ? 'a production (live) session' : 'a sandbox (test) session';
  throw new ConfigError(
    'environment_mismatch',
    `The client key and the client token are from different environments: ${key} with the client token of ${token}. ` +
      'Create the session with the secret key of the same environment as your publishable key (sk_test_ with pk_test_, sk_live_ with pk_live_).',
  );
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

const warnings = new WeakMap<object, Set<string>>();

/** A console warning said once per element: a frame config is rebuilt on every update. */
export function warnOnce(element: object, message: string): void {
  let said = warnings.get(element);
  if (!said) warnings.set(element, (said = new Set()));
  if (said.has(message)) return;
  said.add(message);
  console.warn(message);
}
