/**
 * The only way CSS crosses from the merchant page into a frame: a filter on values here, and an
 * allowlist of properties and font hosts in `./css-allowlist.ts`. The frames apply both to
 * everything they receive (they do not trust the host) and say what they refused in their answer
 * to `configure`, which the element writes to the console. The host uses only the value check,
 * for the theme variables it reads from the page.
 */

/** Longest value accepted for one declaration. */
export const MAX_CSS_VALUE_LENGTH = 200;

/**
 * Patterns that must never appear in a value: anything that loads a resource, runs script, or
 * breaks out of the declaration or the rule.
 */
const FORBIDDEN_VALUE = /url\s*\(|image-set\s*\(|@import|expression\s*\(|javascript\s*:|-moz-binding|behavior\s*:|[;{}<>\\]|\/\*|\*\//i;

/** Characters a CSS value may use at all; everything else is refused. */
const VALUE_CHARACTERS = /^[\w\s#%.,()'"+\-/!:]*$/u;

/** True when a value is safe to put into a declaration in a frame. */
export function isSafeCssValue(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_CSS_VALUE_LENGTH && VALUE_CHARACTERS.test(value) && !FORBIDDEN_VALUE.test(value);
}

/** `scope{…}` setting the custom properties of `known` whose values are safe; `''` when there are none. */
export function customPropertiesCss(variables: unknown, known: readonly string[], scope = ':root'): string {
  if (!variables || typeof variables !== 'object') return '';
  const body = Object.entries(variables)
    .filter((entry): entry is [string, string] => known.includes(entry[0]) && isSafeCssValue(entry[1]))
    .map(([name, value]) => `${name}:${value.trim()}`)
    .join(';');
  return body ? `${scope}{${body}}` : '';
}

/** Turns `fontSize` into `font-size`. */
export function toKebabCase(property: string): string {
  return property.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** Turns `font-size` into `fontSize`. */
export function toCamelCase(property: string): string {
  return property.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
