/**
 * Shared by the browser tests: this test page plays the uContact form; iframes run the client.
 * `frame()` loads the client's sources as a module; `frame(scriptUrl)` loads a classic script (the IIFE).
 */
import { vi } from 'vitest';
import { isBridgeError, type BridgeError, type ConnectOptions, type HostConnection } from '@ucbridge/iframe-client';

export type Client = typeof import('@ucbridge/iframe-client');
const clientUrl = new URL('./index.ts', import.meta.url).href;
export const ORIGIN = location.origin;
export const disposition = { campaign: 'Sales<-', callerid: '099123456', guid: '3123-3123', l1: 'Sold', comment: 'call back' };
const cleanups: (() => void)[] = [];

/** Undoes what the helpers set up; call it in afterEach. */
export function cleanup() {
  cleanups.splice(0).reverse().forEach((fn) => fn());
}

let frameCount = 0;

/**
 * An iframe that has loaded the client: the source module, or with `scriptUrl` a classic script
 * that defines `window.UCBridgeClient`. Resolves with its window and the client's exports.
 */
export async function frame(scriptUrl?: string): Promise<{ win: Window; client: Client; iframe: HTMLIFrameElement }> {
  const key = `__frameReady${++frameCount}`;
  const ready = new Promise<{ win: Window; client: Client }>((resolve) => {
    (window as any)[key] = (win: Window, client: Client) => resolve({ win, client });
  });
  const iframe = document.createElement('iframe');
  iframe.srcdoc = scriptUrl
    ? `<script src="${scriptUrl}"></script><script>parent.${key}(window, window.UCBridgeClient);</script>`
    : `<script type="module">import * as client from ${JSON.stringify(clientUrl)}; parent.${key}(window, client);</script>`;
  document.body.append(iframe);
  cleanups.push(() => {
    iframe.remove();
    delete (window as any)[key];
  });
  return { ...(await ready), iframe };
}

/** Connects from inside a fresh iframe (see `frame`) to this page. */
export async function connect(options: Partial<ConnectOptions> = {}, scriptUrl?: string) {
  const { win, client, iframe } = await frame(scriptUrl);
  const host: HostConnection = client.connectToHost({ hostOrigin: ORIGIN, ...options });
  cleanups.push(() => host.destroy());
  return { win, host, iframe };
}

/** The rejection of `promise`; it must be a BridgeError (made in the iframe's realm: `instanceof` cannot tell). */
export async function rejection(promise: Promise<unknown>): Promise<BridgeError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isBridgeError(error)) throw new Error(`expected a BridgeError, got ${String(error)}`);
  return error;
}

/** Every message the iframe `win` posts to this page. */
export function recordFrom(win: () => Window | undefined) {
  const seen: unknown[] = [];
  const listener = (e: MessageEvent) => e.source === win() && seen.push(e.data);
  window.addEventListener('message', listener);
  cleanups.push(() => window.removeEventListener('message', listener));
  return seen;
}

export interface FakeHostOptions {
  actions?: string[];
  /** Default: answers ok with the action's name. */
  onRequest?: (request: any, reply: (message: unknown) => void) => void;
  /** Start only after this many HELLOs have been seen (a bridge that starts late). */
  afterHellos?: number;
}

/** A small ucbridge host: WELCOME with a MessageChannel port to HELLOs from `child`. */
export function fakeHost(child: Window, options: FakeHostOptions = {}) {
  const requests: any[] = [];
  let port: MessagePort | undefined;
  let hellos = 0;
  const onRequest = options.onRequest ?? ((r, reply) => reply({ ucbridge: 1, replyTo: r.id, ok: true, result: r.action }));
  const listener = (e: MessageEvent) => {
    if (e.source !== child || e.data?.type !== 'HELLO' || ++hellos <= (options.afterHellos ?? 0)) return;
    const channel = new MessageChannel();
    port?.close();
    port = channel.port1;
    port.onmessage = ({ data }) => {
      requests.push(data);
      onRequest(data, (message) => channel.port1.postMessage(message));
    };
    child.postMessage({ ucbridge: 1, type: 'WELCOME', replyTo: e.data.id, version: 1, actions: options.actions ?? ['CLOSE_TAB', 'DISPOSITION_CALL'] }, e.origin, [channel.port2]);
  };
  window.addEventListener('message', listener);
  const stop = () => {
    window.removeEventListener('message', listener);
    port?.postMessage({ ucbridge: 1, type: 'BYE' });
    port?.close();
    port = undefined;
  };
  cleanups.push(stop);
  return { requests, stop, hellos: () => hellos };
}

/** The platform's documented form listener (seed document 000), verbatim but for the globals it needs. */
export function documentedListener() {
  const platform = {
    closeActiveTab: vi.fn(),
    UC_DispositionCall: vi.fn(),
  };
  const g = window as any;
  // the form's `parent` is the agent console; in this test it is a stand-in with closeActiveTab
  const parent = { closeActiveTab: platform.closeActiveTab };
  g.UC_DispositionCall = platform.UC_DispositionCall;
  g.callbackDiposition = () => {};
  g.errorDiposition = () => {};
  const listener = (event: MessageEvent) => {
    if (event.data.action === 'CLOSE_TAB') {
      parent.closeActiveTab();
    } else if (event.data.action === 'DISPOSITION_CALL') {
      let dataDisp = event.data.disposition;
      g.UC_DispositionCall(dataDisp.campaign, dataDisp.callerid, dataDisp.guid, dataDisp.l1, dataDisp.l2, dataDisp.l3, dataDisp.d1, dataDisp.d2, dataDisp.comment, dataDisp.schedule, g.callbackDiposition, g.errorDiposition);
    }
  };
  window.addEventListener('message', listener);
  cleanups.push(() => {
    window.removeEventListener('message', listener);
    for (const name of ['UC_DispositionCall', 'callbackDiposition', 'errorDiposition']) delete g[name];
  });
  return platform;
}

/** The next HELLO that `win` posts to this page. */
export function nextHello(win: Window) {
  return new Promise<{ id: string }>((resolve) => {
    const listener = (e: MessageEvent) => {
      if (e.source === win && e.data?.type === 'HELLO') {
        window.removeEventListener('message', listener);
        resolve(e.data);
      }
    };
    window.addEventListener('message', listener);
  });
}

/** Resolves once `win` has handled every message posted to it before this call (events are ordered). */
export function delivered(win: Window) {
  return new Promise<void>((resolve) => {
    const marker = `delivered-${Math.random()}`;
    const listener = (e: MessageEvent) => {
      if (e.data !== marker) return;
      win.removeEventListener('message', listener);
      resolve();
    };
    win.addEventListener('message', listener);
    win.postMessage(marker, ORIGIN);
  });
}

