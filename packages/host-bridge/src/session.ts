import { checkRequest, isBridgeMessage, toWireError, type BridgeError, type Bye, type Checked, type Reply, type Request } from '@ucbridge/protocol';
import { safeParams } from './params.js';
import type { RunAction } from './dispatcher.js';
import { fail, invalid } from './fail.js';
import type { Log } from './log.js';

/** The part of a `MessagePort` a session uses: the seam that lets the request/reply core run in Node. */
export type PortLike = Pick<MessagePort, 'postMessage' | 'close' | 'onmessage'>;

/**
 * Why a session ends: `destroyed` (bridge.destroy()), `unloading` (pagehide), `replaced` (a new HELLO
 * from the same frame), `gone` (its frame is no longer a child of the form), `bye` (the client said
 * BYE: nothing more is posted).
 *
 * `replaced` answers what is pending, then says `BYE` with `code: 'REPLACED'`: after a reload nobody
 * listens to the old port anyway, and when two live clients share one frame the replaced one learns
 * at once that another took the connection — and, told by the code, does not say HELLO again (which
 * would replace the other, which would say HELLO… a storm).
 */
export type CloseReason = 'destroyed' | 'unloading' | 'replaced' | 'gone' | 'bye';

/** One client's conversation on its private port. */
export interface Session {
  /** Ends it (see {@link CloseReason}); idempotent. */
  close(reason: CloseReason): void;
  /**
   * Takes a request as if it had come on the port: the first calls a HELLO carried (issue 15). Its
   * reply goes on the port like any other.
   */
  receive(data: unknown): void;
}

/**
 * Serves one client's private port. Requirements:
 * - exactly one reply per accepted request id, whatever the handler does (resolves, rejects, throws,
 *   never answers, answers twice, returns something that cannot be cloned — then `ok` without result,
 *   since the action did run and the caller must not retry it);
 * - a refused request (invalid, `UNKNOWN_ACTION`, `RATE_LIMITED`) calls nothing and is answered at
 *   once when it carries a usable id; a request (valid or not) with a pending id is refused without a
 *   reply (its reply would settle the first one);
 * - at most as many requests in flight as `admit` lets the frame have (counted per frame, across its
 *   ports and documented messages, until the action itself settles), more are answered `RATE_LIMITED`;
 * - on close, every pending request is answered `DESTROYED` — except `CLOSE_TAB` while the page
 *   unloads, which is the tab closing: answered ok — then `BYE` (with `code: 'REPLACED'` when replaced);
 *   nothing is posted after that.
 */
export function createSession(
  port: PortLike,
  origin: string,
  actions: readonly string[],
  run: RunAction,
  admit: () => (() => void) | undefined,
  log: Log,
  onEnd: () => void,
): Session {
  /** id → action of every request whose outcome is not sent yet. */
  const pending = new Map<string, string>();

  function send(replyTo: string, ok: boolean, value: unknown): void {
    const reply = (result: unknown) => port.postMessage((ok ? { ucbridge: 1, replyTo, ok, result } : { ucbridge: 1, replyTo, ok, error: toWireError(value as BridgeError) }) satisfies Reply);
    try {
      reply(value);
    } catch {
      reply(undefined); // DataCloneError
    }
  }

  function settle(id: string, ok: boolean, value: unknown): void {
    const action = pending.get(id);
    if (!pending.delete(id)) return; // late: already answered
    send(id, ok, value);
    log('reply', origin, action, ok ? undefined : (value as BridgeError), ok ? value : undefined);
  }

  function close(reason: CloseReason): void {
    if (reason !== 'bye') {
      pending.forEach((action, id) =>
        reason === 'unloading' && action === 'CLOSE_TAB'
          ? settle(id, true, undefined)
          : settle(id, false, fail('DESTROYED', `bridge ${reason}: ${action} outcome unknown`, undefined, 'unknown')),
      );
      if (reason !== 'gone') port.postMessage({ ucbridge: 1, type: 'BYE', code: reason === 'replaced' ? 'REPLACED' : undefined } satisfies Bye);
    }
    pending.clear();
    port.onmessage = null;
    port.close();
    onEnd();
  }

  function receive(data: unknown): void {
    const ours = isBridgeMessage(data);
    if (ours && (data as { type?: unknown }).type === 'BYE') return close('bye');
    const checked: Checked<Request> = ours ? checkRequest(data) : { ok: false, field: 'ucbridge', message: 'not a ucbridge message' };
    const { action, disposition, params } = checked.ok ? checked.value : ({} as Partial<Request>);
    // checkRequest checks the object and its id before anything else: when a later field failed, the id is usable
    const id: string = checked.ok || !/^(ucbridge|request|id)$/.test(checked.field) ? (data as Request).id : '';
    const error = !checked.ok
      ? invalid(checked)
      : pending.has(id)
        ? fail('INVALID_MESSAGE', 'id already pending', 'id')
        : !actions.includes(action!)
          ? fail('UNKNOWN_ACTION', 'no action ' + action, 'action')
          : undefined;
    const release = error ? undefined : admit();
    if (!release) {
      const refusal = error ?? fail('RATE_LIMITED', 'too many calls in flight');
      // no answer to a pending id: it would settle the first request
      if (id && !pending.has(id)) send(id, false, refusal);
      return log('request', origin, action, refusal);
    }
    const arg = disposition ?? safeParams(params);
    pending.set(id, action!);
    log('request', origin, action, undefined, arg);
    run(action!, arg, { origin, action: action!, source: 'port' })
      .then(
        (result) => settle(id, true, result),
        (reason: unknown) => settle(id, false, reason),
      )
      .finally(release);
  }

  port.onmessage = ({ data }: MessageEvent) => receive(data);
  return { close, receive };
}
