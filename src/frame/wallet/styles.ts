/**
 * The wallet frame's look. The button follows Apple's and Google's rules: black or white (white
 * with an outline), at least 40 px high and 140 px wide, the label beside the wallet's mark,
 * corner radius from `--moment-wallet-radius` or `--moment-border-radius`, and a visible focus
 * ring (the page keeps a margin so the ring is never clipped by the iframe's edge).
 */
import { WALLET_THEME_VARIABLES } from '../../protocol/wallet.js';
import { customPropertiesCss } from '../../protocol/style-policy.js';
import { WALLET_LAYOUT as L } from '../../protocol/layout.js';

export const PRIMARY = 'var(--moment-color-primary,#0b63ce)';
export const DANGER = 'var(--moment-color-danger,#c5221f)';
export const RADIUS = 'var(--moment-wallet-radius,var(--moment-border-radius,6px))';

export const WALLET_CSS = `
html,body{margin:0;padding:0;background:transparent}
body{display:flow-root}
.mw-root{box-sizing:border-box;padding:${L.padding}px;font-family:var(--moment-font-family,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif);font-size:16px;line-height:1.4;color:var(--moment-color-text,#1b1b1f)}
.mw-button{box-sizing:border-box;display:flex;align-items:center;justify-content:center;gap:.35em;width:100%;min-width:140px;min-height:${L.minButtonHeight}px;height:max(${L.minButtonHeight}px,var(--moment-wallet-height,${L.buttonHeight}px));margin:0;padding:0 16px;border:1px solid transparent;border-radius:${RADIUS};font:inherit;font-size:17px;font-weight:500;letter-spacing:.01em;white-space:nowrap;overflow:hidden;cursor:pointer;-webkit-appearance:none;appearance:none}
.mw-button[hidden]{display:none}
.mw-button{container-type:inline-size}
.mw-root:has(.mw-sheet) .mw-button{visibility:hidden}
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
@media (forced-colors:active){.mw-button{border-color:ButtonText}.mw-button:focus-visible{outline-color:Highlight}}
`;

/** `:root` declarations for the wallet theme variables that are known and safe. */
export const walletThemeCss = (variables: Record<string, string> | undefined): string => customPropertiesCss(variables, WALLET_THEME_VARIABLES);
