import {
  BridgeError,
  bridgeMessage,
  checkDisposition,
  formatSchedule,
  fromWireError,
  type ErrorCode,
  type LegacyMessage,
  type Request,
} from '@ucbridge/protocol';
import { createDebugLog, refusal } from './debug-log.js';
import { hostTarget } from './target.js';
import type { CallOptions, CallResult, ConnectOptions, HostConnection, HostInfo } from './types.js';

/** One call from `closeTab()` to its settlement. */
interface Call {
  /** The request as it travels on the port. */
  r: Request;
  /** The documented legacy shape, for the two built-ins only: what goes to the window when no bridge answers. */
  l: LegacyMessage | undefined;
  /** Its timeout in ms, and the `Date.now()` at which it runs out. */
  m: number;
  t: number;
  /** Settles once and forgets the call. A falsy error resolves with `result`. */
  s(error: BridgeError | false | undefined, result?: CallResult): void;
}

let counter = 0;
// HELLO ids travel on the shared window, where another frame could answer them: unguessable.
// Request ids travel only on our private port, so a counter is enough (and cheaper per call).
const uid = () => Math.random().toString(36).slice(2) + ++counter;
/** Every error says where it comes from and its code, then what happened. */
const fail = (code: ErrorCode, detail: string, field?: string) => new BridgeError(code, bridgeMessage(code, detail), field);

/**
 * Connects this page (inside an iframe of a uContact form) to the form.
 *
 * Requirements, and how they are met:
 * - find a ucbridge bridge even when it starts late or restarts: `HELLO` is posted on
 *   `window.parent` at once and again after 100, 200, 400… ms (then every second) until an
 *   answer names the latest one; after a `BYE` the handshake starts over;
 * - hear only the form: an answer counts only from `event.source === window.parent`, from an
 *   origin that matches `hostOrigin`, naming our latest (random) `HELLO` id; then everything
 *   travels on the private `MessagePort` a `WELCOME` carries, which no other frame (and no
 *   documented listener) sees. Any other answer (`REFUSED`, a `WELCOME` of another version or
 *   without a port) means the form speaks a protocol this client does not: `VERSION_MISMATCH`;
 * - never hang: calls made before the handshake wait for it; when no `WELCOME` comes within
 *   `handshakeTimeoutMs`, `closeTab` / `dispositionCall` are posted once in the platform's
 *   documented shape (a legacy-only form understands them) and settle unconfirmed, other actions
 *   reject `NOT_CONNECTED`; every call also has its own timeout;
 * - never dispose twice: a call goes either on the port or (once) to the window, never both, and a
 *   call lost with its port is rejected `CONNECTION_LOST`, not resent.
 *
 * Invariant that keeps this small: while a port is open every call in `calls` has been posted on
 * it (calls are posted as they are made), and while none is open none has (`BYE` rejects them all).
 *
 * Throws a `TypeError` when `hostOrigin` is not an origin or origin pattern.
 */
export function connectToHost(options: ConnectOptions): HostConnection {
  const w = options.window ?? window;
  const parent = w.parent;
  const [matches, target, real] = hostTarget(w, options);
  const calls = new Map<string, Call>();
  // debug hooks (log option): `sent` passes a message through and prints it
  const debug = createDebugLog(options.log);
  const sent = <T>(to: string, message: T): T => (debug?.('sent', to, message), message);
  let port: MessagePort | undefined;
  let info: HostInfo | undefined;
  // no WELCOME within handshakeTimeoutMs of the current handshake: built-ins go the legacy way
  let legacy: unknown;
  // when set, every call rejects with it: no host can be reached any more
  // (a page opened on its own is its own parent: nobody would ever hear it)
  let dead =
    parent == w ? fail('NOT_CONNECTED', 'not in a frame') : target ? undefined : fail('ORIGIN_NOT_ALLOWED', `parent ${real || '(origin unknown)'} is not ${options.hostOrigin}`);
  // id of the latest HELLO; '' when no handshake runs
  let helloId = '';
  let helloTimer: ReturnType<typeof setTimeout>;
  let legacyTimer: ReturnType<typeof setTimeout>;
  let connected: Promise<HostInfo>;
  let resolveConnected: (info: HostInfo) => void;
  let rejectConnected: (error: BridgeError) => void;
  // One timer for every pending call's deadline, not one per call: setting and clearing a timer per
  // call cost ≈ 1–2 µs of a ≈ 100 µs round trip (more with 10,000 pending). It is armed for the
  // earliest deadline; when it fires it times out what is due and re-arms for the next one. A call
  // that settles leaves it armed: the sweep then finds nothing due, which costs less than clearing.
  let sweepTimer: ReturnType<typeof setTimeout>;
  let sweepAt = Infinity;
  const arm = (at: number) => {
    if (at < sweepAt) {
      clearTimeout(sweepTimer);
      sweepTimer = setTimeout(sweep, at - Date.now());
      sweepAt = at;
    }
  };
  const sweep = () => {
    const now = Date.now();
    let next = Infinity;
    sweepAt = Infinity;
    calls.forEach((c) => (c.t <= now ? c.s(fail('TIMEOUT', `${c.r.action} got no answer in ${c.m} ms`)) : (next = Math.min(next, c.t))));
    arm(next);
  };

  /** Sends a call where it can go now, or leaves it waiting while the handshake runs. */
  const route = (c: Call) => {
    if (dead) c.s(dead);
    else if (port) {
      try {
        port.postMessage(sent(info!.origin, c.r));
      } catch {
        c.s(fail('INVALID_ARGUMENT', `${c.r.action} params not cloneable`, 'params'));
      }
    } else if (legacy) {
      if (c.l) {
        parent.postMessage(sent(target, c.l), target);
        c.s(options.requireConfirmation && fail('UNCONFIRMED', `${c.l.action} sent, no ucbridge host to confirm it`), { confirmed: false });
      } else c.s(fail('NOT_CONNECTED', `${c.r.action} needs a ucbridge host`));
    }
  };

  const stop = () => {
    clearTimeout(helloTimer);
    clearTimeout(legacyTimer);
    helloId = '';
  };

  const drop = (error: BridgeError) => {
    port?.close();
    port = info = undefined;
    calls.forEach((c) => c.s(error));
  };

  const hello = (delay: number) => {
    parent.postMessage(sent(target, { ucbridge: 1, type: 'HELLO', id: (helloId = uid()), versions: [1] }), target);
    helloTimer = setTimeout(hello, delay, Math.min(delay * 2, 1000));
  };

  const handshake = () => {
    // callers who never look at `connected` must not see an unhandled rejection
    (connected = new Promise((resolve, reject) => {
      resolveConnected = resolve;
      rejectConnected = reject;
    })).catch(() => {});
    legacy = 0;
    if (dead) return rejectConnected(dead);
    legacyTimer = setTimeout(() => {
      legacy = 1;
      calls.forEach(route);
    }, options.handshakeTimeoutMs ?? 1500);
    // the first retry is not too eager: a busy form may take tens of ms to answer, and each HELLO
    // it answers replaces the port it gave before
    hello(100);
  };

  // the port is private to the host that answered: nothing to check but our own ids
  const onPortMessage = ({ data }: MessageEvent) => {
    debug?.('received', info!.origin, data); // debug hook
    if (data?.type == 'BYE') {
      const lost = fail('CONNECTION_LOST', 'host went away');
      drop(lost);
      options.onDisconnect?.(lost);
      handshake();
    } else calls.get(data?.replyTo)?.s(data.ok !== true && fromWireError(data.error), { confirmed: true, result: data.result });
  };

  const onWindowMessage = (e: MessageEvent) => {
    const d = e.data;
    if (e.source == parent) debug?.('received', e.origin, d); // debug hook
    if (e.source == parent && helloId && d?.replyTo === helloId && matches(e.origin)) {
      debug?.('accepted', e.origin, d); // debug hook
      stop();
      if (d.type == 'WELCOME' && d.version == 1 && (port = e.ports[0])) {
        port.onmessage = onPortMessage;
        resolveConnected((info = { version: 1, actions: Array.isArray(d.actions) ? d.actions : [], origin: e.origin }));
        options.onConnect?.(info);
      } else rejectConnected((dead = fail('VERSION_MISMATCH', `host speaks ${d.versions ?? d.version}, not 1`)));
      calls.forEach(route);
    } else if (debug && e.source == parent) debug('refused', e.origin, refusal(e.origin, d, helloId, matches, options.hostOrigin)); // debug hook
  };

  const send = (action: string, l: LegacyMessage | undefined, params?: unknown, o?: CallOptions) =>
    new Promise<CallResult>((resolve, reject) => {
      const id = '' + ++counter;
      const m = o?.timeoutMs ?? options.timeoutMs ?? 15e3;
      const c: Call = {
        r: { ucbridge: 1, id, ...(l || { action, params }) },
        l,
        m,
        t: Date.now() + m,
        s(error, result) {
          calls.delete(id);
          error ? reject(error) : resolve(result!);
        },
      };
      calls.set(id, c);
      arm(c.t);
      route(c);
    });

  w.addEventListener('message', onWindowMessage);
  handshake();

  return {
    closeTab: (o) => send('CLOSE_TAB', { action: 'CLOSE_TAB' }, 0, o),
    dispositionCall(disposition, o) {
      const s = disposition?.schedule;
      // not `instanceof Date`: a Date made in another frame (the page that embeds this one) counts too
      const checked = checkDisposition(Object.prototype.toString.call(s) == '[object Date]' ? { ...disposition, schedule: formatSchedule(s as Date) } : disposition);
      return checked.ok
        ? send('DISPOSITION_CALL', { action: 'DISPOSITION_CALL', disposition: checked.value }, 0, o)
        : Promise.reject(fail('INVALID_ARGUMENT', checked.message, checked.field));
    },
    call: (action, params, o) => send(action, undefined, params, o),
    get connected() {
      return connected;
    },
    get info() {
      return info;
    },
    supports: (action) => !!info?.actions.includes(action),
    destroy() {
      stop();
      w.removeEventListener('message', onWindowMessage);
      // tell the bridge, so it drops this port at once
      port?.postMessage(sent(info?.origin ?? '', { ucbridge: 1, type: 'BYE' }));
      rejectConnected((dead = fail('DESTROYED', 'destroy() called')));
      drop(dead);
      clearTimeout(sweepTimer);
    },
  };
}
