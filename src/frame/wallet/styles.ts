/**
 * The wallet frame's look. The button follows Apple's and Google's rules: black or white (white
 * with an outline), at least 40 px high and 140 px wide, the label beside the wallet's mark,
 * corner radius from `--moment-wallet-radius` or `--moment-border-radius`, and a visible focus
 * ring (the page keeps a margin so the ring is never clipped by the iframe's edge).
 */
import { WALLET_THEME_VARIABLES } from '../../protocol/wallet.js';
import { customPropertiesCss } from '../../protocol/style-policy.js';

const PRIMARY = 'var(--moment-color-primary,#0b63ce)';
const DANGER = 'var(--moment-color-danger,#c5221f)';
const RADIUS = 'var(--moment-wallet-radius,var(--moment-border-radius,6px))';

export const WALLET_CSS = `
html,body{margin:0;padding:0;background:transparent}
body{display:flow-root}
.mw-root{box-sizing:border-box;padding:4px;font-family:var(--moment-font-family,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif);font-size:16px;line-height:1.4;color:var(--moment-color-text,#1b1b1f)}
.mw-button{box-sizing:border-box;display:flex;align-items:center;justify-content:center;gap:.35em;width:100%;min-width:140px;min-height:40px;height:max(40px,var(--moment-wallet-height,48px));margin:0;padding:0 16px;border:1px solid transparent;border-radius:${RADIUS};font:inherit;font-size:17px;font-weight:500;letter-spacing:.01em;white-space:nowrap;overflow:hidden;cursor:pointer;-webkit-appearance:none;appearance:none}
.mw-button[hidden]{display:none}
.mw-button{container-type:inline-size}
.mw-root:has(.mw-sheet) .mw-button{visibility:hidden}
.mw-backdrop{position:fixed;inset:0;z-index:1;box-sizing:border-box;display:grid;place-items:center;padding:16px;overflow:auto;overscroll-behavior:contain;background:rgb(0 0 0 / 45%)}
.mw-backdrop>.mw-sheet{width:100%;max-width:420px;max-height:100%;overflow:auto}
.mw-refusal{margin:6px 0 0;font-size:.8125em;color:${DANGER}}
.mw-refusal:empty{margin:0}
.mw-unavailable{white-space:normal;line-height:1.2;font-size:15px;text-align:center}
@container (max-width:230px){.mw-label{display:none}}
.mw-black{background:#000;color:#fff}
.mw-white{background:#fff;color:#000;border-color:#747775}
.mw-button:focus{outline:none}
.mw-button:focus-visible{outline:3px solid ${PRIMARY};outline-offset:2px}
.mw-button:disabled{cursor:not-allowed;opacity:.5}
.mw-button[aria-busy=true]{cursor:progress}
.mw-mark{display:inline-flex;align-items:center;gap:.25em;font-weight:600}
.mw-mark svg{width:1.15em;height:1.15em;flex:none}
.mw-label{font-weight:400}
.mw-apple-native{-webkit-appearance:-apple-pay-button;-apple-pay-button-style:black;padding:0}
.mw-apple-native.mw-white{-apple-pay-button-style:white-outline}
.mw-note{margin:6px 0 0;font-size:.8125em;color:var(--moment-color-label,#45464f)}
.mw-sheet{box-sizing:border-box;margin:0;padding:16px;border:1px solid var(--moment-color-border,#8e9099);border-radius:${RADIUS};background:var(--moment-color-background,#fff);color:var(--moment-color-text,#1b1b1f);box-shadow:0 6px 24px rgb(0 0 0 / 16%)}
.mw-sheet-head{display:flex;align-items:baseline;justify-content:space-between;gap:8px;margin:0 0 4px}
.mw-sheet h2{margin:0;font-size:1.125em;outline:none}
.mw-badge{padding:1px 6px;border-radius:4px;background:#fff4ce;color:#5c4400;font-size:.75em;font-weight:600}
.mw-total{display:flex;justify-content:space-between;margin:8px 0 12px;padding:8px 0;border-block:1px solid var(--moment-color-border,#d0d1d6)}
.mw-sheet form{display:grid;gap:12px;margin:0}
.mw-sheet fieldset{display:grid;gap:8px;margin:0;padding:0;border:0;min-width:0}
.mw-sheet legend{padding:0;margin-bottom:6px;font-weight:600;font-size:.9375em}
.mw-card{display:flex;align-items:center;gap:8px;min-height:44px;padding:0 10px;border:1px solid var(--moment-color-border,#8e9099);border-radius:6px;cursor:pointer}
.mw-card:has(input:checked){border-color:${PRIMARY};box-shadow:0 0 0 1px ${PRIMARY}}
.mw-card small{margin-inline-start:auto;color:var(--moment-color-label,#45464f)}
.mc-field{display:grid;gap:4px}
.mc-label{font-size:.875em;font-weight:500;color:var(--moment-color-label,#45464f)}
.mc-input{box-sizing:border-box;width:100%;min-height:44px;padding:8px 10px;font:inherit;color:inherit;background:var(--moment-color-background,#fff);border:1px solid var(--moment-color-border,#8e9099);border-radius:6px}
.mc-input:focus-visible,.mw-card input:focus-visible,.mw-actions button:focus-visible{outline:3px solid ${PRIMARY};outline-offset:2px}
.mc-input[aria-invalid=true]{border-color:${DANGER}}
.mc-error{color:${DANGER};font-size:.8125em}
.mc-error[hidden]{display:none}
.mw-status{margin:0;min-height:1.2em;font-size:.875em}
.mw-actions{display:flex;gap:8px;justify-content:flex-end}
.mw-actions button{min-height:44px;padding:0 18px;border-radius:6px;font:inherit;font-weight:600;cursor:pointer}
.mw-cancel{background:transparent;color:inherit;border:1px solid var(--moment-color-border,#8e9099)}
.mw-pay{background:#000;color:#fff;border:1px solid #000}
.mw-actions button:disabled{opacity:.6;cursor:progress}
@media (forced-colors:active){.mw-button{border-color:ButtonText}.mw-button:focus-visible{outline-color:Highlight}}
`;

/** `:root` declarations for the wallet theme variables that are known and safe. */
export const walletThemeCss = (variables: Record<string, string> | undefined): string => customPropertiesCss(variables, WALLET_THEME_VARIABLES);
