/**
 * The one rule for every millisecond option of the package (`timeoutMs` of login, logout,
 * requests and uploads): a number with 0 < n ≤ 2,147,483,647, or `Infinity` for no timer.
 * Timers in browsers and Node fire at once for delays past 2^31−1 ms (issue 10), so a larger
 * finite value would time out immediately instead of waiting longer.
 */
import { IntegraError } from './errors.js';

/** The largest delay a timer can hold: 2^31 − 1 ms, about 24.8 days. */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * Returns `value` when it is a valid millisecond option, else throws `INVALID_ARGUMENT` naming
 * the option (`name`, e.g. `'login({ timeoutMs })'`) and what it takes.
 */
export function checkMilliseconds(name: string, value: unknown): number {
  if (value === Infinity) return value;
  if (typeof value === 'number' && value > 0 && value <= MAX_TIMER_MS) return value;
  const shown = typeof value === 'number' ? String(value) : typeof value;
  throw new IntegraError('INVALID_ARGUMENT', `${name} must be a number of milliseconds with 0 < n ≤ ${MAX_TIMER_MS}, or Infinity for no timer (got ${shown})`);
}

/**
 * Arms `callback` after `ms` (already checked); `Infinity` arms nothing. Returns the function
 * that disarms it.
 */
export function startTimer(ms: number, callback: () => void): () => void {
  if (ms === Infinity) return () => {};
  const timer = setTimeout(callback, ms);
  return () => clearTimeout(timer);
}
