import {
  bridgeMessage,
  checkHello,
  checkLegacy,
  checkMilliseconds,
  isBridgeMessage,
  isPlainObject,
  PROTOCOL_VERSION,
  type BridgeError,
  type CallContextMessage,
  type Checked,
  type Hello,
  type LegacyMessage,
  type Refused,
  type Request,
  type Welcome,
} from '@ucbridge/protocol';
import { createCurrentCall } from './current-call.js';
import { createDebugLog, debugPort } from './debug-log.js';
import { createDispatcher } from './dispatcher.js';
import { rememberDispositions } from './dispositions.js';
import { fail, invalid, notAllowed } from './fail.js';
import { frameLimit } from './frame-limit.js';
import { createLog } from './log.js';
import { guardDispositionCall } from './platform.js';
import { compileScopes } from './scopes.js';
import { createSession, type CloseReason, type Session } from './session.js';
import type { HostBridge, HostBridgeOptions } from './types.js';

/** Where a form window keeps the handshakes whose first calls a bridge answered, taken or refused (a registered symbol: every copy shares it). */
const HANDSHAKES = Symbol.for('ucbridge.handshakes');
/** Set on a form window where a copy of ucbridge before 0.3 listens first: carried calls are left to the port. */
const OLDER_COPY_FIRST = Symbol.for('ucbridge.olderCopyFirst');
/** Where every copy of ucbridge (0.2 on) keeps the window's disposition memory (dispositions.ts). */
const DISPOSITIONS = Symbol.for('ucbridge.dispositions');

/** How many frames up a sender may sit below the form and still be told why it is refused. */
const NESTING = 4;

/**
 * Installs the bridge on the form's window. Every message on the window goes through, in order:
 * 1. `event.source` must be one of this window's own child frames, checked before `event.data` is
 *    read (reading it deserialises it: a popup posting 100 MB must cost nothing). A deeper frame of
 *    the form (a CRM nested one frame too deep) is read and its HELLO answered `REFUSED` /
 *    `SOURCE_NOT_ALLOWED`; any other sender (a popup, the console, a sibling) is refused unread;
 * 2. is it for us? a `HELLO` (`ucbridge: 1`, no `action`) or, unless `legacy: false`, an object with
 *    an own `action`; anything else (other widgets, extensions) is ignored without a log line. A
 *    ucbridge request found on the window is a client's fallback after it concluded no bridge is
 *    here and told its caller so: it is never run (that is what keeps a late bridge from making an
 *    "unconfirmed" call happen after all);
 * 3. `event.origin` must be allowed (`ORIGIN_NOT_ALLOWED`); its scope (scopes.ts) says which actions it may
 *    call — on its port and the documented way alike (others: `UNKNOWN_ACTION`, and absent from its
 *    `WELCOME`) — and whether its `WELCOME` carries the call (a `REFUSED` never does);
 * 4. the message is validated in full (`INVALID_MESSAGE`, or `INVALID_ARGUMENT` naming the field);
 * only then is anything called. A refusal calls nothing and goes to `onRejected`; a refused HELLO is
 * also answered `REFUSED` with the code, so the client rejects at once instead of falling back.
 * A valid `HELLO` that includes version 1 opens a private `MessageChannel` with that frame
 * (`WELCOME`, with the actions and `platformTimeoutMs`); a new one from the same frame (the CRM page
 * reloaded) replaces the old port; a retry of a handshake already welcomed (it crossed the WELCOME) is ignored. The
 * calls a HELLO carries (issue 15) run on its new port as if they had come on it, once per form window and
 * never after the HELLO expired. v1 requests travel only on such ports; legacy messages get no reply.
 *
 * Throws a `TypeError` when `allowedOrigins` is missing, empty or has an entry that is not an origin
 * (`'*'` included) or a bad scope, when a millisecond or count option is out of range, when an extra
 * action has a name a client could not call, or when a platform function is not one of the form
 * functions (SQL runners above all).
 */
export function createHostBridge(options: HostBridgeOptions): HostBridge {
  const win = options.window ?? window;
  const anyOrigin = options.dangerouslyAllowAnyOrigin === true;
  if (anyOrigin) console.warn(bridgeMessage('ANY_ORIGIN', 'dangerouslyAllowAnyOrigin is on: every origin may dispose calls'));
  const platformTimeoutMs = checkMilliseconds('platformTimeoutMs', options.platformTimeoutMs, 30_000);
  const admit = frameLimit(options.maxPendingPerPort);
  const legacy = options.legacy !== false;
  // debug hooks (log option): `sent` passes a message through and prints it
  const debug = createDebugLog(options.log);
  const sent = <T>(to: string, message: T): T => (debug?.('sent', to, message), message);
  const log = createLog(options, debug);
  const shared = win as unknown as Record<symbol, unknown>;
  // A copy of ucbridge before 0.3 installed first on this window (its disposition memory, no handshake list)
  // answers a HELLO without knowing what it carries, and the client may take that WELCOME first: a carried
  // call would run here and again on its port. With an older copy first, no copy takes carried calls.
  if (DISPOSITIONS in shared && !(HANDSHAKES in shared)) shared[OLDER_COPY_FIRST] = true;
  const remember = rememberDispositions(win);
  // the handshakes whose first calls a bridge on this window took or refused, shared by every copy of ucbridge on it
  const handshakesTaken = (shared[HANDSHAKES] ??= new Set()) as Set<string>;
  const warnTwice = (guid: string) =>
    console.warn(bridgeMessage('TWO_LISTENERS', `two listeners ran DISPOSITION_CALL ${guid}; it reached the platform once. Remove the documented listener or set data-legacy="false"`));
  if (!options.handlers?.dispositionCall) guardDispositionCall(win, remember, warnTwice);
  // call context hook (issue 12): the form's current call, and what each origin may do (scopes.ts)
  const current = createCurrentCall(options, win);
  const [actions, run] = createDispatcher(options, win, { platformTimeoutMs, remember, warnTwice, current });
  const scopeOf = compileScopes(options.allowedOrigins, actions, current.shared, anyOrigin);
  const allowList = anyOrigin ? 'any origin' : describeOrigins(options.allowedOrigins);
  /**
   * Each child frame's session and the handshake it answered. A frame's WindowProxy survives
   * navigation: a reload finds its old port.
   */
  const sessions = new Map<MessageEventSource, Session & { handshake: string }>();
  /** Call context hook: the ports whose origin receives the call context, to tell them when it changes. */
  const contextPorts = new Map<MessageEventSource, Pick<MessagePort, 'postMessage'>>();
  const tellCallContext = () => {
    const message: CallContextMessage = { ucbridge: 1, type: 'CALL_CONTEXT', callContext: current.get() };
    contextPorts.forEach((port) => port.postMessage(message));
  };

  /** 0: a child frame; 1: a deeper frame of this window (told why it is refused); -1: anyone else. */
  function place(source: MessageEventSource | null): number {
    const frames = win.frames;
    for (let i = 0; i < frames.length; i++) if (frames[i] === source) return 0;
    try {
      let frame = source as Window;
      for (let depth = 0; depth < NESTING && frame !== frame.parent; depth++) if ((frame = frame.parent) === win) return 1;
    } catch {
      // not a window (a MessagePort, a worker)
    }
    return -1;
  }

  /** Tells a frame its HELLO is refused: nothing but the HELLO's id and the code, so any target will do. */
  function refuse(source: Window, origin: string, id: string, error: BridgeError): void {
    // a sandboxed frame's origin is 'null', which only '*' reaches; the message holds no secret
    source.postMessage(sent(origin, { ucbridge: 1, type: 'REFUSED', replyTo: id, code: error.code } satisfies Refused), origin === 'null' ? '*' : origin);
  }

  function onMessage(event: MessageEvent): void {
    const { origin, source } = event;
    const where = place(source);
    if (where < 0) return log('message', origin, undefined, fail('SOURCE_NOT_ALLOWED', 'not a frame of this form'));
    const data: unknown = event.data;
    debug?.('received', origin, data); // debug hook: every message a frame of the form posts on its window
    const ours = isBridgeMessage(data);
    const isLegacy = isPlainObject(data) && Object.hasOwn(data, 'action');
    // never String() a foreign value: `{ toString: 'x' }` survives structured clone and makes it throw
    const named = isLegacy ? (typeof data.action == 'string' ? data.action.slice(0, 64) : typeof data.action) : undefined;
    if (ours && isLegacy) {
      const action = named;
      return log('legacy', origin, action, fail('UNCONFIRMED', `a client's fallback ${action}, not run: it was reported unconfirmed`));
    }
    if (isLegacy ? !legacy : !ours) return debug?.('refused', origin, 'ignored: not a ucbridge HELLO' + (legacy ? ' nor an { action } message' : ' (legacy: false)'));
    const kind = isLegacy ? 'legacy' : 'hello';
    const checked: Checked<LegacyMessage | Hello> = isLegacy ? checkLegacy(data)! : checkHello(data);
    // the HELLO's id, when it is usable (checkHello checks the type and the id first): the answer names it
    const id = !isLegacy && (checked.ok || !/^(type|id)$/.test(checked.field)) ? (data as Hello).id : '';
    const port = source as Window;
    const scope = where == 0 ? scopeOf(origin) : undefined;
    const error =
      where > 0
        ? fail('SOURCE_NOT_ALLOWED', 'nested too deep: the CRM iframe must be a direct child of the form')
        : !scope
          ? fail('ORIGIN_NOT_ALLOWED', notAllowed(origin, allowList))
          : !checked.ok
            ? invalid(checked)
            : !isLegacy && !(checked.value as Hello).versions.includes(PROTOCOL_VERSION)
              ? fail('VERSION_MISMATCH', `versions ${(checked.value as Hello).versions} not supported, use ${PROTOCOL_VERSION}`, 'versions')
              : undefined;
    if (error) {
      if (id) refuse(port, origin, id, error);
      // the client reads a REFUSED as "none of its calls was done": no other copy of ucbridge on this
      // window (listening after this one) may take them
      if (checked.ok && (checked.value as Hello).requests) claim((checked.value as Hello).handshake!);
      return log(kind, origin, named, error);
    }
    if (!checked.ok || !scope) return; // for the type checker: refused above

    if (isLegacy) {
      const { action, disposition } = checked.value as LegacyMessage & { disposition?: unknown };
      // scope hook: an action outside this origin's scope calls nothing
      if (!scope.actions.includes(action)) return log(kind, origin, action, fail('UNKNOWN_ACTION', `no action ${action} for ${origin}`, 'action'));
      const release = admit(port);
      if (!release) return log(kind, origin, action, fail('RATE_LIMITED', 'too many calls in flight'));
      log(kind, origin, action, undefined, disposition);
      // the documented snippet expects no answer: the outcome is only logged
      run(action, disposition, { origin, action, source: 'legacy' })
        .then(
          (result) => log('reply', origin, action, undefined, result),
          (reason: BridgeError) => log('reply', origin, action, reason),
        )
        .finally(release);
      return;
    }

    const hello = checked.value as Hello;
    const handshake = hello.handshake!;
    // a retry of a handshake we welcomed (it crossed our WELCOME): that WELCOME, and the calls it took,
    // stand; a new port would leave them answering on one the client never reads
    if (sessions.get(port)?.handshake == handshake) return debug?.('refused', origin, 'a retry of a handshake already welcomed: its WELCOME is on its way');
    sessions.get(port)?.close('replaced');
    // a frame that is no longer a child (its iframe was removed or replaced) keeps no port alive
    sessions.forEach((session, frame) => place(frame) && session.close('gone'));
    // call context hook: a new CRM page learns the call as it is now (a CTI written late, a changed call)
    if (current.refresh()) tellCallContext();
    const channel = new MessageChannel();
    // debug hook: debugPort prints the port's traffic when the log option is on (else it is the port itself)
    const ownPort = debugPort(channel.port1, origin, debug);
    const session = Object.assign(
      createSession(ownPort, origin, scope.actions, run, () => admit(port), log, () => {
        if (sessions.get(port) !== session) return;
        sessions.delete(port);
        contextPorts.delete(port);
      }),
      { handshake },
    );
    sessions.set(port, session);
    const taken = takeFirstCalls(hello);
    const welcome: Welcome = { ucbridge: 1, type: 'WELCOME', replyTo: id, handshake, version: PROTOCOL_VERSION, actions: scope.actions, platformTimeoutMs };
    if (hello.requests) welcome.taken = taken.map((request) => request.id);
    if (scope.callContext) {
      welcome.callContext = current.get();
      contextPorts.set(port, ownPort);
    } else contextPorts.delete(port);
    port.postMessage(sent(origin, welcome), origin === 'null' ? '*' : origin, [channel.port2]);
    log(kind, origin, undefined, undefined, hello.versions);
    // the first calls run after the WELCOME is posted: their replies wait on the port until the client takes it
    taken.forEach(session.receive);
  }

  /**
   * The calls a HELLO carried that this form runs (issue 15): none once the HELLO has expired (the
   * client may have posted them the documented way by then), and none a second time on this window
   * (two copies of ucbridge on one form both hear the HELLO: only the first takes its calls).
   */
  function takeFirstCalls({ handshake, requests, expires }: Hello): Request[] {
    if (!requests?.length || !(Date.now() <= expires!) || !claim(handshake!)) return [];
    return requests.filter((request): request is Request => isPlainObject(request) && typeof request.id == 'string');
  }

  /** Marks a handshake's carried calls as answered on this window (taken or refused); false when they already were. */
  function claim(handshake: string): boolean {
    if (shared[OLDER_COPY_FIRST] || handshakesTaken.has(handshake)) return false;
    handshakesTaken.add(handshake);
    // a form window lives for one CRM page or a few: the oldest ids are long expired
    if (handshakesTaken.size > 64) handshakesTaken.delete(handshakesTaken.values().next().value!);
    return true;
  }

  const closeAll = (reason: CloseReason) => sessions.forEach((session) => session.close(reason));
  // the form unloads (or enters the back-forward cache): say BYE while the ports still work
  const onPageHide = () => closeAll('unloading');
  win.addEventListener('message', onMessage);
  win.addEventListener('pagehide', onPageHide);

  return {
    actions: [...actions],
    get callContext() {
      return current.get();
    },
    setCallContext(context) {
      if (current.set(context)) tellCallContext();
    },
    destroy() {
      win.removeEventListener('message', onMessage);
      win.removeEventListener('pagehide', onPageHide);
      closeAll('destroyed');
    },
  };
}

/** The allow-list as a log line names it: each entry's origin (a scope by its origin). */
function describeOrigins(allowedOrigins: HostBridgeOptions['allowedOrigins']): string {
  return typeof allowedOrigins == 'string' ? allowedOrigins : Array.from(allowedOrigins ?? [], (entry) => (typeof entry == 'string' ? entry : String(Object(entry).origin))).join(' ');
}
