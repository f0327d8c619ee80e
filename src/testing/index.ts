/**
 * `@momentpay/elements/testing`: helpers for a merchant's end-to-end tests with Playwright
 * (`@playwright/test` or `playwright-core`). They type into the secure card frame, pay in the
 * checkout frame, answer the sandbox bank's 3-D Secure challenge, use the sandbox wallet sheet,
 * read the elements' DOM events and script network faults in the local sandbox.
 *
 * Playwright is only a type here: nothing imports it at run time, the helpers use the `page`
 * your test hands them. The sandbox's server code is loaded only by `startTestSandbox()`.
 *
 * Every helper finds the frames by the hooks the frames document as stable: the iframe names the
 * elements give their frames (`moment-card-…`, `moment-checkout-…`, `moment-wallet-…`), the fields'
 * ids (`#card-number`, `#expiry-date`, `#cv2`, `#card-name`), the wallet's ids (`#wallet-button`,
 * `#wallet-sheet`, `#sheet-pay`, `#sheet-cancel`), the bank page's ids (`#pass`, `#fail`,
 * `#cancel`), and accessible roles and names where there is no id. Never CSS classes.
 */
import type { FrameLocator, Locator, Page, Frame } from 'playwright-core';
import type { MomentElementEventMaps, MomentEventDetails, MomentEventName } from '../index.js';
import type { Fault, FaultSpec, Sandbox, SandboxOptions } from '../sandbox/index.js';

export type { Fault, FaultSpec, FaultRoute, FaultKind, FaultStatus } from '../sandbox/index.js';

// ----- test cards ------------------------------------------------------------------------------

/** A card to type into the card fields. Only `number` is required. */
export interface TestCard {
  /** The card number; spaces and dashes are ignored. */
  number: string;
  /** `MM/YY` or `MMYY`. Default: December, five years from now. */
  expiry?: string;
  /** Default `123` (`1234` for American Express). */
  cvv?: string;
  /** The name on the card, typed when the form shows that field. Default `Ada Lovelace`. */
  name?: string;
}

/**
 * The sandbox's test cards, by what the sandbox bank answers. Any other valid number succeeds.
 *
 * @example await fillCard(page, testCards.challenge) // the bank asks for 3-D Secure
 */
export const testCards = {
  /** Paid at once. */
  success: { number: '4242424242424242' },
  /** Paid at once (Mastercard). */
  mastercard: { number: '5555555555554444' },
  /** Paid at once (American Express, 4-digit CVV). */
  amex: { number: '378282246310005', cvv: '1234' },
  /** Declined (status code 5). */
  declined: { number: '4000000000000002' },
  /** Declined for insufficient funds (status code 5). */
  insufficientFunds: { number: '4000000000009995' },
  /** Referred: the bank wants to speak with the customer (status code 4). */
  referred: { number: '4000000000000127' },
  /** 3-D Secure: the bank shows a challenge; answer it with `answerChallenge()`. */
  challenge: { number: '4000000000003220' },
  /** The provider fails (status code 30). */
  providerError: { number: '4000000000000119' },
} as const satisfies Record<string, TestCard>;

/** December of the year five years from now, as the digits `12YY`. */
function futureExpiry(now = new Date()): string {
  return `12${String((now.getFullYear() + 5) % 100).padStart(2, '0')}`;
}

// ----- finding the frames ----------------------------------------------------------------------

/** An element on the page: a CSS selector (Playwright's locators pierce open shadow roots) or a Locator. */
export type ElementTarget = string | Locator;

const FRAME = {
  card: 'iframe[name^="moment-card-"]',
  checkout: 'iframe[name^="moment-checkout-"]',
  wallet: 'iframe[name^="moment-wallet-"]',
} as const;

const DEFAULT_TIMEOUT = 30_000;

function host(page: Page, element: ElementTarget | undefined, tag: string): Locator {
  if (element === undefined) return page.locator(tag);
  return typeof element === 'string' ? page.locator(element) : element;
}

/**
 * The secure frame of a `<card-component>`, to reach the card fields yourself.
 *
 * @param element The `<card-component>` (a selector or a Locator) when the page has several.
 * @example
 * const card = cardFrame(page);
 * await expect(card.locator('#card-number')).toHaveAttribute('aria-invalid', 'false');
 */
export function cardFrame(page: Page, element?: ElementTarget): FrameLocator {
  return host(page, element, 'card-component').frameLocator(FRAME.card);
}

/**
 * The secure frame of a `<moment-checkout>` (modal or inline: the frame is found wherever the
 * element placed it, also in an inline container of your page).
 *
 * @param element The `<moment-checkout>` or the inline container, when the page has several checkouts.
 * @example await expect(checkoutFrame(page).getByRole('heading', { level: 1 })).toHaveText('Moment shop');
 */
export function checkoutFrame(page: Page, element?: ElementTarget): FrameLocator {
  return (element === undefined ? page : host(page, element, 'moment-checkout')).frameLocator(FRAME.checkout);
}

/**
 * The secure frame of a `<wallet-button>`.
 *
 * @example await walletFrame(page).locator('#wallet-button').click();
 */
export function walletFrame(page: Page, element?: ElementTarget): FrameLocator {
  return host(page, element, 'wallet-button').frameLocator(FRAME.wallet);
}

// ----- the card --------------------------------------------------------------------------------

export interface FillCardOptions {
  /** The `<card-component>` (a selector or a Locator) when the page has more than one. */
  element?: ElementTarget;
  /**
   * `fill` (default) sets each field at once, as autofill does; `keys` presses one key after
   * another, as a customer types (slower; exercises the as-you-type formatting).
   */
  typing?: 'fill' | 'keys';
  /** How long to wait for the frame and its fields. Default 30000 ms. */
  timeout?: number;
}

/**
 * Types a card into a `<card-component>`: number, expiry, security code and, when the form shows
 * it, the name. Waits for the secure frame and its fields. Does not pay: your page's own button
 * (which calls `executePayment()`) does.
 *
 * @param card Default: the sandbox's success card 4242 4242 4242 4242, a future expiry, CVV 123.
 * @example
 * await page.goto('/checkout');
 * await fillCard(page);                                   // 4242…, paid at once
 * await fillCard(page, testCards.declined, { element: '#gift-card' });
 * await page.getByRole('button', { name: 'Pay' }).click();
 */
export async function fillCard(page: Page, card: TestCard = testCards.success, options: FillCardOptions = {}): Promise<void> {
  const frame = cardFrame(page, options.element);
  const timeout = options.timeout ?? DEFAULT_TIMEOUT;
  const number = card.number.replace(/[\s-]/g, '');
  const values: [selector: string, value: string][] = [
    ['#card-number', number],
    ['#expiry-date', (card.expiry ?? futureExpiry()).replace(/\D/g, '')],
    ['#cv2', card.cvv ?? (/^3[47]/.test(number) ? '1234' : '123')],
  ];
  await frame.locator('#card-number').waitFor({ state: 'visible', timeout });
  // The name field is there unless the merchant hid it (hideCardName).
  if ((await frame.locator('#card-name').count()) > 0) values.push(['#card-name', card.name ?? 'Ada Lovelace']);
  for (const [selector, value] of values) {
    const field = frame.locator(selector);
    if (options.typing === 'keys') {
      await field.clear({ timeout });
      await field.pressSequentially(value, { timeout });
    } else {
      await field.fill(value, { timeout });
    }
  }
}

// ----- the checkout ----------------------------------------------------------------------------

export interface PayCheckoutOptions {
  /** The `<moment-checkout>` or its inline container, when the page has several checkouts. */
  element?: ElementTarget;
  /**
   * The pay button's accessible name, e.g. `/^Pay\b/` ("Pay £10.00"). By default the checkout's
   * pay button is found by its stable id, `#checkout-pay`, in any language. Give a name when the
   * test wants to check the label too.
   */
  name?: string | RegExp;
  /** Type this card first (default: none, the form is filled already). */
  card?: TestCard;
  /** Default 30000 ms. */
  timeout?: number;
}

/** Where the checkout's form is: its frame in your page, or the page itself on the hosted checkout page. */
async function checkoutScope(page: Page, element: ElementTarget | undefined, timeout: number): Promise<FrameLocator | Page> {
  const frame = checkoutFrame(page, element);
  if (element !== undefined) return frame;
  // The hosted checkout page (`checkout_url`) is the checkout itself: its title heading has a fixed id.
  const either = page.locator(FRAME.checkout).or(page.locator('h1#checkout-title'));
  await either.first().waitFor({ state: 'attached', timeout });
  return (await page.locator(FRAME.checkout).count()) > 0 ? frame : page;
}

/**
 * Pays in a `<moment-checkout>` (modal or inline) or on the hosted checkout page: optionally
 * types a card into the checkout's card fields, then clicks its Pay button.
 *
 * @example
 * await page.getByRole('button', { name: 'Checkout' }).click();  // your page calls launch()
 * await payCheckout(page, { card: testCards.success });
 * expect((await waitForEvent(page, 'moment-checkout', 'payment-success')).sessionId).toMatch(/^ps_/);
 */
export async function payCheckout(page: Page, options: PayCheckoutOptions = {}): Promise<void> {
  const timeout = options.timeout ?? DEFAULT_TIMEOUT;
  const scope = await checkoutScope(page, options.element, timeout);
  if (options.card) {
    const card = options.card;
    const number = card.number.replace(/[\s-]/g, '');
    await scope.locator('#card-number').fill(number, { timeout });
    await scope.locator('#expiry-date').fill((card.expiry ?? futureExpiry()).replace(/\D/g, ''), { timeout });
    await scope.locator('#cv2').fill(card.cvv ?? (/^3[47]/.test(number) ? '1234' : '123'), { timeout });
    if ((await scope.locator('#card-name').count()) > 0) await scope.locator('#card-name').fill(card.name ?? 'Ada Lovelace', { timeout });
  }
  // The checkout's pay button by its stable id (any language); by name when one is given.
  const pay = options.name ? scope.getByRole('button', { name: options.name }).and(scope.locator('button:not(#sheet-pay)')) : scope.locator('#checkout-pay');
  await pay.click({ timeout });
}

// ----- 3-D Secure ------------------------------------------------------------------------------

/** How the customer answers the bank: `approve` passes, `decline` fails, `cancel` leaves the bank page. */
export type ChallengeAnswer = 'approve' | 'decline' | 'cancel';

const CHALLENGE_BUTTON: Record<ChallengeAnswer, string> = { approve: '#pass', decline: '#fail', cancel: '#cancel' };
const CHALLENGE_PATH = /^\/3ds\/challenge\/[^/]+$/;

function isChallengePage(frame: Frame): boolean {
  try {
    return CHALLENGE_PATH.test(new URL(frame.url()).pathname);
  } catch {
    return false;
  }
}

/**
 * Answers the sandbox bank's 3-D Secure challenge, wherever it is: in the card frame, in the
 * checkout frame, on the hosted checkout page, or the bank's own page when your page was
 * redirected to it. Waits for the challenge to appear (pay with `testCards.challenge`).
 *
 * @example
 * await fillCard(page, testCards.challenge);
 * await page.getByRole('button', { name: 'Pay' }).click();
 * await answerChallenge(page, 'approve');
 * await waitForEvent(page, 'card-component', 'payment-success');
 */
export async function answerChallenge(page: Page, answer: ChallengeAnswer, options: { timeout?: number } = {}): Promise<void> {
  const deadline = Date.now() + (options.timeout ?? DEFAULT_TIMEOUT);
  const selector = `${CHALLENGE_BUTTON[answer]}:enabled`;
  for (;;) {
    // Every frame of the page at any depth, the top one included (the redirected bank page).
    const frames = page.frames().filter(isChallengePage).reverse();
    for (const frame of frames) {
      // Its buttons are enabled once its script listens; a page for a finished challenge has none.
      if (
        (await frame
          .locator(selector)
          .count()
          .catch(() => 0)) > 0
      ) {
        await frame.locator(selector).click({ timeout: Math.max(1_000, deadline - Date.now()) });
        return;
      }
    }
    if (Date.now() > deadline)
      throw new Error(`answerChallenge: no 3-D Secure challenge waiting for an answer appeared within ${options.timeout ?? DEFAULT_TIMEOUT} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// ----- the wallet sheet ------------------------------------------------------------------------

/** The sandbox wallet's test cards: `visa` and `mastercard` succeed, `declined` is declined. */
export type WalletTestCard = 'visa' | 'mastercard' | 'declined';

export interface TestAddress {
  address1: string;
  address2?: string;
  city: string;
  postcode: string;
  /** ISO 3166-1 numeric: `826` United Kingdom (default), `372`, `840`, `250`, `276`, `724`. */
  countryCode?: string;
}

export interface WalletPayOptions {
  /** Default `visa`. */
  card?: WalletTestCard;
  /** Typed when the sheet asks for it. Default `shopper@example.com`. */
  email?: string;
  /** Typed when the sheet asks for a billing address. */
  billingAddress?: TestAddress;
  /** Typed when the sheet asks for a shipping address. */
  shipping?: { name?: string; address?: TestAddress };
}

export interface WalletSheet {
  /** The frame the sheet is in (the wallet button's, or the checkout's). */
  readonly frame: FrameLocator;
  /** The sheet: a modal dialog, present only while open. */
  readonly sheet: Locator;
  /** Presses the wallet button and waits for the sheet (nothing when it is open already). */
  open(): Promise<void>;
  /** Opens the sheet when needed, picks the card, types what the sheet asks for, pays and waits for the sheet to close. */
  pay(options?: WalletPayOptions): Promise<void>;
  /** Opens the sheet when needed, then cancels it: nothing is charged (`payment-cancel`). */
  cancel(): Promise<void>;
}

export interface WalletSheetOptions {
  /** The `<wallet-button>` (or, with `checkout`, the `<moment-checkout>`) when the page has several. */
  element?: ElementTarget;
  /** The wallet button inside a `<moment-checkout>` rather than a `<wallet-button>` element. */
  checkout?: boolean;
  /** Default 30000 ms. */
  timeout?: number;
}

const DEFAULT_ADDRESS: TestAddress = { address1: '1 Test Street', city: 'London', postcode: 'SW1A 1AA', countryCode: '826' };

/**
 * The sandbox wallet (the stand-in for Apple Pay and Google Pay with test keys) of a
 * `<wallet-button>`, or of the wallet in a `<moment-checkout>`.
 *
 * @example
 * await walletSheet(page).pay();                         // Visa •••• 4242: paid
 * await walletSheet(page).pay({ card: 'declined' });     // payment-attempt-failed
 * await walletSheet(page).cancel();                      // payment-cancel
 */
export function walletSheet(page: Page, options: WalletSheetOptions = {}): WalletSheet {
  const frame = options.checkout ? checkoutFrame(page, options.element) : walletFrame(page, options.element);
  const timeout = options.timeout ?? DEFAULT_TIMEOUT;
  const sheet = frame.locator('#wallet-sheet');
  const open = async () => {
    if (await sheet.isVisible()) return;
    await frame.locator('#wallet-button:enabled').click({ timeout });
    await sheet.waitFor({ state: 'visible', timeout });
  };
  const fillIfAsked = async (selector: string, value: string | undefined) => {
    const field = frame.locator(selector);
    if (value !== undefined && (await field.count()) > 0) {
      if (selector.endsWith('-country')) await field.selectOption(value, { timeout });
      else await field.fill(value, { timeout });
    }
  };
  const address = async (prefix: 'billing' | 'shipping', value: TestAddress) => {
    await fillIfAsked(`#${prefix}-address1`, value.address1);
    await fillIfAsked(`#${prefix}-address2`, value.address2);
    await fillIfAsked(`#${prefix}-city`, value.city);
    await fillIfAsked(`#${prefix}-postcode`, value.postcode);
    await fillIfAsked(`#${prefix}-country`, value.countryCode ?? '826');
  };
  return {
    frame,
    sheet,
    open,
    async pay(pay: WalletPayOptions = {}) {
      await open();
      await frame.locator(`input[name="card"][value="tok_sandbox_${pay.card ?? 'visa'}"]`).check({ timeout });
      await fillIfAsked('#wallet-email', pay.email ?? 'shopper@example.com');
      await address('billing', pay.billingAddress ?? DEFAULT_ADDRESS);
      await fillIfAsked('#shipping-name', pay.shipping?.name ?? 'Ada Lovelace');
      await address('shipping', pay.shipping?.address ?? DEFAULT_ADDRESS);
      await frame.locator('#sheet-pay:enabled').click({ timeout });
      await sheet.waitFor({ state: 'detached', timeout });
    },
    async cancel() {
      await open();
      await frame.locator('#sheet-cancel').click({ timeout });
      await sheet.waitFor({ state: 'detached', timeout });
    },
  };
}

// ----- events ----------------------------------------------------------------------------------

/**
 * Every DOM event the elements fire. The recorder listens for these names only, and only to
 * `CustomEvent`s (a native `change` of your own inputs is not recorded).
 */
export const MOMENT_EVENT_NAMES = [
  'ready',
  'load-error',
  'change',
  'validation-error',
  'field-valid',
  'form-complete',
  'field-focus',
  'field-blur',
  'submit-request',
  'payment-success',
  'payment-attempt-failed',
  'payment-failure',
  'payment-cancel',
  'payment-expired',
  'payment-unknown',
  'wallet-availability',
  'payment-initiated',
  'checkout-open',
  'checkout-close',
  'checkout-error',
] as const satisfies readonly MomentEventName[];

// A compile-time check that the list names every event the elements declare.
type MissingEventNames = Exclude<MomentEventName, (typeof MOMENT_EVENT_NAMES)[number]>;
const _allEventNames: [MissingEventNames] extends [never] ? true : MissingEventNames = true;
void _allEventNames;

/** A recorded event. */
export interface RecordedEvent<K extends MomentEventName = MomentEventName> {
  name: K;
  /** The event's detail, as it was when the event fired (a JSON copy). */
  detail: MomentEventDetails[K];
  /** The element that fired it, e.g. `card-component#card`. */
  element: string;
  /** `Date.now()` in the page when it fired. */
  time: number;
}

/** The page-side record: the JSON fields plus the event's composed path, to match elements. */
interface PageRecord {
  name: string;
  detail: unknown;
  element: string;
  time: number;
  path: Element[];
  taken: boolean;
}

const LOG = '__momentTestEvents';

/** Runs in the page (and each of its frames): records the elements' events from the start. Self-contained. */
function installRecorder(names: readonly string[]): void {
  const key = '__momentTestEvents';
  const scope = window as unknown as Record<string, unknown>;
  if (scope[key]) return;
  const log: unknown[] = [];
  Object.defineProperty(window, key, { value: log, configurable: false, enumerable: false });
  const describe = (el: Element | undefined) => (el ? `${el.localName}${el.id ? `#${el.id}` : ''}` : '');
  for (const name of names) {
    // Capture at the window: recorded before any listener of the page can stop the event.
    window.addEventListener(
      name,
      (event) => {
        if (!(event instanceof CustomEvent)) return;
        let detail: unknown = null;
        try {
          detail = JSON.parse(JSON.stringify(event.detail ?? null));
        } catch {
          detail = null;
        }
        const path = event.composedPath().filter((node): node is Element => node instanceof Element);
        log.push({ name, detail, element: describe(path[0]), time: Date.now(), path, taken: false });
      },
      true,
    );
  }
}

const recording = new WeakSet<Page>();

/**
 * Records the elements' DOM events in the page from now on, and in every document the page loads
 * after (an init script). Call it before `page.goto()` to miss nothing; `waitForEvent()` and
 * `events()` call it for you, but on a page already loaded they see only later events.
 *
 * @example
 * await recordEvents(page);
 * await page.goto('/checkout');
 */
export async function recordEvents(page: Page): Promise<void> {
  if (recording.has(page)) return;
  recording.add(page);
  await page.addInitScript(installRecorder, MOMENT_EVENT_NAMES);
  await page.evaluate(installRecorder, MOMENT_EVENT_NAMES).catch(() => undefined);
}

/**
 * The events recorded in the page's current document, oldest first; only `name` when given.
 *
 * @example expect((await events(page, 'payment-attempt-failed')).length).toBe(1);
 */
export async function events<K extends MomentEventName = MomentEventName>(page: Page, name?: K): Promise<RecordedEvent<K>[]> {
  await recordEvents(page);
  return page.evaluate(
    ([key, wanted]) => {
      const log = ((window as unknown as Record<string, unknown>)[key] ?? []) as PageRecord[];
      return log.filter((r) => !wanted || r.name === wanted).map(({ name, detail, element, time }) => ({ name, detail, element, time }));
    },
    [LOG, name ?? null] as const,
  ) as Promise<RecordedEvent<K>[]>;
}

/** The events an element fires when `element` names it by tag, else every element's events. */
type EventNameOf<E> = E extends keyof MomentElementEventMaps ? keyof MomentElementEventMaps[E] & MomentEventName : MomentEventName;
/** The detail of event `K`, for the element `E` when `E` is a tag name. */
export type EventDetailOf<E, K extends MomentEventName> = E extends keyof MomentElementEventMaps
  ? K extends keyof MomentElementEventMaps[E]
    ? MomentElementEventMaps[E][K]
    : never
  : MomentEventDetails[K];

export interface WaitForEventOptions {
  /** Default 30000 ms. */
  timeout?: number;
}

/**
 * Resolves with the `detail` of the next `name` event of `element` (a selector, a Locator, or
 * `null` for any element): the oldest one recorded in the current document that no earlier
 * `waitForEvent()` returned. Events are recorded from the page's load (see `recordEvents()`), so
 * an event that fired before this call is not missed, and two payments in a row give two results.
 *
 * @example
 * await recordEvents(page);
 * await page.goto('/checkout');
 * await fillCard(page);
 * await page.getByRole('button', { name: 'Pay' }).click();
 * const result = await waitForEvent(page, 'card-component', 'payment-success');
 * expect(result.statusCode).toBe(0);
 */
export async function waitForEvent<E extends ElementTarget | null, K extends EventNameOf<E>>(
  page: Page,
  element: E,
  name: K,
  options: WaitForEventOptions = {},
): Promise<EventDetailOf<E, K>> {
  await recordEvents(page);
  const timeout = options.timeout ?? DEFAULT_TIMEOUT;
  const deadline = Date.now() + timeout;
  // Runs in the page: takes the oldest untaken record of the event for the element.
  const take = (el: Element | null, [key, wanted, selector]: readonly [string, string, string | null]) => {
    const log = ((window as unknown as Record<string, unknown>)[key] ?? []) as PageRecord[];
    const match = (r: PageRecord) => {
      if (r.taken || r.name !== wanted) return false;
      if (el) return r.path.includes(el);
      return selector === null || r.path.some((node) => node.matches(selector));
    };
    const record = log.find(match);
    if (!record) return { found: false as const };
    record.taken = true;
    return { found: true as const, detail: record.detail };
  };
  for (;;) {
    let result: { found: false } | { found: true; detail: unknown };
    try {
      if (element !== null && typeof element !== 'string') {
        const locator = element as Locator;
        result = await locator.evaluate(take, [LOG, name, null] as const, { timeout: Math.max(1, deadline - Date.now()) });
      } else {
        result = await page.evaluate(
          ([key, wanted, selector]) => {
            // The same function as `take`, without an element (selectors are matched in the page).
            const log = ((window as unknown as Record<string, unknown>)[key] ?? []) as PageRecord[];
            const record = log.find((r) => !r.taken && r.name === wanted && (selector === null || r.path.some((node) => node.matches(selector))));
            if (!record) return { found: false as const };
            record.taken = true;
            return { found: true as const, detail: record.detail };
          },
          [LOG, name, (element as string | null) ?? null] as const,
        );
      }
    } catch (error) {
      // A navigation replaced the document while we asked: ask the new one.
      if (Date.now() > deadline) throw error;
      result = { found: false };
    }
    if (result.found) return result.detail as EventDetailOf<E, K>;
    if (Date.now() > deadline) {
      const seen = await events(page).catch(() => []);
      throw new Error(
        `waitForEvent: no "${name}" event${typeof element === 'string' ? ` from ${element}` : ''} within ${timeout} ms. ` +
          `Recorded: ${seen.map((e) => `${e.element} ${e.name}`).join(', ') || 'none'}.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// ----- the sandbox -----------------------------------------------------------------------------

/** What `fault()` can arm a fault in: a test sandbox (or any running sandbox's origin and a secret key), or a `Sandbox` from `startSandbox()`. */
export type FaultTarget = { origin: string; secretKey: string } | Pick<Sandbox, 'addFault'>;

async function api<T>(origin: string, secretKey: string, path: string, init: { method: string; body?: unknown }): Promise<T> {
  const response = await fetch(`${origin}${path}`, {
    method: init.method,
    headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json' },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: reported below
  }
  if (!response.ok) {
    const error = (body as { error?: { message?: string } } | null)?.error;
    throw new Error(`${init.method} ${path} failed: ${response.status} ${error?.message ?? text.slice(0, 200)}`);
  }
  return body as T;
}

/**
 * Scripts a network fault in the sandbox: the next matching requests (`times`, default 1) time
 * out, drop, answer an error, or are slow; `error_after_charge` and `drop_after_charge` charge
 * first, as a proxy failing after the bank did. Resolves with the armed fault.
 *
 * @example
 * await fault(sandbox, { route: 'payments', fault: 'error', status: 503 });
 * await fault(sandbox, { route: 'payments', fault: 'error_after_charge', status: 502, session_id: session.id });
 * await fault({ origin: 'http://127.0.0.1:4010', secretKey: 'sk_test_e2e' }, { route: 'frames', fault: 'slow', delay_ms: 3000 });
 */
export async function fault(target: FaultTarget, spec: FaultSpec): Promise<Fault> {
  if ('secretKey' in target) return api<Fault>(target.origin, target.secretKey, '/test/faults', { method: 'POST', body: spec });
  return target.addFault(spec);
}

/** Removes every armed fault. */
export async function clearFaults(target: { origin: string; secretKey: string } | Pick<Sandbox, 'clearFaults'>): Promise<void> {
  if ('secretKey' in target) await api(target.origin, target.secretKey, '/test/faults', { method: 'DELETE' });
  else target.clearFaults();
}

/** A payment session as `POST /collect/payment_sessions` answers (the fields a test usually reads). */
export interface TestSession {
  /** `ps_…` */
  id: string;
  /** Hand this to the element (`clientToken` property, or `fetchClientToken` of the checkout). */
  client_token: string;
  status: string;
  amount: number;
  currency: string;
  /** The hosted checkout page (token in the fragment). */
  checkout_url: string;
  [field: string]: unknown;
}

export interface TestSandboxOptions extends Omit<SandboxOptions, 'port' | 'host'> {
  /** The merchant's secret key for this sandbox. Default `sk_test_e2e`. */
  secretKey?: string;
  /** Default 0: a free port. */
  port?: number;
}

export interface TestSandbox {
  /** `http://127.0.0.1:PORT`: the API and the frames origin. */
  readonly origin: string;
  /** The secret key `createSession()` and `fault()` use. */
  readonly secretKey: string;
  /** The running sandbox, for its Node test hooks (`expireSession`, `answerNextPayment`, …). */
  readonly sandbox: Sandbox;
  /**
   * Creates a payment session as your backend does (`POST /collect/payment_sessions` with the
   * secret key). Default body: 10.00 GBP, one-time, embedded; your fields replace those.
   */
  createSession(body?: Record<string, unknown>): Promise<TestSession>;
  /** As `fault(sandbox, spec)`. */
  fault(spec: FaultSpec): Promise<Fault>;
  /** Removes every armed fault. */
  clearFaults(): Promise<void>;
  /** Stops the sandbox. */
  close(): Promise<void>;
}

/**
 * Starts the local sandbox on a free port of 127.0.0.1, for one test or one test file.
 *
 * @example
 * const sandbox = await startTestSandbox();
 * const session = await sandbox.createSession({ amount: 2500 });
 * // … give session.client_token to your page, pay …
 * await sandbox.close();
 */
export async function startTestSandbox(options: TestSandboxOptions = {}): Promise<TestSandbox> {
  const { secretKey = 'sk_test_e2e', port = 0, ...rest } = options;
  // Beside this module in the package: loaded only here, so the other helpers load no server code.
  const module = (await import(new URL('../sandbox/index.js', import.meta.url).href)) as typeof import('../sandbox/index.js');
  const sandbox = await module.startSandbox({ ...rest, port, host: '127.0.0.1' });
  const origin = sandbox.origin;
  const self: TestSandbox = {
    origin,
    secretKey,
    sandbox,
    createSession: (body = {}) =>
      api<TestSession>(origin, secretKey, '/collect/payment_sessions', {
        method: 'POST',
        body: {
          amount: 1000,
          currency: 'GBP',
          type: 'one_time',
          options: { checkout_options: { presentation_mode: { mode: 'embedded' } } },
          ...body,
        },
      }),
    fault: (spec) => fault(self, spec),
    clearFaults: () => clearFaults(self),
    close: () => sandbox.close(),
  };
  return self;
}

/**
 * A Playwright test fixture: a fresh sandbox per test, closed after it.
 *
 * @example
 * import { test as base } from '@playwright/test';
 * import { momentSandboxFixture, type TestSandbox } from '@momentpay/elements/testing';
 * export const test = base.extend<{ sandbox: TestSandbox }>({ sandbox: momentSandboxFixture });
 */
export const momentSandboxFixture = createSandboxFixture();

/**
 * A Playwright test fixture with options, e.g. a fixed secret key or a webhook endpoint.
 *
 * @example base.extend<{ sandbox: TestSandbox }>({ sandbox: createSandboxFixture({ secretKey: 'sk_test_shop' }) })
 */
export function createSandboxFixture(options: TestSandboxOptions = {}): (fixtures: object, use: (sandbox: TestSandbox) => Promise<void>) => Promise<void> {
  // Playwright reads the fixture's first parameter: it must be an object pattern (`{}`).
  // eslint-disable-next-line no-empty-pattern
  return async ({}, use) => {
    const sandbox = await startTestSandbox(options);
    try {
      await use(sandbox);
    } finally {
      await sandbox.close();
    }
  };
}
