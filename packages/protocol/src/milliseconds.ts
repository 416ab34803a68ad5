import { bridgeMessage } from './errors.js';

/** The longest delay `setTimeout` honours: a longer one (or a non-number) fires at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * The one rule for every millisecond option of ucbridge (host, client, REST client, simulator):
 * `undefined` gives `fallback`; otherwise a number 0 < n ≤ 2,147,483,647 (about 24.8 days, the
 * longest delay a timer can hold), or `Infinity` for "no timer, wait as long as it takes".
 * Throws a `TypeError` naming the option and the value for anything else (0, a negative number,
 * `NaN`, 30 days, a string), where the option is passed.
 */
export function checkMilliseconds(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (value === Infinity || (typeof value == 'number' && value > 0 && value <= MAX_TIMER_MS)) return value;
  throw new TypeError(bridgeMessage('INVALID_OPTION', `${name} must be ms, 0 < n <= ${MAX_TIMER_MS}, or Infinity (no timer); got ${typeof value == 'number' ? value : typeof value}`));
}
