import {
  checkHello,
  checkLegacy,
  isBridgeMessage,
  isPlainObject,
  PROTOCOL_VERSION,
  toWireError,
  type BridgeError,
  type CallContextMessage,
  type Checked,
  type Hello,
  type LegacyMessage,
  type Refused,
  type Welcome,
} from '@ucbridge/protocol';
import { createCurrentCall } from './current-call.js';
import { createDispatcher } from './dispatcher.js';
import { fail, invalid } from './fail.js';
import { createLog } from './log.js';
import { compileScopes } from './scopes.js';
import { createSession, type CloseReason } from './session.js';
import type { HostBridge, HostBridgeOptions } from './types.js';

/**
 * Installs the bridge on the form's window. Every message on the window goes through, in order:
 * 1. is it for us? a `HELLO` (`ucbridge: 1`, no `action`) or, unless `legacy: false`, an object with an
 *    own `action`; anything else (other widgets, extensions) is ignored without a log line;
 * 2. `event.source` must be one of this window's own child frames (`SOURCE_NOT_ALLOWED`), checked
 *    before the origin: a parent, a sibling, a grandchild or a closed frame is refused whatever its origin;
 * 3. `event.origin` must be allowed (`ORIGIN_NOT_ALLOWED`); its scope (scopes.ts) says which actions it may
 *    call (others: `UNKNOWN_ACTION`, and absent from its `WELCOME`) and whether its `WELCOME` carries the call;
 * 4. the message is validated in full (`INVALID_MESSAGE`, or `INVALID_ARGUMENT` naming the field);
 * only then is anything called. A refusal calls nothing and goes to `onRejected`.
 * A valid `HELLO` that includes version 1 opens a private `MessageChannel` with that frame (`WELCOME`,
 * else `REFUSED` / `VERSION_MISMATCH`); a new one from the same frame (the CRM page reloaded) replaces
 * the old port. v1 requests travel only on such ports; legacy messages get no reply.
 *
 * Throws a `TypeError` when `allowedOrigins` is missing, empty or has an entry that is not an origin
 * (`'*'` included) or a bad scope, when an extra action has a name a client could not call, or when a
 * platform function is not one of the form functions (SQL runners above all).
 */
export function createHostBridge(options: HostBridgeOptions): HostBridge {
  const win = options.window ?? window;
  const anyOrigin = options.dangerouslyAllowAnyOrigin === true;
  // call context hook (issue 12): the form's current call, and what each origin may do (scopes.ts)
  const current = createCurrentCall(options, win);
  const [actions, run] = createDispatcher(options, win, current);
  const scopeOf = compileScopes(options.allowedOrigins, actions, current.shared, anyOrigin);
  if (anyOrigin) console.warn('ucbridge: dangerouslyAllowAnyOrigin is on');
  const maxPending = options.maxPendingPerPort ?? 16;
  const legacy = options.legacy !== false;
  const log = createLog(options);
  /** Each child frame's port closer. A frame's WindowProxy survives navigation: a reload finds its old port. */
  const sessions = new Map<MessageEventSource, (reason: CloseReason) => void>();
  /** Call context hook: the ports whose origin receives the call context, to tell them when it changes. */
  const contextPorts = new Map<MessageEventSource, MessagePort>();
  const tellCallContext = () => {
    const message: CallContextMessage = { ucbridge: 1, type: 'CALL_CONTEXT', callContext: current.get() };
    contextPorts.forEach((port) => port.postMessage(message));
  };

  function onMessage({ data, origin, source }: MessageEvent): void {
    const isLegacy = isPlainObject(data) && Object.hasOwn(data, 'action');
    if (isLegacy ? !legacy : !isBridgeMessage(data)) return;
    const kind = isLegacy ? 'legacy' : 'hello';
    const frames = win.frames;
    let child = false;
    for (let i = 0; i < frames.length; i++) child ||= frames[i] === source;
    if (!child) return log(kind, origin, undefined, fail('SOURCE_NOT_ALLOWED', 'not a child frame'));
    const scope = scopeOf(origin);
    if (!scope) return log(kind, origin, undefined, fail('ORIGIN_NOT_ALLOWED', 'origin not allowed'));
    const checked: Checked<LegacyMessage | Hello> = isLegacy ? checkLegacy(data)! : checkHello(data);
    if (!checked.ok) return log(kind, origin, undefined, invalid(checked));
    const port = source as Window;
    // a 'null' origin (sandboxed frame) can only be answered with '*'; it passes only with anyOrigin
    const target = origin === 'null' ? '*' : origin;

    if (isLegacy) {
      const { action, disposition } = checked.value as LegacyMessage & { disposition?: unknown };
      // scope hook: an action outside this origin's scope calls nothing
      if (!scope.actions.includes(action)) return log(kind, origin, action, fail('UNKNOWN_ACTION', 'no action ' + action + ' for this origin', 'action'));
      log(kind, origin, action, undefined, disposition);
      // the documented snippet expects no answer: the outcome is only logged
      run(action, disposition, { origin, action, source: 'legacy' }).then(
        (result) => log('reply', origin, action, undefined, result),
        (reason: BridgeError) => log('reply', origin, action, reason),
      );
      return;
    }

    const { id, versions } = checked.value as Hello;
    if (!versions.includes(PROTOCOL_VERSION)) {
      const mismatch = fail('VERSION_MISMATCH', `versions ${versions} not supported, use ${PROTOCOL_VERSION}`, 'versions');
      port.postMessage({ ucbridge: 1, type: 'REFUSED', replyTo: id, versions: [PROTOCOL_VERSION], error: toWireError(mismatch) } satisfies Refused, target);
      return log(kind, origin, undefined, mismatch);
    }
    sessions.get(port)?.('replaced');
    // call context hook: a new CRM page learns the call as it is now (a CTI written late, a changed call)
    if (current.refresh()) tellCallContext();
    const channel = new MessageChannel();
    const close = createSession(channel.port1, origin, scope.actions, run, maxPending, log, () => {
      if (sessions.get(port) !== close) return;
      sessions.delete(port);
      contextPorts.delete(port);
    });
    sessions.set(port, close);
    const welcome: Welcome = { ucbridge: 1, type: 'WELCOME', replyTo: id, version: PROTOCOL_VERSION, actions: scope.actions };
    if (scope.callContext) {
      welcome.callContext = current.get();
      contextPorts.set(port, channel.port1);
    } else contextPorts.delete(port);
    port.postMessage(welcome, target, [channel.port2]);
    log(kind, origin, undefined, undefined, versions);
  }

  const closeAll = (reason: CloseReason) => sessions.forEach((close) => close(reason));
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
