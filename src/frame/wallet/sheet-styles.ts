/**
 * The sandbox wallet sheet's look: it comes with the sheet's code, which a live frame never loads.
 */
import { adoptStylesOnce } from '../adopt-styles.js';
import { DANGER, PRIMARY, RADIUS } from './styles.js';

const SHEET_CSS = `
.mw-backdrop{position:fixed;inset:0;z-index:1;box-sizing:border-box;display:grid;place-items:center;padding:16px;overflow:auto;overscroll-behavior:contain;background:rgb(0 0 0 / 45%)}
.mw-backdrop>.mw-sheet{width:100%;max-width:420px;max-height:100%;overflow:auto}
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
`;

/** Adds the sheet's stylesheet to a document, once. */
export const adoptSheetStyles = (doc: Document): void => adoptStylesOnce(doc, SHEET_CSS);
