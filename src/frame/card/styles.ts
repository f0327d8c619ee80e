/**
 * The card frame's stylesheets: the defaults (themeable through `--moment-*` custom properties),
 * the theme values, and the merchant's `styles`. Everything that comes from the host passes the
 * protocol's style policy here again: the frame does not trust the host. Sheets are constructable
 * (`adoptedStyleSheets`), which the frame's CSP does not block.
 */
import { THEME_VARIABLES, type CardField, type CardStyles } from '../../protocol/card.js';
import { customPropertiesCss } from '../../protocol/style-policy.js';
import { CARD_LAYOUT as L } from '../../protocol/layout.js';

const PRIMARY = 'var(--moment-color-primary,#0b63ce)';
const DANGER = 'var(--moment-color-danger,#c5221f)';
const SUCCESS = 'var(--moment-color-success,#1e7b34)';

/**
 * Rules for a page that holds nothing but the fields (the card frame): no margins, and a body
 * whose height is the content height, which the frame reports to the host.
 */
export const FRAME_PAGE_CSS = 'html,body{margin:0;padding:0;background:transparent}body{display:flow-root}';

/**
 * Below this width the card number field moves the brand icon from inside the input (where it
 * takes 54 px of the text's room) to the end of the label's line, so that a full 16 to 19-digit
 * number fits without running under the icon or being cut off (a 320 px phone).
 */
const NARROW_NUMBER = 300;
/** The brand icon on the label's line: its height, the width at the icon's 34:22 ratio. */
const BRAND_ON_LABEL = { width: Math.round((L.labelLineHeight * 34) / 22), height: L.labelLineHeight };

/** Default look, in a cascade layer: any rule outside it (the merchant's styles, the checkout page's) wins. */
export const DEFAULT_CSS = `@layer mc{
.mc-root{box-sizing:border-box;padding:${L.padding}px;font-family:var(--moment-font-family,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif);font-size:var(--moment-font-size,16px);font-weight:var(--moment-font-weight,400);line-height:1.4;color:var(--moment-color-text,#1b1b1f)}
.mc-form{display:grid;grid-template-columns:1fr 1fr;gap:var(--moment-spacing,${L.rowGap}px);margin:0}
.mc-form[hidden]{display:none}
.mc-field{grid-column:1/-1;display:flex;flex-direction:column;gap:${L.labelGap}px;min-width:0}
.mc-field-expiryDate,.mc-field-cv2{grid-column:auto}
@media (max-width:220px){.mc-field-expiryDate,.mc-field-cv2{grid-column:1/-1}}
.mc-label{color:var(--moment-color-label,#45464f);font-size:.875em;font-weight:500;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;line-height:${L.labelLineHeight}px;line-height:max(${L.labelLineHeight}px,round(up,1.4em,1px))}
.mc-control{position:relative}
.mc-input{box-sizing:border-box;width:100%;min-height:${L.inputHeight}px;height:var(--moment-input-height,${L.inputHeight}px);margin:0;padding:var(--moment-input-padding,10px 12px);font:inherit;color:inherit;background:var(--moment-color-background,#fff);border:var(--moment-border-width,1px) solid var(--moment-color-border,#8e9099);border-radius:var(--moment-border-radius,6px);outline:2px solid transparent;outline-offset:1px;transition:border-color .15s,box-shadow .15s;-webkit-appearance:none;appearance:none}
.mc-field-cardNumber .mc-input{padding-right:54px}
.mc-input::placeholder{color:var(--moment-color-placeholder,#6f7079);opacity:1}
.mc-input:focus{border-color:${PRIMARY};box-shadow:0 0 0 3px color-mix(in srgb,${PRIMARY} 35%,transparent)}
.is-valid .mc-input{border-color:${SUCCESS}}
.is-error .mc-input{border-color:${DANGER}}
.is-error .mc-input:focus{box-shadow:0 0 0 3px color-mix(in srgb,${DANGER} 30%,transparent)}
.mc-input:disabled{opacity:.6;cursor:not-allowed}
.mc-brand{position:absolute;top:50%;right:10px;display:flex;width:34px;height:22px;transform:translateY(-50%);pointer-events:none}
[dir=rtl] .mc-brand{right:auto;left:10px}
[dir=rtl] .mc-field-cardNumber .mc-input{padding-right:12px;padding-left:54px}
[dir=rtl] .mc-input[dir=ltr]{text-align:right}
.mc-field-cardNumber{container:mc-number/inline-size}
@container mc-number (max-width:${NARROW_NUMBER - 0.02}px){
.mc-field-cardNumber .mc-label{padding-inline-end:${BRAND_ON_LABEL.width + 5}px}
.mc-field-cardNumber .mc-input,[dir=rtl] .mc-field-cardNumber .mc-input{padding:var(--moment-input-padding,10px 12px)}
.mc-brand{top:auto;right:0;bottom:calc(100% + ${L.labelGap}px);width:${BRAND_ON_LABEL.width}px;height:${BRAND_ON_LABEL.height}px;transform:none}
[dir=rtl] .mc-brand{right:auto;left:0}
}
@container mc-number (max-width:240px){.mc-field-cardNumber .mc-input{font-size:.9375em}}
.mc-brand svg{width:100%;height:100%}
.mc-error{display:flex;align-items:center;gap:6px;color:${DANGER};font-size:.8125em}
.mc-error[hidden]{display:none}
.mc-error-icon{display:inline-flex;flex:none;align-items:center;justify-content:center;width:14px;height:14px;border-radius:50%;background-color:${DANGER};color:#fff;font-size:10px;font-weight:700;line-height:1}
.mc-visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:-1px!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;white-space:nowrap!important;border:0!important}
@media (forced-colors:active){.mc-input:focus{outline-color:Highlight}}
@media (prefers-reduced-motion:reduce){.mc-input{transition:none}}
}
`;

/** Class of each field's container, also the scope of its generated rules. */
export const fieldClass = (field: CardField): string => `mc-field-${field}`;

/** `:root` (or `:host`) declarations for the theme variables that are known and safe. */
export const themeCss = (variables: Record<string, string> | undefined, scope?: string): string => customPropertiesCss(variables, THEME_VARIABLES, scope);

export interface StyleConfig {
  styles?: CardStyles;
  themeVariables?: Record<string, string>;
  fontCss?: readonly string[];
}

/** Turns the merchant's `styles` and `fontCss` into filtered CSS and font URLs (see `./merchant-styles.ts`). */
export type MerchantStyling = (config: StyleConfig) => { css: string; fonts: string[] };

/** Whether a configuration carries any merchant `styles` or `fontCss` to apply. */
export const hasMerchantStyling = (config: StyleConfig): boolean => Boolean(config.fontCss?.length) || hasValues(config.styles);
const hasValues = (value: unknown): boolean =>
  typeof value === 'string' || (typeof value === 'object' && value !== null && Object.values(value).some(hasValues));

/** Owns the frame's sheets and font links on one document or shadow root. */
export class FrameStyles {
  readonly #defaults = new CSSStyleSheet();
  readonly #theme = new CSSStyleSheet();
  readonly #merchant = new CSSStyleSheet();
  readonly #fontLinks = new Map<string, HTMLLinkElement>();

  readonly #root: Document | ShadowRoot;
  readonly #merchantStyling: MerchantStyling | undefined;

  constructor(root: Document | ShadowRoot, merchantStyling?: MerchantStyling) {
    this.#root = root;
    this.#merchantStyling = merchantStyling;
    this.#defaults.replaceSync(DEFAULT_CSS);
    const own = [this.#defaults, this.#theme, this.#merchant];
    root.adoptedStyleSheets = [...root.adoptedStyleSheets.filter((s) => !own.includes(s)), ...own];
  }

  update(config: StyleConfig): void {
    this.#theme.replaceSync(themeCss(config.themeVariables, this.#root instanceof ShadowRoot ? ':host' : ':root'));
    const merchant = this.#merchantStyling?.(config);
    this.#merchant.replaceSync(merchant?.css ?? '');
    this.#updateFonts(merchant?.fonts ?? []);
  }

  #updateFonts(urls: string[]): void {
    const doc = this.#root instanceof ShadowRoot ? this.#root.ownerDocument : this.#root;
    for (const [url, link] of this.#fontLinks) {
      if (!urls.includes(url)) {
        link.remove();
        this.#fontLinks.delete(url);
      }
    }
    for (const url of urls) {
      if (this.#fontLinks.has(url)) continue;
      const link = doc.createElement('link');
      link.rel = 'stylesheet';
      link.referrerPolicy = 'no-referrer';
      link.href = url;
      doc.head.append(link);
      this.#fontLinks.set(url, link);
    }
  }

  destroy(): void {
    const own = [this.#defaults, this.#theme, this.#merchant];
    this.#root.adoptedStyleSheets = this.#root.adoptedStyleSheets.filter((s) => !own.includes(s));
    for (const link of this.#fontLinks.values()) link.remove();
    this.#fontLinks.clear();
  }
}
