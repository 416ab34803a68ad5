import {
  BridgeError,
  checkDisposition,
  formatSchedule,
  fromWireError,
  isBridgeMessage,
  type ErrorCode,
  type LegacyMessage,
  type Reply,
  type Request,
  type Welcome,
  type Refused,
} from '@ucbridge/protocol';
import { hostTarget } from './target.js';
import type { CallOptions, CallResult, ConnectOptions, HostConnection, HostInfo } from './types.js';

/** One call from `closeTab()` to its settlement. */
interface Call {
  /** The request as it travels on the port. */
  r: Request;
  /** The documented legacy shape, for the two built-ins only: what goes to the window when no bridge answers. */
  l: LegacyMessage | undefined;
  /** Settles once: clears the timer and forgets the call. */
  s(error: BridgeError | undefined, result?: CallResult): void;
  /** Set once posted on a port: such a call is lost (never resent) when the port goes away. */
  p?: 1;
}

const noop = () => {};
let counter = 0;
const uid = () => Math.random().toString(36).slice(2) + ++counter;
const fail = (code: ErrorCode, message: string, field?: string) => new BridgeError(code, 'ucbridge: ' + message, field);

/**
 * Connects this page (inside an iframe of a uContact form) to the form.
 *
 * Requirements, and how they are met:
 * - find a ucbridge bridge even when it starts late or restarts: `HELLO` is posted on
 *   `window.parent` at once and again after 50, 100, 200… ms (at most every second) until a
 *   `WELCOME` answers the latest one; after a `BYE` the handshake starts over;
 * - hear only the form: a `WELCOME` counts only from `event.source === window.parent`, from an
 *   origin that matches `hostOrigin`, naming our latest `HELLO`; then everything travels on the
 *   private `MessagePort` it carries, which no other frame (and no documented listener) sees;
 * - never hang: calls made before the handshake wait for it; when no `WELCOME` comes within
 *   `handshakeTimeoutMs`, `closeTab` / `dispositionCall` are posted once in the platform's
 *   documented shape (a legacy-only form understands them) and settle unconfirmed, other actions
 *   reject `NOT_CONNECTED`; every call also has its own timeout.
 * - never dispose twice: a call goes either on the port or (once) to the window, never both, and a
 *   call lost with its port is rejected `CONNECTION_LOST`, not resent.
 *
 * Throws a `TypeError` when `hostOrigin` is not an origin or origin pattern.
 */
export function connectToHost(options: ConnectOptions): HostConnection {
  const w = options.window ?? window;
  const parent = w.parent;
  const [matches, target, real] = hostTarget(w, options);
  const calls = new Map<string, Call>();
  let port: MessagePort | undefined;
  let info: HostInfo | undefined;
  // no WELCOME within handshakeTimeoutMs of the current handshake
  let legacy = false;
  // when set, every call rejects with it: no host can ever be reached
  let dead = target ? undefined : fail('ORIGIN_NOT_ALLOWED', `the parent page (${real || 'origin unknown'}) is not ${options.hostOrigin}`);
  let helloId = '';
  let helloTimer: ReturnType<typeof setTimeout>;
  let legacyTimer: ReturnType<typeof setTimeout>;
  let connected: Promise<HostInfo>;
  let resolveConnected: (info: HostInfo) => void;
  let rejectConnected: (error: BridgeError) => void;

  /** Sends a call where it can go now; leaves it waiting while the handshake runs. */
  const route = (c: Call) => {
    if (dead) c.s(dead);
    else if (port) {
      if (!c.p) {
        c.p = 1;
        try {
          port.postMessage(c.r);
        } catch {
          c.s(fail('INVALID_ARGUMENT', `${c.r.action} params cannot be cloned`, 'params'));
        }
      }
    } else if (!legacy) {
      // the handshake is still running: the call waits for WELCOME or for the legacy timer
    } else if (c.l) {
      parent.postMessage(c.l, target);
      options.requireConfirmation
        ? c.s(fail('UNCONFIRMED', `${c.l.action} was posted, but no ucbridge host confirmed it`))
        : c.s(undefined, { confirmed: false });
    } else c.s(fail('NOT_CONNECTED', `no ucbridge host answered, ${c.r.action} needs one`));
  };

  const stop = () => {
    clearTimeout(helloTimer);
    clearTimeout(legacyTimer);
    helloId = '';
  };

  const hello = (delay: number) => {
    parent.postMessage({ ucbridge: 1, type: 'HELLO', id: (helloId = uid()), versions: [1] }, target);
    helloTimer = setTimeout(hello, delay, Math.min(delay * 2, 1000));
  };

  const handshake = () => {
    connected = new Promise((resolve, reject) => {
      resolveConnected = resolve;
      rejectConnected = reject;
    });
    // callers who never look at `connected` must not see an unhandled rejection
    connected.catch(noop);
    legacy = false;
    if (dead) return rejectConnected(dead);
    legacyTimer = setTimeout(() => {
      legacy = true;
      calls.forEach(route);
    }, options.handshakeTimeoutMs ?? 1500);
    hello(50);
  };

  const onPortMessage = ({ data }: MessageEvent) => {
    if (!isBridgeMessage(data)) return;
    if ((data as { type?: string }).type == 'BYE') {
      port!.close();
      port = info = undefined;
      const lost = fail('CONNECTION_LOST', 'the host went away');
      calls.forEach((c) => c.p && c.s(lost));
      options.onDisconnect?.(lost);
      handshake();
    } else {
      const d = data as Reply;
      calls.get(d.replyTo)?.s(d.ok === true ? undefined : fromWireError((d as { error?: unknown }).error), { confirmed: true, result: (d as { result?: unknown }).result });
    }
  };

  const onWindowMessage = (e: MessageEvent) => {
    const d = e.data as Welcome | Refused;
    if (e.source != parent || !helloId || !isBridgeMessage(d) || d.replyTo !== helloId || !matches(e.origin)) return;
    if (d.type == 'WELCOME' && d.version == 1 && e.ports[0]) {
      stop();
      port = e.ports[0];
      port.onmessage = onPortMessage;
      info = { version: 1, actions: Array.isArray(d.actions) ? d.actions.filter((a) => typeof a == 'string') : [], origin: e.origin };
      resolveConnected(info);
      options.onConnect?.(info);
      calls.forEach(route);
    } else if (d.type == 'REFUSED' || d.type == 'WELCOME') {
      stop();
      rejectConnected((dead = fail('VERSION_MISMATCH', `the host speaks version ${(d as Refused).versions ?? (d as Welcome).version}, this client 1`)));
      calls.forEach(route);
    }
  };

  const send = (action: string, l: LegacyMessage | undefined, params?: unknown, o?: CallOptions) =>
    new Promise<CallResult>((resolve, reject) => {
      const id = uid();
      const ms = o?.timeoutMs ?? options.timeoutMs ?? 15e3;
      const timer = setTimeout(() => c.s(fail('TIMEOUT', `${action} got no answer within ${ms} ms`)), ms);
      const c: Call = {
        r: { ucbridge: 1, id, ...(l || { action, params }) },
        l,
        s(error, result) {
          clearTimeout(timer);
          calls.delete(id);
          error ? reject(error) : resolve(result!);
        },
      };
      calls.set(id, c);
      route(c);
    });

  w.addEventListener('message', onWindowMessage);
  handshake();

  return {
    closeTab: (o) => send('CLOSE_TAB', { action: 'CLOSE_TAB' }, 0, o),
    dispositionCall(disposition, o) {
      const s = disposition?.schedule;
      const checked = checkDisposition(s instanceof Date ? { ...disposition, schedule: formatSchedule(s) } : disposition);
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
      port?.close();
      port = info = undefined;
      rejectConnected((dead = fail('DESTROYED', 'the connection was destroyed')));
      calls.forEach(route);
    },
  };
}
