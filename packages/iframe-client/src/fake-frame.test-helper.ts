import { isBridgeError, type BridgeError } from '@ucbridge/protocol';

/**
 * A fake iframe window for Node tests: the `window` option is the client's only seam, so the
 * whole request/reply core runs here against a scripted host; real `MessageChannel` ports carry
 * the conversation after the handshake, as in a browser.
 */
export const HOST = 'https://form.example.com';

export interface Posted {
  data: any;
  target: string;
}

export interface FakeHost {
  /** Answers every HELLO with a WELCOME offering `actions`; requests go to `onRequest`. */
  actions: string[];
  onRequest: (request: any, reply: (message: unknown) => void) => void;
  /** The host's end of the current port. */
  port: MessagePort | undefined;
  /** What the WELCOME tells about the form's wait for the platform. @default 30000 */
  platformTimeoutMs: number;
  /** Whether it runs the calls a HELLO carries (issue 15) and names them in `taken`. @default true */
  takeFirstCalls: boolean;
  /** Every call a HELLO carried to this host, taken or not. */
  carried: any[];
}

export function fakeFrame(options: { ancestorOrigin?: string | undefined; referrer?: string } = {}) {
  const listeners = new Set<(event: unknown) => void>();
  const otherListeners = new Map<string, Set<(event: unknown) => void>>();
  const posted: Posted[] = [];
  let host: FakeHost | undefined;
  const parent: { parent?: unknown; postMessage(data: any, target: string): void } = {
    postMessage(data: any, target: string) {
      // cloned as postMessage clones: a value that cannot be cloned throws DataCloneError here too
      posted.push({ data: structuredClone(data), target });
      if (host && data?.type === 'HELLO') welcome(data.id, data.requests);
    },
  };
  // the parent is the top window: its parent is itself
  parent.parent = parent;
  const ancestorOrigin = 'ancestorOrigin' in options ? options.ancestorOrigin : HOST;
  const win = {
    parent,
    location: { ancestorOrigins: ancestorOrigin ? [ancestorOrigin] : undefined },
    document: { referrer: options.referrer ?? '' },
    addEventListener: (type: string, listener: (event: unknown) => void) =>
      type == 'message' ? listeners.add(listener) : otherListeners.set(type, (otherListeners.get(type) ?? new Set()).add(listener)),
    removeEventListener: (type: string, listener: (event: unknown) => void) => (type == 'message' ? listeners : otherListeners.get(type))?.delete(listener),
  };

  /** Delivers a message event to the client's window listener, as the browser would. */
  function deliver(data: unknown, init: { origin?: string; source?: unknown; ports?: MessagePort[] } = {}) {
    const event = { data, origin: init.origin ?? HOST, source: 'source' in init ? init.source : parent, ports: init.ports ?? [] };
    listeners.forEach((listener) => listener(event));
  }

  /** Like a bridge: a new port per HELLO, and the calls the HELLO carries taken on it (unless `takeFirstCalls` is off). */
  function welcome(replyTo: string, requests: any[] = []) {
    const { port1, port2 } = new MessageChannel();
    host!.port?.close();
    host!.port = port1;
    const h = host!;
    const onRequest = (data: any) => h.onRequest(data, (message) => port1.postMessage(message));
    port1.onmessage = ({ data }) => onRequest(data);
    const taken = h.takeFirstCalls ? requests : [];
    h.carried.push(...requests);
    // a real host answers asynchronously
    queueMicrotask(() => {
      deliver({ ucbridge: 1, type: 'WELCOME', replyTo, version: 1, actions: h.actions, platformTimeoutMs: h.platformTimeoutMs, taken: taken.map((request) => request.id) }, { ports: [port2] });
      taken.forEach(onRequest);
    });
  }

  return {
    window: win as unknown as Window,
    parent,
    posted,
    listeners,
    deliver,
    /** Fires a page lifecycle event (`pagehide`, `pageshow`) on the client's window. */
    fire: (type: string, event: unknown = {}) => otherListeners.get(type)?.forEach((listener) => listener(event)),
    /** Resolves when the task that connected ends: the client's first HELLO has gone by then. */
    firstHello: () => new Promise((resolve) => setTimeout(resolve)),
    /** HELLOs posted so far. */
    hellos: () => posted.filter((p) => p.data?.type === 'HELLO'),
    /** Documented-shape fallbacks posted so far (an `action` on the window). */
    legacy: () => posted.filter((p) => p.data?.action !== undefined),
    /** Starts a fake ucbridge host: it answers the next HELLO. */
    startHost(onRequest: FakeHost['onRequest'] = (r, reply) => reply({ ucbridge: 1, replyTo: r.id, ok: true, result: r.action }), actions = ['CLOSE_TAB', 'DISPOSITION_CALL']) {
      host = { actions, onRequest, port: undefined, platformTimeoutMs: 30_000, takeFirstCalls: true, carried: [] };
      return host;
    },
    /** The host's bridge goes away: BYE on its port, and it stops answering. */
    stopHost() {
      host?.port?.postMessage({ ucbridge: 1, type: 'BYE' });
      host = undefined;
    },
    closePorts() {
      host?.port?.close();
    },
  };
}

/** The rejection of `promise`, which must reject with a BridgeError. */
export async function rejection(promise: Promise<unknown>): Promise<BridgeError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isBridgeError(error)) throw new Error(`expected a BridgeError, got ${String(error)}`);
  return error;
}
