/**
 * The only way CSS crosses from the merchant page into a frame: an allowlist of properties and a
 * filter on values. The frame applies it to everything it receives (it does not trust the host)
 * and says what it refused in its answer to `configure`, which the element writes to the console.
 * The host keeps only the value check for the theme variables it reads from the page.
 */
import type { CssDeclarations } from './card.js';

/** CSS properties a merchant may set, in their camelCase (JavaScript) spelling. */
export const ALLOWED_CSS_PROPERTIES: ReadonlySet<string> = new Set([
  'color',
  'backgroundColor',
  'caretColor',
  'opacity',
  'fontFamily',
  'fontSize',
  'fontStyle',
  'fontWeight',
  'fontVariant',
  'letterSpacing',
  'lineHeight',
  'textAlign',
  'textDecoration',
  'textShadow',
  'textTransform',
  'padding',
  'paddingTop',
  'paddingRight',
  'paddingBottom',
  'paddingLeft',
  'margin',
  'marginTop',
  'marginRight',
  'marginBottom',
  'marginLeft',
  'border',
  'borderTop',
  'borderRight',
  'borderBottom',
  'borderLeft',
  'borderColor',
  'borderStyle',
  'borderWidth',
  'borderRadius',
  'boxShadow',
  'outline',
  'outlineColor',
  'outlineOffset',
  'outlineStyle',
  'outlineWidth',
  'height',
  'minHeight',
  'maxHeight',
  'width',
  'minWidth',
  'maxWidth',
  'gap',
  'transition',
]);

/** Longest value accepted for one declaration. */
export const MAX_CSS_VALUE_LENGTH = 200;

/**
 * Patterns that must never appear in a value: anything that loads a resource, runs script, or
 * breaks out of the declaration or the rule.
 */
const FORBIDDEN_VALUE = /url\s*\(|image-set\s*\(|@import|expression\s*\(|javascript\s*:|-moz-binding|behavior\s*:|[;{}<>\\]|\/\*|\*\//i;

/** Characters a CSS value may use at all; everything else is refused. */
const VALUE_CHARACTERS = /^[\w\s#%.,()'"+\-/!:]*$/u;

/** Why a declaration was refused. */
export interface RejectedDeclaration {
  property: string;
  reason: 'property-not-allowed' | 'value-not-allowed';
}

/** True when a value is safe to put into a declaration in a frame. */
export function isSafeCssValue(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= MAX_CSS_VALUE_LENGTH &&
    VALUE_CHARACTERS.test(value) &&
    !FORBIDDEN_VALUE.test(value)
  );
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

/**
 * Keeps the declarations whose property is allowed and whose value passes the filter.
 * Accepts both `fontSize` and `font-size` spellings; returns camelCase keys.
 */
export function filterDeclarations(declarations: unknown): {
  accepted: CssDeclarations;
  rejected: RejectedDeclaration[];
} {
  const accepted: CssDeclarations = {};
  const rejected: RejectedDeclaration[] = [];
  if (typeof declarations !== 'object' || declarations === null || Array.isArray(declarations)) {
    return { accepted, rejected };
  }
  for (const [rawProperty, value] of Object.entries(declarations)) {
    const property = toCamelCase(rawProperty);
    if (!ALLOWED_CSS_PROPERTIES.has(property)) {
      rejected.push({ property: rawProperty, reason: 'property-not-allowed' });
    } else if (!isSafeCssValue(value)) {
      rejected.push({ property: rawProperty, reason: 'value-not-allowed' });
    } else {
      accepted[property] = value.trim();
    }
  }
  return { accepted, rejected };
}

/** Hosts that font stylesheets (`fontCss`) may come from, over https only. */
export const ALLOWED_FONT_HOSTS: readonly string[] = [
  'fonts.googleapis.com',
  'fonts.bunny.net',
  'use.typekit.net',
];

/**
 * True when a `fontCss` URL may be loaded in a frame: https on an allowed host, or any path on
 * the frames origin itself (the sandbox serves a test font there).
 */
export function isAllowedFontUrl(url: string, framesOrigin: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  if (parsed.origin === framesOrigin) return true;
  return parsed.protocol === 'https:' && ALLOWED_FONT_HOSTS.includes(parsed.hostname);
}
