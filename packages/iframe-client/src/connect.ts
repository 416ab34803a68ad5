import {
  BridgeError,
  checkDisposition,
  FORM_FUNCTIONS,
  formatSchedule,
  fromWireError,
  type CallContext,
  type Checked,
  type ErrorCode,
  type LegacyMessage,
  type Request,
} from '@ucbridge/protocol';
import { callFields, fillFromCall, needsCall } from './call-context.js';
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
  /** Call context hook: completes (from the form's call) and checks a call that waited for the handshake; an error fails it. */
  f?: (() => BridgeError | undefined) | undefined;
}

let counter = 0;
// HELLO ids travel on the shared window, where another frame could answer them: unguessable.
// Request ids travel only on our private port, so a counter is enough (and cheaper per call).
const uid = () => Math.random().toString(36).slice(2) + ++counter;
/** Every error says where it comes from and its code, then what happened. */
const fail = (code: ErrorCode, detail: string, field?: string) => new BridgeError(code, `ucbridge ${code}: ${detail}`, field);

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
  let port: MessagePort | undefined;
  let info: HostInfo | undefined;
  // call context hook (issue 12): the form's call, from WELCOME and CALL_CONTEXT (undefined: none shared)
  let callContext: CallContext | undefined;
  const setCallContext = (next: CallContext | undefined) => options.onCallContext?.((callContext = next));
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
    // call context hook: a call that waited for the handshake is completed and checked before it goes anywhere
    const error = dead || ((port || legacy) ? c.f?.() : undefined);
    if (error) c.s(error);
    else if (port) {
      try {
        port.postMessage(c.r);
      } catch {
        c.s(fail('INVALID_ARGUMENT', `${c.r.action} params not cloneable`, 'params'));
      }
    } else if (legacy) {
      if (c.l) {
        parent.postMessage(c.l, target);
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
    port = info = callContext = undefined;
    calls.forEach((c) => c.s(error));
  };

  const hello = (delay: number) => {
    parent.postMessage({ ucbridge: 1, type: 'HELLO', id: (helloId = uid()), versions: [1] }, target);
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
    if (data?.type == 'CALL_CONTEXT') setCallContext(data.callContext);
    else if (data?.type == 'BYE') {
      const lost = fail('CONNECTION_LOST', 'host went away');
      // call context hook: the call is not known any more (told last: a listener that throws must not stop the handshake)
      const had = callContext;
      drop(lost);
      options.onDisconnect?.(lost);
      handshake();
      if (had) setCallContext(undefined);
    } else calls.get(data?.replyTo)?.s(data.ok !== true && fromWireError(data.error), { confirmed: true, result: data.result });
  };

  const onWindowMessage = (e: MessageEvent) => {
    const d = e.data;
    if (e.source == parent && helloId && d?.replyTo === helloId && matches(e.origin)) {
      stop();
      if (d.type == 'WELCOME' && d.version == 1 && (port = e.ports[0])) {
        port.onmessage = onPortMessage;
        // call context hook: known before `connected` resolves and `onConnect` runs
        callContext = d.callContext;
        resolveConnected((info = { version: 1, actions: Array.isArray(d.actions) ? d.actions : [], origin: e.origin }));
        options.onConnect?.(info);
      } else rejectConnected((dead = fail('VERSION_MISMATCH', `host speaks ${d.versions ?? d.version}, not 1`)));
      calls.forEach(route);
      // call context hook: told once the waiting calls went out (a listener that throws must not hold them)
      if (port) setCallContext(callContext);
    }
  };

  const send = (action: string, l: LegacyMessage | undefined, params?: unknown, o?: CallOptions, f?: (c: Call) => BridgeError | undefined) =>
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
        f: f && (() => f(c)),
      };
      calls.set(id, c);
      arm(c.t);
      route(c);
    });

  /**
   * A disposition (checked) or a form function's params, its call fields filled from the form's call.
   * Form functions need a bridge, and the bridge checks their params (the same rules, one place); a
   * disposition is checked here too because a form with only the documented listener checks nothing.
   */
  const check = (action: string, input: unknown): Checked<unknown> => {
    const filled = fillFromCall(input, callContext, callFields(action)) as Record<string, unknown> | undefined;
    if (action != 'DISPOSITION_CALL') return { ok: true, value: filled };
    const s = filled?.schedule;
    // not `instanceof Date`: a Date made in another frame (the page that embeds this one) counts too
    return checkDisposition(Object.prototype.toString.call(s) == '[object Date]' ? { ...filled, schedule: formatSchedule(s as Date) } : filled);
  };

  /**
   * Sends a disposition once it passes the check (else rejects `INVALID_ARGUMENT`), or a form function.
   * Call context hook (issue 12): a call that leaves out its call fields before the handshake has told the
   * call waits, and is completed and checked when it can be sent (`Call.f`).
   */
  const request = (action: string, input: unknown, o?: CallOptions): Promise<CallResult> => {
    const builtIn = action == 'DISPOSITION_CALL';
    const shape = (value: unknown) => (builtIn ? { action, disposition: value } : undefined) as LegacyMessage | undefined;
    const invalid = (failed: { message: string; field: string }) => fail('INVALID_ARGUMENT', failed.message, failed.field);
    if (callContext || port || legacy || dead || !needsCall(input, callFields(action))) {
      const checked = check(action, input);
      return checked.ok ? send(action, shape(checked.value), builtIn ? 0 : checked.value, o) : Promise.reject(invalid(checked));
    }
    return send(action, shape(undefined), 0, o, (c) => {
      const checked = check(action, input);
      if (!checked.ok) return invalid(checked);
      c.f = undefined;
      if (builtIn) c.r.disposition = (c.l as { disposition: unknown }).disposition = checked.value as Request['disposition'];
      else c.r.params = checked.value;
    });
  };

  w.addEventListener('message', onWindowMessage);
  handshake();

  return {
    closeTab: (o) => send('CLOSE_TAB', { action: 'CLOSE_TAB' }, 0, o),
    dispositionCall: (disposition, o) => request('DISPOSITION_CALL', disposition, o),
    call: (action, params, o) => send(action, undefined, params, o),
    get connected() {
      return connected;
    },
    get info() {
      return info;
    },
    supports: (action) => !!info?.actions.includes(action),
    get callContext() {
      return callContext;
    },
    // the platform's other form functions (those without parameters take only the call options)
    ...(Object.fromEntries(
      Object.entries(FORM_FUNCTIONS).map(([method, action]) => [method, (a?: unknown, b?: CallOptions) => (/CLOSE_FORM|HANG_UP/.test(action) ? request(action, undefined, a as CallOptions) : request(action, a, b))]),
    ) as Pick<HostConnection, keyof typeof FORM_FUNCTIONS>),
    destroy() {
      stop();
      w.removeEventListener('message', onWindowMessage);
      // tell the bridge, so it drops this port at once
      port?.postMessage({ ucbridge: 1, type: 'BYE' });
      rejectConnected((dead = fail('DESTROYED', 'destroy() called')));
      drop(dead);
      clearTimeout(sweepTimer);
    },
  };
}
