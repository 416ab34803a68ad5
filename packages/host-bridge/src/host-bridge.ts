import {
  checkHello,
  checkLegacy,
  isBridgeMessage,
  isPlainObject,
  bridgeMessage,
  originsMatcher,
  PROTOCOL_VERSION,
  toWireError,
  type BridgeError,
  type Checked,
  type Hello,
  type LegacyMessage,
  type Refused,
  type Welcome,
} from '@ucbridge/protocol';
import { createDebugLog, debugPort } from './debug-log.js';
import { createDispatcher } from './dispatcher.js';
import { fail, invalid, notAllowed } from './fail.js';
import { createLog } from './log.js';
import { createSession, type CloseReason } from './session.js';
import type { HostBridge, HostBridgeOptions } from './types.js';

/**
 * Installs the bridge on the form's window. Every message on the window goes through, in order:
 * 1. is it for us? a `HELLO` (`ucbridge: 1`, no `action`) or, unless `legacy: false`, an object with an
 *    own `action`; anything else (other widgets, extensions) is ignored without a log line;
 * 2. `event.source` must be one of this window's own child frames (`SOURCE_NOT_ALLOWED`), checked
 *    before the origin: a parent, a sibling, a grandchild or a closed frame is refused whatever its origin;
 * 3. `event.origin` must be allowed (`ORIGIN_NOT_ALLOWED`);
 * 4. the message is validated in full (`INVALID_MESSAGE`, or `INVALID_ARGUMENT` naming the field);
 * only then is anything called. A refusal calls nothing and goes to `onRejected`.
 * A valid `HELLO` that includes version 1 opens a private `MessageChannel` with that frame (`WELCOME`,
 * else `REFUSED` / `VERSION_MISMATCH`); a new one from the same frame (the CRM page reloaded) replaces
 * the old port. v1 requests travel only on such ports; legacy messages get no reply.
 *
 * Throws a `TypeError` when `allowedOrigins` is missing, empty or has an entry that is not an origin
 * (`'*'` included), or when an extra action has a name a client could not call.
 */
export function createHostBridge(options: HostBridgeOptions): HostBridge {
  const win = options.window ?? window;
  const anyOrigin = options.dangerouslyAllowAnyOrigin === true;
  const allowed = anyOrigin ? () => true : originsMatcher(options.allowedOrigins);
  if (anyOrigin) console.warn(bridgeMessage('ANY_ORIGIN', 'dangerouslyAllowAnyOrigin is on: every origin may dispose calls'));
  const [actions, run] = createDispatcher(options, win);
  const maxPending = options.maxPendingPerPort ?? 16;
  const legacy = options.legacy !== false;
  // debug hooks (log option): `sent` passes a message through and prints it
  const debug = createDebugLog(options.log);
  const sent = <T>(to: string, message: T): T => (debug?.('sent', to, message), message);
  const log = createLog(options, debug);
  /** Each child frame's port closer. A frame's WindowProxy survives navigation: a reload finds its old port. */
  const sessions = new Map<MessageEventSource, (reason: CloseReason) => void>();

  function onMessage({ data, origin, source }: MessageEvent): void {
    debug?.('received', origin, data); // debug hook: every message on the form's window
    const isLegacy = isPlainObject(data) && Object.hasOwn(data, 'action');
    if (isLegacy ? !legacy : !isBridgeMessage(data)) return debug?.('refused', origin, 'ignored: not a ucbridge HELLO' + (legacy ? ' nor an { action } message' : ' (legacy: false)'));
    const kind = isLegacy ? 'legacy' : 'hello';
    const frames = win.frames;
    let child = false;
    for (let i = 0; i < frames.length; i++) child ||= frames[i] === source;
    if (!child) return log(kind, origin, undefined, fail('SOURCE_NOT_ALLOWED', 'not a child frame'));
    if (!allowed(origin)) return log(kind, origin, undefined, fail('ORIGIN_NOT_ALLOWED', notAllowed(origin, options.allowedOrigins)));
    const checked: Checked<LegacyMessage | Hello> = isLegacy ? checkLegacy(data)! : checkHello(data);
    if (!checked.ok) return log(kind, origin, undefined, invalid(checked));
    const port = source as Window;
    // a 'null' origin (sandboxed frame) can only be answered with '*'; it passes only with anyOrigin
    const target = origin === 'null' ? '*' : origin;

    if (isLegacy) {
      const { action, disposition } = checked.value as LegacyMessage & { disposition?: unknown };
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
      port.postMessage(sent(origin, { ucbridge: 1, type: 'REFUSED', replyTo: id, versions: [PROTOCOL_VERSION], error: toWireError(mismatch) } satisfies Refused), target);
      return log(kind, origin, undefined, mismatch);
    }
    sessions.get(port)?.('replaced');
    const channel = new MessageChannel();
    // debug hook: debugPort prints the port's traffic when the log option is on (else it is the port itself)
    const close = createSession(debugPort(channel.port1, origin, debug), origin, actions, run, maxPending, log, () => sessions.get(port) === close && sessions.delete(port));
    sessions.set(port, close);
    port.postMessage(sent(origin, { ucbridge: 1, type: 'WELCOME', replyTo: id, version: PROTOCOL_VERSION, actions } satisfies Welcome), target, [channel.port2]);
    log(kind, origin, undefined, undefined, versions);
  }

  const closeAll = (reason: CloseReason) => sessions.forEach((close) => close(reason));
  // the form unloads (or enters the back-forward cache): say BYE while the ports still work
  const onPageHide = () => closeAll('unloading');
  win.addEventListener('message', onMessage);
  win.addEventListener('pagehide', onPageHide);

  return {
    actions: [...actions],
    destroy() {
      win.removeEventListener('message', onMessage);
      win.removeEventListener('pagehide', onPageHide);
      closeAll('destroyed');
    },
  };
}
