import {
  BridgeError,
  bridgeMessage,
  checkDisposition,
  checkMilliseconds,
  FORM_FUNCTIONS,
  formatSchedule,
  fromWireError,
  MAX_HELLO_REQUESTS,
  MAX_TIMER_MS,
  timerAt,
  type CallContext,
  type Checked,
  type ErrorCode,
  type FailedOutcome,
  type Hello,
  type Request,
} from '@ucbridge/protocol';
import { callFields, fillFromCall, needsCall } from './call-context.js';
import { createDebugLog, whyIgnored } from './debug-log.js';
import { register } from './registry.js';
import { hostTargets } from './target.js';
import type { CallOptions, CallResult, ConnectOptions, HostConnection, HostInfo } from './types.js';

// Private names end in `_`: the build shortens them (esbuild mangleProps), the source keeps whole words.

/** One call from `closeTab()` to its settlement. */
interface Call {
  /** The request as it travels on the port; on the window it is the documented-shape fallback. */
  request_: Request;
  /** `closeTab` / `dispositionCall`: may be posted the documented way once no bridge is found. */
  documented_: boolean;
  /** The caller's timeout in ms, for the message. */
  timeoutMs_: number;
  /** `Date.now()` at which it times out: its own timeout, pushed back while the form still waits. */
  deadline_: number;
  /** Posted on a port: from then on only a reply tells its outcome, anything else leaves it unknown. */
  sent_: boolean;
  /**
   * Carried by the handshake's first HELLO (issue 15): until the WELCOME says whether the form took it,
   * or until this `Date.now()` (the HELLO's expiry plus the grace for its answer), a form may have run it.
   * 0: not riding.
   */
  ridingUntil_: number;
  /** Settles once and forgets the call. No error: resolves with `result`. */
  settle_(error: BridgeError | undefined, result?: CallResult): void;
  /**
   * Call context hook (issue 12): a call that left out its call fields before the handshake told the
   * form's call; run once, where the call can go, it fills and checks the request (an error fails it).
   */
  complete_?: (() => BridgeError | undefined) | undefined;
}

/** How long after the closing HELLO the client waits for its answer before it concludes no bridge is there. */
const CLOSING_GRACE_MS = 500;
/** How long after a nested-frame refusal the client still waits for its parent to answer. */
const NESTED_WAIT_MS = 300;
/** Room for the form's `PLATFORM_TIMEOUT` reply to travel back before the client gives up itself. */
const REPLY_MARGIN_MS = 2000;
/** How many frames up a HELLO goes: the parent, and above it so a form can say "nested too deep". */
const ANCESTORS = 4;
/**
 * How long after the handshake starts a form may still take the calls its first HELLO carries (or
 * `handshakeTimeoutMs`, when shorter): a form busy past it (a heavy page still loading) welcomes the
 * page without running them, and they go on the port. Kept well before the client concludes "no
 * bridge", so a call that went with the HELLO is never also posted the documented way.
 */
const RIDE_MS = 1000;

let counter = 0;
// HELLO ids travel on shared windows, where another frame could answer them: unguessable.
// Request ids travel only on our private port (or once, in a fallback): a counter is enough.
const randomId = () => Math.random().toString(36).slice(2) + ++counter;
/** Every error says where it comes from and its code, then what happened. */
const fail = (code: ErrorCode, detail: string, field?: string, outcome?: FailedOutcome) => new BridgeError(code, bridgeMessage(code, detail), field, outcome);

/** What the client tells its caller for each code a form's REFUSED may carry. */
const REFUSALS: Partial<Record<ErrorCode, string>> = {
  ORIGIN_NOT_ALLOWED: "does not list this page's origin in allowedOrigins",
  SOURCE_NOT_ALLOWED: 'frames this page too deep: it must be a direct child of the form',
  VERSION_MISMATCH: 'speaks another ucbridge version',
};

/**
 * Connects this page (inside an iframe of a uContact form) to the form.
 *
 * Requirements, and how they are met:
 * - find a bridge that is up before the handshake deadline: `HELLO` goes to `window.parent` at once
 *   and after 100, 300 and 700 ms; at `handshakeTimeoutMs` a closing HELLO goes out, and only when
 *   {@link CLOSING_GRACE_MS} later nothing has answered it does the client conclude that the form
 *   has no bridge. A bridge installed before the closing HELLO reaches the form answers it. HELLOs
 *   go on every second after that, so a bridge that starts later is found for later calls;
 * - hear only the form: an answer counts only from `window.parent`, from an allowed origin, naming
 *   our latest (random) HELLO id; then everything travels on the private `MessagePort` a `WELCOME`
 *   carries. A `REFUSED` rejects every call at once with its code and nothing goes the legacy way;
 *   a `REFUSED` / `SOURCE_NOT_ALLOWED` from a form further up (this page is nested too deep) does
 *   the same unless the parent welcomes us within {@link NESTED_WAIT_MS};
 * - never dispose twice, never say what it did not see: a call goes either on the port or — only
 *   after the client concluded no bridge is there — once to the window in the documented shape,
 *   never both. That fallback is a ucbridge request (`ucbridge: 1`, `id`, `action`, `disposition`):
 *   a documented listener reads its `action` and `disposition`; a bridge that started too late to
 *   answer never runs it. So `{ confirmed: false }` always means "no bridge took it"; a call lost
 *   with its port is rejected with an unknown outcome, never resent;
 * - answer the first call in one round trip (issue 15): the handshake's first HELLO goes once the page's
 *   script has run and carries the calls made so far; the form runs the ones it takes (`WELCOME.taken`)
 *   on the new port, the others are posted there. A form takes them only before {@link RIDE_MS}, so a
 *   carried call is never also posted the documented way; until the WELCOME tells, it may have run;
 * - never time out a call the form still waits for: a sent call's deadline is pushed back to the
 *   form's `platformTimeoutMs` (told in `WELCOME`) plus {@link REPLY_MARGIN_MS}.
 *
 * - hand the CRM the form's call (issue 12): `callContext` from `WELCOME` and every `CALL_CONTEXT`,
 *   forgotten with the port (`BYE`, `REPLACED`, `pagehide`, `destroy()`); a disposition that leaves
 *   out `campaign` / `callerid` / `guid` before the handshake waits for it and is filled once, where it goes.
 *
 * Invariant that keeps this small: while a port is open every call in `calls` has been posted on
 * it or taken with the HELLO (calls are posted as they are made), and while none is open none has —
 * except the ones a HELLO carries, which may have been taken until the WELCOME or their expiry tells.
 *
 * Throws a `TypeError` when `hostOrigin` is not an exact origin (or list of them), or when a
 * millisecond option is out of range.
 */
export function connectToHost(options: ConnectOptions): HostConnection {
  const win = options.window ?? window;
  const parent = win.parent;
  const host = hostTargets(win, options);
  const timeoutMs = checkMilliseconds('timeoutMs', options.timeoutMs, 15_000);
  const handshakeTimeoutMs = checkMilliseconds('handshakeTimeoutMs', options.handshakeTimeoutMs, 1500);
  // the frames a HELLO goes to: the parent first, then up to the top
  const ancestors: Window[] = [];
  for (let frame = win; ancestors.length < ANCESTORS && frame.parent != frame; ) ancestors.push((frame = frame.parent));
  const calls = new Map<string, Call>();
  // debug hooks (log option): `sent` passes a message through and prints it
  const debug = createDebugLog(options.log);
  const sent = <T>(to: string, message: T): T => (debug?.('sent', to, message), message);
  let port: MessagePort | undefined;
  let info: HostInfo | undefined;
  // call context hook (issue 12): the form's call, from WELCOME and CALL_CONTEXT (undefined: none shared)
  let callContext: CallContext | undefined;
  // kept even when nobody listens: `host.callContext` and the disposition's call fields read it
  const tellCallContext = (next: CallContext | undefined) => {
    callContext = next;
    options.onCallContext?.(next);
  };
  // concluded that the form has no bridge: built-ins go the documented way
  let noBridge = false;
  // when set, every call rejects with it: no host can be reached any more
  let dead: BridgeError | undefined = parent == win ? fail('NOT_CONNECTED', 'not in a frame') : host.refusal;
  // a form further up refused this page as nested too deep
  let nested: BridgeError | undefined;
  // id of the latest HELLO; '' when no handshake runs
  let helloId = '';
  // id of this handshake's first HELLO, which every retry names (a form answers one HELLO of a handshake)
  let handshakeId = '';
  // Date.now() when the handshake started: the first HELLO's calls expire relative to it
  let handshakeStarted = 0;
  // the handshake's first HELLO has not gone yet: a call made now goes with it
  let firstHelloDue = false;
  let helloTimer: ReturnType<typeof setTimeout> | undefined;
  let closingTimer: ReturnType<typeof setTimeout> | undefined;
  let connected: Promise<HostInfo>;
  let resolveConnected: (info: HostInfo) => void;
  let rejectConnected: (error: BridgeError) => void;

  /** A call the form may have run: posted on the port, or carried by a HELLO a form may still take. */
  const mayHaveRun = (call: Call) => call.sent_ || call.ridingUntil_ > Date.now();

  /** From now on only a reply tells the call's outcome; the form answers PLATFORM_TIMEOUT by platformTimeoutMs at the latest: wait for it. */
  const markSent = (call: Call) => {
    call.sent_ = true;
    call.ridingUntil_ = 0;
    const formDeadline = Date.now() + info!.platformTimeoutMs + REPLY_MARGIN_MS;
    if (formDeadline > call.deadline_) call.deadline_ = formDeadline;
  };

  // One timer for every pending call's deadline, not one per call: setting and clearing a timer per
  // call cost ≈ 1–2 µs of a ≈ 100 µs round trip. It is armed for the earliest deadline; when it fires it
  // times out what is due and re-arms for the next one. A call that settles leaves it armed: the sweep
  // then finds nothing due, which costs less than clearing.
  const sweep = () => {
    const now = Date.now();
    let next = Infinity;
    calls.forEach((call) =>
      call.deadline_ <= now
        ? call.settle_(
            mayHaveRun(call)
              ? fail('TIMEOUT', `${call.request_.action} got no answer in ${call.timeoutMs_} ms: outcome unknown`, undefined, 'unknown')
              : fail('TIMEOUT', `${call.request_.action} not sent in ${call.timeoutMs_} ms`),
          )
        : (next = Math.min(next, call.deadline_)),
    );
    arm(next);
  };
  const [arm, disarm] = timerAt(sweep);

  /** Fills a call that waited for the handshake (once: it then goes out or fails); true when it failed. */
  const incomplete = (call: Call) => {
    const error = call.complete_?.();
    call.complete_ = undefined;
    if (error) call.settle_(error);
    return !!error;
  };

  /** Sends a call where it can go now, or leaves it waiting while the handshake runs. */
  const route = (call: Call) => {
    // a call the form took with the handshake is answered on the port: never posted again
    if (call.sent_) return;
    if (dead) call.settle_(mayHaveRun(call) ? fail(dead.code, `${dead.message}; ${call.request_.action} went with the handshake: outcome unknown`, undefined, 'unknown') : dead);
    else if (port) {
      if (incomplete(call)) return;
      try {
        port.postMessage(sent(info!.origin, call.request_));
      } catch {
        return call.settle_(fail('INVALID_ARGUMENT', `${call.request_.action} params not cloneable`, 'params'));
      }
      markSent(call);
    } else if (noBridge) {
      if (!call.documented_ || !host.fallback.length) return call.settle_(fail('NOT_CONNECTED', `${call.request_.action} not sent: no ucbridge bridge answered`));
      // a disposition waiting for the form's call: without a bridge there is none, it is never sent half-empty
      if (incomplete(call)) return;
      host.fallback.forEach((target) => parent.postMessage(sent(target, call.request_), target));
      const unconfirmed = fail('UNCONFIRMED', `${call.request_.action} posted the documented way, nobody confirms it: outcome unknown`, undefined, 'unknown');
      call.settle_(options.requireConfirmation ? unconfirmed : undefined, { confirmed: false });
    }
  };

  const stop = () => {
    firstHelloDue = false;
    clearTimeout(helloTimer);
    clearTimeout(closingTimer);
    helloId = handshakeId = '';
  };

  /**
   * Ends the port and every call: one that was sent has an unknown outcome, one that was not was not done.
   * The form's call goes with the port; returns true when there was one (to tell `onCallContext` last).
   */
  const drop = (code: ErrorCode, detail: string) => {
    const hadCall = !!callContext;
    port?.close();
    port = info = callContext = undefined;
    calls.forEach((call) =>
      call.settle_(
        mayHaveRun(call)
          ? fail(code, `${detail}: ${call.request_.action} outcome unknown`, undefined, 'unknown')
          : fail(code, `${detail}: ${call.request_.action} not sent`),
      ),
    );
    return hadCall;
  };

  /** No host can be reached any more: every call, now and later, rejects with `error`. */
  const end = (error: BridgeError) => {
    stop();
    rejectConnected((dead = error));
    calls.forEach(route);
  };

  /** Posts this handshake's HELLO to every ancestor; `first` (to the parent only) may carry calls. */
  const postHello = (first?: Pick<Hello, 'requests' | 'expires'>) => {
    helloId = randomId();
    const hello: Hello = { ucbridge: 1, type: 'HELLO', id: helloId, handshake: (handshakeId ||= helloId), versions: [1] };
    ancestors.forEach((frame, level) => host.targets(level).forEach((target) => frame.postMessage(sent(target, level || !first ? hello : { ...hello, ...first }), target)));
  };

  const hello = (delay: number) => {
    postHello();
    helloTimer = setTimeout(hello, delay, Math.min(delay * 2, 1000));
  };

  /**
   * The handshake's first HELLO carries the calls already made (issue 15): a form that welcomes it runs
   * them at once, so their answers need no second round trip. Only to the parent at an exact origin
   * (they hold the disposition), and not the ones still waiting for the form's call to fill them.
   */
  const firstHello = () => {
    if (!firstHelloDue) return;
    firstHelloDue = false;
    clearTimeout(helloTimer);
    const riders = [...calls.values()].filter((call) => !call.complete_).slice(0, MAX_HELLO_REQUESTS);
    const expires = handshakeStarted + Math.min(handshakeTimeoutMs, RIDE_MS);
    let carried = riders.length > 0 && !host.targets(0).includes('*');
    try {
      postHello(carried ? { requests: riders.map((call) => call.request_), expires } : undefined);
    } catch {
      // a call's params cannot be cloned: the HELLO goes alone, the call fails where it is posted
      carried = false;
      postHello();
    }
    if (carried) riders.forEach((call) => (call.ridingUntil_ = expires + CLOSING_GRACE_MS));
    helloTimer = setTimeout(hello, 100, 200);
  };

  /** Nothing answered the closing HELLO: the form has no bridge (or a nested frame is refused). */
  const conclude = () => {
    if (nested) return end(nested);
    noBridge = true;
    // no form took the calls the first HELLO carried (it expired before the closing HELLO): they are ours again
    calls.forEach((call) => (call.ridingUntil_ = 0));
    calls.forEach(route);
    hello(1000);
  };

  const handshake = () => {
    // callers who never look at `connected` must not see an unhandled rejection
    (connected = new Promise((resolve, reject) => {
      resolveConnected = resolve;
      rejectConnected = reject;
    })).catch(() => {});
    noBridge = false;
    nested = undefined;
    if (dead) return rejectConnected(dead);
    handshakeStarted = Date.now();
    // the first HELLO goes once the page's script has run (a microtask after its first call, else when
    // this task ends), so the calls it makes right after connecting ride it; retries follow after 100,
    // 300, 700 ms (a busy form may take tens of ms to answer)
    firstHelloDue = true;
    helloTimer = setTimeout(firstHello);
    if (handshakeTimeoutMs < Infinity) {
      closingTimer = setTimeout(() => {
        clearTimeout(helloTimer);
        postHello();
        helloTimer = setTimeout(conclude, CLOSING_GRACE_MS);
      }, Math.min(handshakeTimeoutMs, MAX_TIMER_MS));
    }
  };

  // the port is private to the host that answered: nothing to check but our own ids
  const onPortMessage = ({ data }: MessageEvent) => {
    const origin = info!.origin;
    debug?.('received', origin, data); // debug hook: every message on the port
    if (data?.type == 'CALL_CONTEXT') return debug?.('accepted', origin, data), tellCallContext(data.callContext);
    if (data?.type != 'BYE') return calls.get(data?.replyTo)?.settle_(data.ok !== true ? fromWireError(data.error) : undefined, { confirmed: true, result: data.result });
    const replaced = data.code == 'REPLACED';
    const lost = replaced ? fail('REPLACED', 'another connectToHost in this frame took the connection') : fail('CONNECTION_LOST', 'host went away');
    const hadCall = drop(lost.code, 'connection lost');
    debug?.('disconnected', origin, lost.message); // debug hook
    options.onDisconnect?.(lost);
    // a replaced client must not take the port back: that would replace the other one, and so on
    replaced ? end(lost) : handshake();
    // call context hook: the call is not known any more (told last: a listener that throws must not stop the handshake)
    if (hadCall) tellCallContext(undefined);
  };

  const onWindowMessage = (event: MessageEvent) => {
    const level = ancestors.indexOf(event.source as Window);
    // outside a handshake the form's messages are not read, unless the log option prints them
    if (level < 0 || !(helloId || debug)) return;
    const data = event.data;
    debug?.('received', event.origin, data); // debug hook: every message from the form (or a frame above it)
    // the answer to our latest HELLO, or a WELCOME naming our handshake (a form that took an earlier HELLO of it)
    const ours = data?.replyTo === helloId || (data?.type == 'WELCOME' && data.handshake === handshakeId);
    if (!helloId || data?.ucbridge !== 1 || !ours || !host.matches(event.origin)) {
      return debug?.('refused', event.origin, whyIgnored(event.origin, data, helloId, host.matches, options.hostOrigin)); // debug hook
    }
    const code: ErrorCode = data.type == 'REFUSED' && typeof data.code == 'string' ? data.code : 'VERSION_MISMATCH';
    const refusal = fail(code, `the form at ${event.origin} ${REFUSALS[code] ?? 'refused this page'}`);
    const welcomed = !level && data.type == 'WELCOME' && data.version == 1 && event.ports[0];
    debug?.(welcomed ? 'accepted' : 'refused', event.origin, welcomed ? data : refusal.message); // debug hook: REFUSED with its code and reason
    if (level) {
      // a form further up: it can only tell us we are nested too deep; the parent may still answer
      if (code == 'SOURCE_NOT_ALLOWED' && !nested) {
        nested = refusal;
        clearTimeout(closingTimer);
        closingTimer = setTimeout(() => helloId && end(refusal), NESTED_WAIT_MS);
      }
      return;
    }
    if (data.type == 'WELCOME' && data.version == 1 && (port = event.ports[0])) {
      stop();
      port.onmessage = onPortMessage;
      const platformTimeoutMs = typeof data.platformTimeoutMs == 'number' && data.platformTimeoutMs > 0 ? data.platformTimeoutMs : 0;
      // call context hook: known before `connected` resolves and `onConnect` runs, and to the waiting calls
      callContext = data.callContext;
      info = { version: 1, actions: Array.isArray(data.actions) ? data.actions : [], origin: event.origin, platformTimeoutMs };
      // the calls the first HELLO carried that the form took are answered on this port; the others go on it now
      const taken: unknown[] = Array.isArray(data.taken) ? data.taken : [];
      calls.forEach((call) => (call.ridingUntil_ && taken.includes(call.request_.id) ? markSent(call) : (call.ridingUntil_ = 0)));
      resolveConnected(info);
      options.onConnect?.(info);
      calls.forEach(route);
      // told once the waiting calls went out (a listener that throws must not hold them)
      tellCallContext(callContext);
    } else {
      // a form that refuses this page took none of the calls its first HELLO carried: they were not done
      calls.forEach((call) => (call.ridingUntil_ = 0));
      end(refusal);
    }
  };

  const send = (action: string, documented: boolean, fields: Partial<Request>, callOptions?: CallOptions, complete?: (call: Call) => BridgeError | undefined) =>
    new Promise<CallResult>((resolve, reject) => {
      const id = '' + ++counter;
      const callTimeoutMs = callOptions?.timeoutMs === undefined ? timeoutMs : checkMilliseconds('timeoutMs', callOptions.timeoutMs, timeoutMs);
      const call: Call = {
        request_: { ucbridge: 1, id, action, ...fields },
        documented_: documented,
        timeoutMs_: callTimeoutMs,
        deadline_: Date.now() + callTimeoutMs,
        sent_: false,
        ridingUntil_: 0,
        settle_(error, result) {
          calls.delete(id);
          const disposition = call.request_.disposition;
          // a failed disposition carries what was sent (filled from the call of that moment): the one to retry with
          error ? reject(disposition ? Object.assign(new BridgeError(error.code, error.message, error.field, error.outcome), { disposition }) : error) : resolve(result!);
        },
        complete_: complete && (() => complete(call)),
      };
      calls.set(id, call);
      route(call);
      if (calls.has(id)) arm(call.deadline_);
      if (firstHelloDue) queueMicrotask(firstHello);
    });

  /**
   * A disposition (checked) or a form function's params, its call fields left out filled from the
   * form's call. Form functions need a bridge, and the bridge checks their params (the same rules, one
   * place); a disposition is checked here too because a form with only the documented listener checks nothing.
   */
  const check = (action: string, input: unknown): Checked<unknown> => {
    const filled = fillFromCall(input, callContext, callFields(action)) as Record<string, unknown> | undefined;
    if (action != 'DISPOSITION_CALL') return { ok: true, value: filled };
    const schedule = filled?.schedule;
    // not `instanceof Date`: a Date made in another frame (the page that embeds this one) counts too
    return checkDisposition(Object.prototype.toString.call(schedule) == '[object Date]' ? { ...filled, schedule: formatSchedule(schedule as Date) } : filled);
  };

  /** `INVALID_ARGUMENT` (not done) naming the field; says why no call filled it when the caller left it out. */
  const invalid = (failed: { message: string; field: string }, input: unknown, fields: readonly string[]) => {
    const unfilled = !callContext && needsCall(input, fields);
    const why = port ? 'the form shares no call with this page' : 'no ucbridge bridge answered, so no call context is known';
    return fail('INVALID_ARGUMENT', unfilled ? `${failed.message} (${why}): pass ${fields.join(', ')}` : failed.message, failed.field);
  };

  /**
   * Sends a disposition once it passes the check (else rejects `INVALID_ARGUMENT`), or a form function.
   * Call context hook (issue 12): a call that leaves out its call fields before the handshake told the
   * form's call waits for it, and is filled and checked once, where it can go (`Call.complete_`): on the
   * port, or — no bridge, so no call to fill it from — rejected, never posted half-empty.
   */
  const request = (action: string, input: unknown, callOptions?: CallOptions): Promise<CallResult> => {
    const documented = action == 'DISPOSITION_CALL';
    const fields = callFields(action);
    const shape = (value: unknown): Partial<Request> => (documented ? { disposition: value as Request['disposition'] } : { params: value });
    // no form will take it (refused, destroyed, not framed): that is the reason, not a field no call could fill
    if (dead && needsCall(input, fields)) return Promise.reject(dead);
    if (callContext || port || noBridge || dead || !needsCall(input, fields)) {
      const checked = check(action, input);
      return checked.ok ? send(action, documented, shape(checked.value), callOptions) : Promise.reject(invalid(checked, input, fields));
    }
    return send(action, documented, {}, callOptions, (call) => {
      const checked = check(action, input);
      if (!checked.ok) return invalid(checked, input, fields);
      Object.assign(call.request_, shape(checked.value));
    });
  };

  // this page unloads (or enters the back-forward cache): tell the form, so it drops our port at once
  const onPageHide = () => {
    port?.postMessage(sent(info!.origin, { ucbridge: 1, type: 'BYE' }));
    const hadCall = drop('CONNECTION_LOST', 'page hidden');
    stop();
    if (hadCall) tellCallContext(undefined);
  };
  // back from the back-forward cache: the form dropped our port, say HELLO again
  const onPageShow = (event: PageTransitionEvent) => event.persisted && !port && !helloId && handshake();

  win.addEventListener('message', onWindowMessage);
  win.addEventListener('pagehide', onPageHide);
  win.addEventListener('pageshow', onPageShow);
  handshake();

  const connection: HostConnection = {
    closeTab: (callOptions) => send('CLOSE_TAB', true, {}, callOptions),
    dispositionCall: (disposition, callOptions) => request('DISPOSITION_CALL', disposition, callOptions),
    call: (action, params, callOptions) => send(action, false, { params }, callOptions),
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
      Object.entries(FORM_FUNCTIONS).map(([method, action]) => [
        method,
        (input?: unknown, callOptions?: CallOptions) => (/CLOSE_FORM|HANG_UP/.test(action) ? request(action, undefined, input as CallOptions) : request(action, input, callOptions)),
      ]),
    ) as Pick<HostConnection, keyof typeof FORM_FUNCTIONS>),
    destroy() {
      stop();
      win.removeEventListener('message', onWindowMessage);
      win.removeEventListener('pagehide', onPageHide);
      win.removeEventListener('pageshow', onPageShow);
      // tell the bridge, so it drops this port at once
      port?.postMessage(sent(info!.origin, { ucbridge: 1, type: 'BYE' }));
      drop('DESTROYED', 'destroyed');
      rejectConnected((dead = fail('DESTROYED', 'destroy() called')));
      disarm();
      unregister();
    },
  };
  const unregister = register(win, options.hostOrigin ?? '*', connection);
  return connection;
}
