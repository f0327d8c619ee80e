/** Small brand badges drawn as inline SVG (no image requests; decorative, `aria-hidden`). */
import type { CardBrand } from '../../protocol/card.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

interface Badge {
  background: string;
  color: string;
  text: string;
}

const BADGES: Partial<Record<CardBrand, Badge>> = {
  visa: { background: '#1a1f71', color: '#fff', text: 'VISA' },
  'american-express': { background: '#1f72cd', color: '#fff', text: 'AMEX' },
  discover: { background: '#fff', color: '#e55c20', text: 'DISC' },
  'diners-club': { background: '#0079be', color: '#fff', text: 'DC' },
  jcb: { background: '#0b7a3b', color: '#fff', text: 'JCB' },
  unionpay: { background: '#d10429', color: '#fff', text: 'UP' },
  mir: { background: '#0f754e', color: '#fff', text: 'MIR' },
  elo: { background: '#000', color: '#ffcb05', text: 'elo' },
  hiper: { background: '#f37421', color: '#fff', text: 'HIPER' },
  hipercard: { background: '#b3131b', color: '#fff', text: 'HIPER' },
};

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  return node;
}

/** An SVG badge for a brand; a neutral card outline for `unknown`. */
export function brandIcon(brand: CardBrand): SVGSVGElement {
  const svg = el('svg', { viewBox: '0 0 34 22', width: 34, height: 22, 'aria-hidden': 'true', focusable: 'false' });
  const frame = (fill: string, stroke = '#d0d1d6') => el('rect', { x: 0.5, y: 0.5, width: 33, height: 21, rx: 3, fill, stroke });
  if (brand === 'mastercard' || brand === 'maestro') {
    svg.append(
      frame('#fff'),
      el('circle', { cx: 13.5, cy: 11, r: 6.5, fill: brand === 'mastercard' ? '#eb001b' : '#ed0006' }),
      el('circle', { cx: 20.5, cy: 11, r: 6.5, fill: brand === 'mastercard' ? '#f79e1b' : '#0099df', 'fill-opacity': 0.9 }),
    );
    return svg;
  }
  const badge = BADGES[brand];
  if (!badge) {
    svg.append(
      frame('#fff'),
      el('rect', { x: 0.5, y: 5, width: 33, height: 4, fill: '#d0d1d6' }),
      el('rect', { x: 4, y: 13, width: 10, height: 3, rx: 1, fill: '#d0d1d6' }),
    );
    return svg;
  }
  const text = el('text', {
    x: 17,
    y: 14.5,
    'text-anchor': 'middle',
    'font-family': 'Arial,Helvetica,sans-serif',
    'font-size': badge.text.length > 4 ? 7 : 9,
    'font-weight': 700,
    fill: badge.color,
  });
  text.textContent = badge.text;
  svg.append(frame(badge.background), text);
  return svg;
}
