/**
 * Client tokens for the stories, from the sandbox's test-mode demo sessions
 * (`POST <frames origin>/v1/demo/sessions` with a publishable test key). The gallery needs no
 * backend of its own, so the same static build works wherever it is served, against the sandbox
 * chosen in the "Frames origin" toolbar (or `?framesOrigin=` in the URL).
 */
import type { StoryContext } from '@storybook/web-components-vite';

/** The publishable test key every story uses. */
export const PUBLISHABLE_KEY = 'pk_test_gallery';
export const DEFAULT_FRAMES_ORIGIN = 'http://127.0.0.1:4010';

export interface DemoSessionRequest {
  /** Minor units; the sandbox's default when left out. */
  amount?: number;
  currency?: string;
  variant?: 'modal' | 'inline';
  collect?: { email?: boolean; billing?: boolean; shipping?: boolean };
  success_url?: string;
  /** Seconds until the session (and its token) expires. */
  expires_in?: number;
  title?: string;
  line_items?: { name: string; quantity: number; amount: number }[];
  /** Order lines: `amountTotal` is each line's total. */
  itemLines?: { id: string; caption: string; quantity?: number; amountTotal: { value: number; currencyCode: string } }[];
  /** Taxes and fees, with an optional `subCaption` such as `10%`. */
  taxLines?: { id: string; caption: string; subCaption?: string; amountTotal: { value: number; currencyCode: string } }[];
  /** The session's `config`: the heading, and `details.showTotal` for the "Total due" row. */
  config?: { title?: string; details?: { showTotal?: boolean } };
}

export interface DemoSession {
  client_token: string;
  session_id: string;
  expires_at: string;
}

/** The sandbox the story talks to: the `framesOrigin` global (toolbar), else the default. */
export function framesOriginOf(context: Pick<StoryContext, 'globals'>): string {
  const value = (context.globals as { framesOrigin?: unknown }).framesOrigin;
  return typeof value === 'string' && value ? value : DEFAULT_FRAMES_ORIGIN;
}

/** Creates a demo payment session on the sandbox at `framesOrigin`. */
export async function demoSession(framesOrigin: string, request: DemoSessionRequest = {}): Promise<DemoSession> {
  let response: Response;
  try {
    response = await fetch(`${framesOrigin}/v1/demo/sessions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ publishable_key: PUBLISHABLE_KEY, amount: 2500, currency: 'GBP', ...request }),
    });
  } catch {
    throw new Error(
      `No sandbox answers at ${framesOrigin}. Run \`npm run gallery\`, or \`npx moment-sandbox --port 4010\` beside this gallery, or pick another frames origin in the toolbar.`,
    );
  }
  const body = (await response.json().catch(() => ({}))) as Partial<DemoSession> & { error?: { message?: string } };
  if (!response.ok || !body.client_token) {
    throw new Error(`The sandbox at ${framesOrigin} refused a demo session: ${body.error?.message ?? `HTTP ${response.status}`}`);
  }
  return body as DemoSession;
}

interface FrameElement extends HTMLElement {
  clientToken: string | null;
  framesOrigin: string | null;
}

const connected = new WeakSet<Element>();

/**
 * Gives a card or wallet element a fresh demo session once (a re-render with new args keeps it),
 * or shows under the element why the sandbox could not be reached. Resolves with the session.
 */
export async function connect(element: Element | undefined, framesOrigin: string, request: DemoSessionRequest = {}): Promise<DemoSession | undefined> {
  const el = element as FrameElement | undefined;
  if (!el || connected.has(el)) return undefined;
  connected.add(el);
  try {
    const session = await demoSession(framesOrigin, request);
    el.framesOrigin ??= framesOrigin;
    el.clientToken = session.client_token;
    return session;
  } catch (error) {
    showProblem(el, (error as Error).message);
    return undefined;
  }
}

/**
 * One demo session for many elements that only show (a grid of buttons): returns a `ref`
 * callback that gives each element the session's token, or shows once why there is none.
 */
export function sharedSession(framesOrigin: string, request: DemoSessionRequest = {}): (element: Element | undefined) => void {
  let session: Promise<DemoSession> | undefined;
  let reported = false;
  return (element) => {
    const el = element as FrameElement | undefined;
    if (!el || connected.has(el)) return;
    connected.add(el);
    session ??= demoSession(framesOrigin, request);
    session.then(
      (s) => {
        el.framesOrigin ??= framesOrigin;
        el.clientToken = s.client_token;
      },
      (error: Error) => {
        if (!reported) showProblem(el.closest('.story') ?? el, error.message);
        reported = true;
      },
    );
  };
}

/** A note beside the element (not a console error: the story explains itself). */
export function showProblem(near: Element, message: string): void {
  const note = document.createElement('p');
  note.className = 'story-problem';
  note.setAttribute('role', 'status');
  note.style.cssText = 'color:#9b1c1c; font: 14px/1.4 system-ui, sans-serif; margin: 8px 0;';
  note.textContent = message;
  near.after(note);
}

/**
 * Sets every arg that names a property of the element on the element, so the Controls from
 * custom-elements.json act on it without a hand-written binding per property.
 */
export function applyArgs(element: Element | undefined, args: Record<string, unknown>): void {
  if (!element) return;
  const target = element as unknown as Record<string, unknown>;
  for (const [name, value] of Object.entries(args)) {
    if (value === undefined || !(name in element) || typeof target[name] === 'function') continue;
    if (target[name] !== value) target[name] = value;
  }
}

/** Resolves on the element's next `name` event, or rejects after `ms`. */
export function nextEvent<T = unknown>(element: Element, name: string, ms = 15_000): Promise<CustomEvent<T>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      element.removeEventListener(name, listener);
      reject(new Error(`No ${name} event within ${ms} ms.`));
    }, ms);
    const listener = (event: Event) => {
      clearTimeout(timer);
      resolve(event as CustomEvent<T>);
    };
    element.addEventListener(name, listener, { once: true });
  });
}

/** Shared look of the stories' helper text. */
export const NOTE_STYLE = 'font: 14px/1.45 system-ui, sans-serif; margin: 0; color: inherit;';
