/**
 * The merchant's `styles` and `fontCss` in the card frame: every declaration through the CSS
 * allowlist and value filter, fonts only from the allowed hosts, and a list of what was refused.
 * A chunk beside the frame bundle: the frame loads it only when the page passes styles or fonts.
 */
import { CARD_FIELDS, FIELD_STYLE_STATES, type CardStyles, type CssDeclarations, type FieldStyle } from '../../protocol/card.js';
import { toKebabCase } from '../../protocol/style-policy.js';
import { filterDeclarations, isAllowedFontUrl } from '../../protocol/css-allowlist.js';
import { fieldClass, type MerchantStyling, type StyleConfig } from './styles.js';

type FieldStyleState = (typeof FIELD_STYLE_STATES)[number];

const STATE_SELECTORS: Readonly<Record<FieldStyleState, (scope: string) => string>> = {
  default: (s) => `${s} .mc-input`,
  focus: (s) => `${s} .mc-input:focus`,
  error: (s) => `${s}.is-error .mc-input`,
  valid: (s) => `${s}.is-valid .mc-input`,
  errorFocus: (s) => `${s}.is-error .mc-input:focus`,
  validFocus: (s) => `${s}.is-valid .mc-input:focus`,
  container: (s) => s,
  label: (s) => `${s} .mc-label`,
  validationText: (s) => `${s} .mc-error`,
  validationIcon: (s) => `${s} .mc-error-icon`,
};

function rule(selector: string, declarations: CssDeclarations | undefined): string {
  const { accepted } = filterDeclarations(declarations);
  const body = Object.entries(accepted)
    .map(([property, value]) => `${toKebabCase(property)}:${value}`)
    .join(';');
  return body ? `${selector}{${body}}` : '';
}

/**
 * CSS for the merchant's `styles` (seed 004 shape). Per field, `base` and the field's own
 * declarations merge (the field's win), and states come in the order default, focus, error, valid,
 * errorFocus, validFocus so the more specific state wins. Every declaration is filtered.
 */
export function merchantCss(styles: CardStyles | undefined): string {
  if (!styles || typeof styles !== 'object') return '';
  const rules: string[] = [rule('.mc-form', styles.form), rule('.mc-brand', styles.cardIcon)];
  for (const field of CARD_FIELDS) {
    const base: FieldStyle = styles.base ?? {};
    const own: FieldStyle = styles[field] ?? {};
    for (const state of FIELD_STYLE_STATES) {
      const merged = { ...filterDeclarations(base[state]).accepted, ...filterDeclarations(own[state]).accepted };
      rules.push(rule(STATE_SELECTORS[state](`.mc-field.${fieldClass(field)}`), merged));
    }
  }
  return rules.filter(Boolean).join('\n');
}

/**
 * What the CSS policy refused in the merchant's `styles` and `fontCss`: the frame says it back in
 * its answer to `configure`, and the element writes it to the developer's console.
 */
export function refusedStyling(config: StyleConfig, framesOrigin: string): string[] {
  const notes: string[] = [];
  const check = (declarations: CssDeclarations | undefined, path: string) => {
    for (const { property, reason } of filterDeclarations(declarations).rejected) notes.push(`styles.${path}.${property} was dropped (${reason}).`);
  };
  const styles = config.styles ?? {};
  check(styles.form, 'form');
  check(styles.cardIcon, 'cardIcon');
  for (const group of ['base', ...CARD_FIELDS] as const) for (const state of FIELD_STYLE_STATES) check(styles[group]?.[state], `${group}.${state}`);
  for (const url of config.fontCss ?? []) {
    if (!isAllowedFontUrl(url, framesOrigin)) notes.push(`fontCss "${url}" is not loaded: fonts may come only over https from an allowed font host.`);
  }
  return notes.slice(0, 64).map((note) => note.slice(0, 300));
}

/** The `fontCss` URLs that may be loaded in the frame. */
export function allowedFontUrls(urls: readonly string[] | undefined, framesOrigin: string): string[] {
  return (urls ?? []).filter((url) => typeof url === 'string' && isAllowedFontUrl(url, framesOrigin));
}

/**
 * The card frame's merchant styling. Only a frame that takes `styles` and `fontCss` from the host
 * passes it to the fields (the card frame); the checkout's fields have none to apply.
 */
export const merchantStyling: MerchantStyling = (config) => ({ css: merchantCss(config.styles), fonts: allowedFontUrls(config.fontCss, location.origin) });
