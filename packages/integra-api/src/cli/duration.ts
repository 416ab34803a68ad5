/**
 * `--timeout` values: `45000` (milliseconds), `500ms`, `90s`, `2m`, `1h`, or `none` (no timer).
 * The result obeys the package's millisecond rule (0 < n ≤ 2,147,483,647 or Infinity).
 */
import { MAX_TIMER_MS } from '../milliseconds.js';

const UNIT_MS: Record<string, number> = { '': 1, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds for `text`, or `undefined` when it is not a valid time. */
export function parseDuration(text: string): number | undefined {
  if (/^(?:none|infinity)$/i.test(text.trim())) return Infinity;
  const match = /^([0-9]+(?:\.[0-9]+)?)\s*(ms|s|m|h)?$/i.exec(text.trim());
  if (match === null) return undefined;
  const ms = Math.round(Number(match[1]) * UNIT_MS[(match[2] ?? '').toLowerCase()]!);
  return ms > 0 && ms <= MAX_TIMER_MS ? ms : undefined;
}
