import type { BridgeError } from '@ucbridge/protocol';
import type { DebugLog } from './debug-log.js';
import type { BridgeLogEvent, HostBridgeOptions } from './types.js';

/**
 * Logs one event. An `error` on a `hello` / `request` / `legacy` event is a refusal (`onRejected`);
 * everything else, outcomes (`reply`) included, goes to `onAccepted`.
 */
export type Log = (kind: BridgeLogEvent['kind'], origin: string, action?: string, error?: BridgeError, data?: unknown) => void;

/**
 * The default `onRejected`: `console.warn(message, event)`. A client retries its `HELLO` every second
 * while it gets no answer, so a handshake refused for who sent it (`ORIGIN_NOT_ALLOWED`,
 * `SOURCE_NOT_ALLOWED`) is warned once per origin and code, not once a second; every other refusal
 * each time (the `log` option prints each one).
 */
function warnRefused(): (event: BridgeLogEvent) => void {
  // the messages of those refused HELLOs warned so far (a message names the origin and the code)
  const warned = new Set<string>();
  return (event) => {
    const retried = event.kind == 'hello' && /_NOT_ALLOWED$/.test(event.code!);
    // a Set grows only when the message is new
    if (!retried || warned.size < warned.add(event.message).size) console.warn(event.message, event);
  };
}

/**
 * The bridge's logger over the two hooks (and the `log` option's debug lines); a hook that throws
 * must not stop the bridge answering.
 */
export function createLog({ onAccepted, onRejected = warnRefused() }: HostBridgeOptions, debug?: DebugLog): Log {
  return (kind, origin, action, error, data) => {
    // debug hook (log option): every accepted and refused message, with the reason, and every outcome
    debug?.(kind == 'reply' ? 'outcome' : error ? 'refused' : 'accepted', origin, error ? error.message : { kind, action, data });
    try {
      (error && kind !== 'reply' ? onRejected : onAccepted)?.({ kind, origin, action, code: error?.code, message: error?.message ?? 'ok', field: error?.field, data });
    } catch {
      // the hook's own bug
    }
  };
}
