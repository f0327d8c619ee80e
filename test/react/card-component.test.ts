// The React wrapper in React 19: element properties (the token, the seed's callback properties)
// are set on the element, every element event reaches its on<EventName> prop with its detail, and
// the ref is the element. Also after hydrating server-rendered markup (Next.js App Router).
import { expect } from '@open-wc/testing';
import { createElement, createRef, version, type RefObject } from 'react';
import { createRoot, hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { CardComponent } from '../../src/react/index.js';
import { CardComponent as CardComponentElement } from '../../src/elements/card-component/card-component.component.js';
import type { CardChange, TransactionResult } from '../../src/protocol/card.js';
import type { FieldBlurDetail, ReadyDetail } from '../../src/core/events.js';
import { createSession, fillCard, frameName, TEST_KEY, until } from '../support/helpers.js';

interface Log {
  ready: ReadyDetail[];
  changes: CardChange[];
  fieldBlurs: FieldBlurDetail[];
  formComplete: string[];
  successes: TransactionResult[];
  iframeLoaded: number;
  blurCallbacks: boolean[];
}

function cardTree(clientToken: string, ref: RefObject<CardComponentElement | null>, log: Log) {
  return createElement(CardComponent, {
    ref,
    clientKey: TEST_KEY,
    clientToken,
    id: 'react-card',
    onReady: (e) => log.ready.push(e.detail),
    onChange: (e) => log.changes.push(e.detail),
    onFieldBlur: (e) => log.fieldBlurs.push(e.detail),
    onFormComplete: (e) => log.formComplete.push(e.type),
    onPaymentSuccess: (e) => log.successes.push(e.detail as TransactionResult),
    // The seed's callback properties stay properties of the element.
    onIframeLoaded: () => void log.iframeLoaded++,
    onBlur: (isValid) => log.blurCallbacks.push(isValid),
  });
}

const newLog = (): Log => ({ ready: [], changes: [], fieldBlurs: [], formComplete: [], successes: [], iframeLoaded: 0, blurCallbacks: [] });

async function payWith4242(ref: RefObject<CardComponentElement | null>, log: Log): Promise<void> {
  await until(() => log.ready.length === 1, 10_000, 'onReady');
  const el = ref.current!;
  expect(el).to.be.instanceOf(CardComponentElement);
  expect(el.id).to.equal('react-card');
  expect(el.hasAttribute('clienttoken')).to.equal(false);
  expect(log.ready[0]!.height).to.be.greaterThan(0);
  expect(log.iframeLoaded).to.equal(1);

  await fillCard(frameName(el), { number: '4242424242424242' });
  await until(() => log.changes.at(-1)?.valid === true, 5000, 'a valid onChange');
  expect(log.changes.at(-1)!.brand).to.equal('visa');
  expect(log.formComplete).to.deep.equal(['form-complete']);
  expect(log.fieldBlurs.length).to.be.greaterThan(0);
  expect(log.blurCallbacks).to.have.length(log.fieldBlurs.length);

  const result = await el.executePayment();
  expect(result.statusCode).to.equal(0);
  await until(() => log.successes.length === 1, 5000, 'onPaymentSuccess');
  expect(log.successes[0]).to.deep.equal(result);
}

describe(`React ${version} <CardComponent>`, () => {
  let container: HTMLDivElement;
  let root: Root | undefined;
  beforeEach(() => {
    container = document.createElement('div');
    container.style.width = '420px';
    document.body.append(container);
  });
  afterEach(() => {
    root?.unmount();
    root = undefined;
    container.remove();
  });

  it('sets properties, calls the event props with typed details, and the ref pays with 4242', async () => {
    const session = await createSession();
    const ref = createRef<CardComponentElement>();
    const log = newLog();
    root = createRoot(container);
    root.render(cardTree(session.client_token, ref, log));
    await payWith4242(ref, log);
  });

  it('hydrates server-rendered markup: properties and handlers arrive with hydration, and the payment is reported', async () => {
    const session = await createSession();
    const ref = createRef<CardComponentElement>();
    const log = newLog();
    const tree = cardTree(session.client_token, ref, log);
    container.innerHTML = renderToString(tree);
    expect(container.querySelector('card-component')!.hasAttribute('clienttoken')).to.equal(false);
    root = hydrateRoot(container, tree);
    await until(() => ref.current?.clientToken === session.client_token, 5000, 'hydration to set the token property');
    await payWith4242(ref, log);
  });
});
