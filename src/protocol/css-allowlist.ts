/**
 * Which CSS properties and font hosts a merchant's `styles` and `fontCss` may use, applied by the
 * card frame when the page passes them (a chunk beside the frame bundle, loaded only then).
 */
import type { CssDeclarations } from './card.js';
import { isSafeCssValue, toCamelCase } from './style-policy.js';

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

/** Why a declaration was refused. */
export interface RejectedDeclaration {
  property: string;
  reason: 'property-not-allowed' | 'value-not-allowed';
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
export const ALLOWED_FONT_HOSTS: readonly string[] = ['fonts.googleapis.com', 'fonts.bunny.net', 'use.typekit.net'];

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
