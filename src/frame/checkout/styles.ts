/**
 * The checkout page's own look, on top of the card fields' defaults (card/styles.ts), themed by
 * the same `--moment-*` custom properties. Fits 320 px and up; no motion when the customer asks.
 */
export const CHECKOUT_CSS = `
html,body{margin:0;padding:0;background:var(--moment-color-background,#fff)}
:root,:root>body{background:var(--moment-color-background,#fff)}
body{display:flow-root}
.mc-checkout{box-sizing:border-box;max-width:560px;margin:0 auto;padding:20px 16px;font-family:var(--moment-font-family,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif);font-size:var(--moment-font-size,16px);line-height:1.4;color:var(--moment-color-text,#1b1b1f);display:flex;flex-direction:column;gap:20px}
.mc-checkout *,.mc-checkout *::before,.mc-checkout *::after{box-sizing:border-box}
.mc-header{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:8px}
.mc-test-badge{flex:none;padding:2px 8px;border-radius:4px;background:#fff4ce;color:#5c4400;border:1px solid #e8c75a;font-size:.8125em;font-weight:650;line-height:1.4}
.mc-test-badge[hidden]{display:none}
.mc-title{margin:0;font-size:1.375em;font-weight:650;overflow-wrap:anywhere}
.mc-summary{display:flex;flex-direction:column}
.mc-summary[hidden]{display:none}
.mc-lines{width:100%;border-collapse:collapse;border-spacing:0}
.mc-line-label,.mc-total-label{padding-block:3px;padding-inline:0 12px;text-align:start;vertical-align:baseline;font-weight:400;min-width:0;overflow-wrap:anywhere}
.mc-line-amount,.mc-total-amount{padding-block:3px;padding-inline:0;text-align:end;vertical-align:baseline;white-space:nowrap;font-variant-numeric:tabular-nums}
.mc-line-detail{display:block;color:var(--moment-color-label,#45464f);font-size:.875em}
.mc-taxes{color:var(--moment-color-label,#45464f);font-size:.9375em}
.mc-items+.mc-taxes>tr:first-child>*{padding-top:10px}
.mc-total>*{padding-top:10px;border-top:var(--moment-border-width,1px) solid var(--moment-color-border,#8e9099);font-weight:650;font-size:1.125em}
.mc-lines>.mc-total-group:first-child .mc-total>*{border-top:0;padding-top:0}
.mc-section-title{margin:0 0 2px;padding:0;font-size:1em;font-weight:650}
.mc-card .mc-root{padding:0}
.mc-attempt{margin:0;padding:10px 12px;border:var(--moment-border-width,1px) solid var(--moment-color-danger,#c5221f);border-radius:var(--moment-border-radius,6px);color:var(--moment-color-danger,#c5221f);background:color-mix(in srgb,var(--moment-color-danger,#c5221f) 6%,transparent);outline:none}
.mc-attempt[hidden]{display:none}
.mc-pay{display:inline-flex;align-items:center;justify-content:center;gap:10px;width:100%;min-height:48px;margin:0;padding:10px 16px;font:inherit;font-weight:650;color:#fff;background:var(--moment-color-primary,#0b63ce);border:0;border-radius:var(--moment-border-radius,6px);cursor:pointer}
.mc-pay[hidden]{display:none}
.mc-pay:focus-visible{outline:3px solid var(--moment-color-primary,#0b63ce);outline-offset:2px}
.mc-pay:disabled{cursor:progress;opacity:.75}
.mc-pay[aria-busy="true"]::before{content:"";width:1em;height:1em;border:2px solid currentColor;border-right-color:transparent;border-radius:50%;animation:mc-spin .8s linear infinite}
@keyframes mc-spin{to{transform:rotate(1turn)}}
.mc-state{display:flex;flex-direction:column;align-items:center;gap:8px;padding:16px 0;text-align:center;outline:none}
.mc-state[hidden],.mc-body[hidden]{display:none}
.mc-state-icon{width:48px;height:48px}
.mc-state-heading{margin:0;font-size:1.25em;font-weight:650;outline:none}
.mc-state-text{margin:0;color:var(--moment-color-label,#45464f)}
.mc-state-link{color:var(--moment-color-primary,#0b63ce)}
.mc-state[data-state="success"] .mc-state-icon{color:var(--moment-color-success,#1e7b34)}
.mc-state:not([data-state="success"]) .mc-state-icon{color:var(--moment-color-danger,#c5221f)}
.mc-state[data-state="loading"] .mc-state-icon,.mc-state[data-state="redirect"] .mc-state-icon{color:var(--moment-color-primary,#0b63ce)}
.mc-body{display:flex;flex-direction:column;gap:20px}
.mc-body[data-challenge]>:not(.mc-card){display:none}
.mc-visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:-1px!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;white-space:nowrap!important;border:0!important}
@media (forced-colors:active){.mc-pay{border:2px solid ButtonText}}
@media (prefers-reduced-motion:reduce){.mc-pay[aria-busy="true"]::before{animation:none;border-right-color:currentColor;opacity:.6}}
`;
