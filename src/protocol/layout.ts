/**
 * The default layout of the card and wallet frames, in whole CSS pixels: the frames' stylesheets
 * are written from these numbers, and the host reserves exactly the height they add up to while a
 * frame loads, so nothing on the page moves when it is ready. Whole pixels because engines round
 * fractions differently (a 14 px label at line height 1.4 is 19.6 px in Chromium and Firefox, 19 px
 * in WebKit).
 */

/** The card frame: padding around the form, and per field a label line, a gap and the input. */
export const CARD_LAYOUT = {
  padding: 4,
  /** The label's line box (14 px text); the stylesheet rounds 1.4 × its font size up to whole pixels. */
  labelLineHeight: 20,
  labelGap: 4,
  inputHeight: 44,
  /** Between rows of fields (`--moment-spacing`). */
  rowGap: 12,
} as const;

/** A theme value in whole pixels (`12px`), else `fallback`: other units depend on what the frame inherits. */
export const pixels = (value: string | undefined, fallback: number): number => {
  const match = /^\s*(\d+(?:\.\d+)?)px\s*$/.exec(value ?? '');
  return match ? Number(match[1]) : fallback;
};

/**
 * The card frame's height before any message is shown: number, expiry and code, name. `theme` is
 * the element's `--moment-*` values: a pixel `--moment-input-height` or `--moment-spacing` counts.
 */
export function cardFrameHeight(hideCardName: boolean, theme: Readonly<Record<string, string>> = {}): number {
  const { padding, labelLineHeight, labelGap } = CARD_LAYOUT;
  const inputHeight = Math.max(CARD_LAYOUT.inputHeight, pixels(theme['--moment-input-height'], CARD_LAYOUT.inputHeight));
  const rowGap = pixels(theme['--moment-spacing'], CARD_LAYOUT.rowGap);
  const rows = hideCardName ? 2 : 3;
  return Math.ceil(2 * padding + rows * (labelLineHeight + labelGap + inputHeight) + (rows - 1) * rowGap);
}

/** The wallet frame: the button (`--moment-wallet-height`, never below `minButtonHeight`) and padding around it for the focus ring. */
export const WALLET_LAYOUT = { padding: 4, buttonHeight: 48, minButtonHeight: 40 } as const;

/** The wallet frame's height for a button height (`--moment-wallet-height` in px, or the default). */
export function walletFrameHeight(buttonHeight: number = WALLET_LAYOUT.buttonHeight): number {
  const height = Number.isFinite(buttonHeight) ? Math.max(WALLET_LAYOUT.minButtonHeight, buttonHeight) : WALLET_LAYOUT.buttonHeight;
  return Math.ceil(height) + 2 * WALLET_LAYOUT.padding;
}
