import { bridgeMessage, type BridgeError } from '@ucbridge/protocol';
import type { DebugLog } from './debug-log.js';
import type { BridgeLogEvent, HostBridgeOptions } from './types.js';

/**
 * Logs one event. An `error` on a `message` / `hello` / `request` / `legacy` event is a refusal
 * (`onRejected`); everything else, outcomes (`reply`) included, goes to `onAccepted`.
 */
export type Log = (kind: BridgeLogEvent['kind'], origin: string, action?: string, error?: BridgeError, data?: unknown) => void;

/** A refusal is printed at most once per origin and code in this many ms; the next one says how many were not. */
const QUIET_MS = 10_000;

/**
 * The default `onRejected`: `console.warn(message, event)` (the message first: `ucbridge CODE: …`),
 * at most once per origin and code every {@link QUIET_MS} ms, so a flood of refused messages (a
 * client retrying, a hostile frame) costs the form no console work; the first one after a quiet
 * spell says how many were left out. The `log` option prints each one.
 */
function quietWarn(): (event: BridgeLogEvent) => void {
  const last = new Map<string, { until: number; count: number }>();
  return (event) => {
    const key = event.origin + ' ' + event.code;
    const now = Date.now();
    const seen = last.get(key);
    if (seen && now < seen.until) return void seen.count++;
    if (last.size > 1000) last.clear();
    last.set(key, { until: now + QUIET_MS, count: 0 });
    console.warn(event.message, event, ...(seen?.count ? [`(+${seen.count} not printed)`] : []));
  };
}

/**
 * The default `onAccepted`: names every documented-shape message the bridge ran, so a form author
 * sees which listener served it (see the README: replace the documented listener, or keep it and set
 * `legacy: false`).
 */
function namedLegacy(event: BridgeLogEvent): void {
  if (event.kind == 'legacy') console.info(bridgeMessage('LEGACY_RAN', `ran a documented-shape ${event.action} from ${event.origin}`));
}

/**
 * The bridge's logger over the two hooks (and the `log` option's debug lines); a hook that throws
 * must not stop the bridge answering.
 */
export function createLog({ onAccepted = namedLegacy, onRejected = quietWarn() }: HostBridgeOptions, debug?: DebugLog): Log {
  return (kind, origin, action, error, data) => {
    // debug hook (log option): every accepted and refused message, with the reason, and every outcome
    debug?.(kind == 'reply' ? 'outcome' : error ? 'refused' : 'accepted', origin, error ? error.message : { kind, action, data });
    try {
      const outcome = kind == 'reply' ? (error ? error.outcome : 'done') : undefined;
      (error && kind !== 'reply' ? onRejected : onAccepted)({ kind, origin, action, code: error?.code, message: error?.message ?? 'ok', field: error?.field, outcome, data });
    } catch {
      // the hook's own bug
    }
  };
}
