// The host's check of its own element at a click (`seenAt`), on real layouts: what hides,
// dims, distorts or covers an iframe on the page, through shadow roots.
import { expect, fixture, html } from '@open-wc/testing';
import { seenAt } from '../../src/core/visibility.js';

/** An iframe of 200×80 in a wrapper, styled by the test. */
async function setup(wrapperStyle = '', iframeStyle = '') {
  const wrapper = await fixture<HTMLDivElement>(html`<div style="position:relative;width:200px;height:80px;${wrapperStyle}"></div>`);
  const iframe = document.createElement('iframe');
  iframe.srcdoc = '<button>Pay</button>';
  iframe.style.cssText = `display:block;width:200px;height:80px;border:0;${iframeStyle}`;
  wrapper.append(iframe);
  return { wrapper, iframe };
}

describe('seenAt: the host element checks itself at a click', () => {
  it('a plain, visible iframe is seen, at a point and at its centre', async () => {
    const { iframe } = await setup();
    expect(seenAt(iframe, 20, 20)).to.deep.equal({ visible: true });
    expect(seenAt(iframe, -1, -1)).to.deep.equal({ visible: true });
  });

  it('moved, it is still seen (a translation changes nothing)', async () => {
    const { iframe } = await setup('transform:translate(30px, 10px)');
    expect(seenAt(iframe, 20, 20)).to.deep.equal({ visible: true });
  });

  for (const [style, reason] of [
    ['opacity:0', 'transparent'],
    ['opacity:0.5', 'transparent'],
    ['visibility:hidden', 'hidden'],
    ['filter:blur(2px)', 'effect'],
    ['filter:opacity(0.1)', 'effect'],
    ['transform:scale(0.1)', 'effect'],
    ['transform:rotate(180deg)', 'effect'],
    ['clip-path:inset(0 0 0 99%)', 'effect'],
    ['mask-image:linear-gradient(transparent, transparent)', 'effect'],
  ] as const) {
    it(`an ancestor with ${style}: not seen (${reason})`, async () => {
      const outer = await fixture<HTMLDivElement>(html`<div></div>`);
      outer.style.cssText = style;
      const { iframe, wrapper } = await setup();
      outer.append(wrapper);
      expect(seenAt(iframe, 20, 20)).to.deep.equal({ visible: false, reason });
    });
  }

  it('the iframe itself at opacity 0: not seen', async () => {
    const { iframe } = await setup('', 'opacity:0');
    expect(seenAt(iframe, 20, 20)).to.deep.equal({ visible: false, reason: 'transparent' });
  });

  it('an ancestor across a shadow root at opacity 0: not seen', async () => {
    const host = await fixture<HTMLDivElement>(html`<div style="opacity:0"></div>`);
    const { iframe, wrapper } = await setup();
    host.attachShadow({ mode: 'open' }).append(wrapper);
    expect(seenAt(iframe, 20, 20)).to.deep.equal({ visible: false, reason: 'transparent' });
  });

  for (const [name, cover] of [
    ['a cover that takes clicks', 'position:absolute;inset:0;background:#fff'],
    ['a cover with pointer-events: none', 'position:absolute;inset:0;background:#fff;pointer-events:none'],
    ['a cover with pointer-events: none !important', 'position:absolute;inset:0;background:#fff;pointer-events:none !important'],
  ] as const) {
    it(`${name}: not seen (covered), and its styles are left as they were`, async () => {
      const { wrapper, iframe } = await setup();
      const decoy = document.createElement('div');
      decoy.style.cssText = cover;
      wrapper.append(decoy);
      const before = decoy.style.cssText;
      expect(seenAt(iframe, 20, 20)).to.deep.equal({ visible: false, reason: 'covered' });
      expect(decoy.style.cssText).to.equal(before);
      expect(getComputedStyle(decoy).pointerEvents).to.equal(cover.includes('none') ? 'none' : 'auto');
    });
  }

  it('a cover in an open shadow root with pointer-events: none in its own styles: covered', async () => {
    const { wrapper, iframe } = await setup();
    const holder = document.createElement('div');
    holder.style.cssText = 'position:absolute;inset:0;pointer-events:none';
    holder.attachShadow({ mode: 'open' }).innerHTML = '<style>div{position:absolute;inset:0;background:#fff;pointer-events:none}</style><div></div>';
    wrapper.append(holder);
    expect(seenAt(iframe, 20, 20)).to.deep.equal({ visible: false, reason: 'covered' });
  });

  it('a cover over part of it: the point clicked decides', async () => {
    const { wrapper, iframe } = await setup();
    const decoy = document.createElement('div');
    decoy.style.cssText = 'position:absolute;left:0;top:0;width:100px;height:80px;pointer-events:none';
    wrapper.append(decoy);
    expect(seenAt(iframe, 20, 20).visible).to.equal(false);
    expect(seenAt(iframe, 150, 20)).to.deep.equal({ visible: true });
  });

  it('inside a closed shadow root (which the check cannot look into): seen', async () => {
    const holder = await fixture<HTMLDivElement>(html`<div></div>`);
    const { iframe, wrapper } = await setup();
    holder.attachShadow({ mode: 'closed' }).append(wrapper);
    expect(seenAt(iframe, 20, 20)).to.deep.equal({ visible: true });
  });

  it('in a modal dialog (the top layer), an ancestor’s opacity does not hide it', async () => {
    const outer = await fixture<HTMLDivElement>(html`<div style="opacity:0"><dialog></dialog></div>`);
    const dialog = outer.querySelector('dialog')!;
    const { iframe, wrapper } = await setup();
    dialog.append(wrapper);
    dialog.showModal();
    try {
      expect(seenAt(iframe, 20, 20)).to.deep.equal({ visible: true });
      dialog.style.opacity = '0';
      expect(seenAt(iframe, 20, 20)).to.deep.equal({ visible: false, reason: 'transparent' });
    } finally {
      dialog.close();
    }
  });

  it('removed, or of no size: not seen', async () => {
    const { iframe } = await setup('', 'width:0');
    expect(seenAt(iframe, 0, 0)).to.deep.equal({ visible: false, reason: 'hidden' });
    iframe.remove();
    expect(seenAt(iframe, 0, 0)).to.deep.equal({ visible: false, reason: 'hidden' });
  });
});
