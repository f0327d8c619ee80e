/**
 * Opening one real frame page served by the sandbox (frames origin 127.0.0.1, this page
 * localhost) up to its first hello, as a host does before it connects: shared by the frame tests'
 * host (test/frame/frame-host.ts) and the security suite's raw host (test/security/support.ts).
 */
import { FRAME_PATHS } from '../../src/protocol/api.js';
import { HelloMessage, parse, type FrameKind } from '../../src/protocol/messages.js';
import { randomId } from '../../src/protocol/port.js';
import { sandboxOrigin } from './helpers.js';

export interface FramePageOptions {
  parent?: HTMLElement;
  session?: string;
  style?: string;
  width?: number;
  height?: number;
}

export interface LoadedFramePage {
  iframe: HTMLIFrameElement;
  /** The iframe's `name`, by which the server commands find the frame. */
  name: string;
  channel: string;
  /** The frames origin (the sandbox's). */
  origin: string;
}

let count = 0;

/** Appends the frame page of `kind` (named `<prefix>-<kind>-…`) and resolves on its first hello on our channel. */
export async function loadFramePage(kind: FrameKind, prefix: string, options: FramePageOptions = {}): Promise<LoadedFramePage> {
  const origin = await sandboxOrigin();
  const channel = randomId();
  const iframe = document.createElement('iframe');
  const name = `${prefix}-${kind}-${++count}-${channel.slice(0, 6)}`;
  iframe.name = name;
  iframe.title = `${kind} frame`;
  iframe.style.cssText = `border:0;width:${options.width ?? 420}px;height:${options.height ?? 400}px;${options.style ?? ''}`;
  const query = options.session ? `?session=${encodeURIComponent(options.session)}` : '';
  iframe.src = `${origin}${FRAME_PATHS[kind]}${query}#${new URLSearchParams({ channel, origin: location.origin })}`;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      window.removeEventListener('message', onMessage);
      reject(new Error(`The ${kind} frame did not say hello.`));
    }, 10_000);
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== origin || event.source !== iframe.contentWindow) return;
      const hello = parse(HelloMessage, event.data);
      if (!hello || hello.channel !== channel) return;
      window.removeEventListener('message', onMessage);
      clearTimeout(timer);
      resolve();
    };
    window.addEventListener('message', onMessage);
    (options.parent ?? document.body).append(iframe);
  });
  return { iframe, name, channel, origin };
}
