/**
 * Fault switches: make chosen routes fail the way a real deployment can.
 */

/**
 * Faults in front of the platform (the request is not processed):
 * - `http-500`: status 500, body `Internal Server Error`;
 * - `garbage`: status 200, an HTML/binary-ish body that is neither JSON nor `0`/`1`;
 * - `zero`: status 200, body `0` (the platform's failure answer);
 * - `error`: status 200, body `ERROR`;
 * - `slow`: answers normally after `delayMs`;
 * - `drop`: closes the connection without any answer;
 * - `drop-mid-body`: sends status 200 and half of a promised body, then closes.
 * Faults after the platform processed the request (an upload is recorded, a login opens a session):
 * - `hold`: the answer is held `delayMs` (a late answer: the platform already has it);
 * - `drop-after-body`: closes the connection without answering (the platform has it, the caller
 *   cannot know).
 */
export type SimFaultKind = 'http-500' | 'garbage' | 'zero' | 'error' | 'slow' | 'drop' | 'drop-mid-body' | 'hold' | 'drop-after-body';

/** All fault kinds, for CLIs and loops in tests. */
export const SIM_FAULT_KINDS: readonly SimFaultKind[] = ['http-500', 'garbage', 'zero', 'error', 'slow', 'drop', 'drop-mid-body', 'hold', 'drop-after-body'];

/** The largest timer delay (2^31 − 1 ms); longer finite delays would fire at once. */
export const MAX_DELAY_MS = 2_147_483_647;

/**
 * The simulator's one rule for millisecond options: 0 < n ≤ 2,147,483,647, or `Infinity` (never:
 * no timer). Throws a `RangeError` naming `name` for anything else.
 */
export function checkDelayMs(name: string, value: unknown): number {
  if (value === Infinity || (typeof value === 'number' && value > 0 && value <= MAX_DELAY_MS)) return value as number;
  throw new RangeError(`${name} must be a number of milliseconds with 0 < n ≤ ${MAX_DELAY_MS}, or Infinity (got ${typeof value === 'number' ? value : typeof value})`);
}

/** Where and how often a fault applies. */
export interface SimFaultOptions {
  /** Route relative to `Integra/resources/`, e.g. `'auth/EndSession'`. @default every route */
  route?: string;
  /** How many matching requests it hits, then it is spent. @default Infinity (until cleared) */
  times?: number;
  /** For `slow` and `hold`: milliseconds before answering (0 < n ≤ 2^31 − 1, or `Infinity`: never). @default 60000 */
  delayMs?: number;
  /**
   * Hit only the `nth` matching request counted from now (1 = the next one), e.g. the third
   * `Dialers/uploadbase` = part 3. Implies `times: 1`. @default every matching request
   */
  nth?: number;
}

/** The body the `garbage` fault sends. */
export const GARBAGE_BODY = '<!doctype html><title>502</title>\u0000{"not":json';

interface FaultRule {
  kind: SimFaultKind;
  route: string | undefined;
  remaining: number;
  delayMs: number;
  /** The request count (of its route, or of all) at which it applies, or `undefined`. */
  at: number | undefined;
}

/** Internal: the list of active faults, first match wins. */
export class FaultBook {
  #rules: FaultRule[] = [];
  /** Requests seen, per route and in all (key ''). */
  #seen = new Map<string, number>();

  add(kind: SimFaultKind, options: SimFaultOptions = {}): void {
    if (!SIM_FAULT_KINDS.includes(kind)) throw new TypeError(`unknown fault ${String(kind)}`);
    const times = options.nth === undefined ? (options.times ?? Infinity) : 1;
    if (!(times > 0)) throw new TypeError('times must be > 0');
    if (options.nth !== undefined && !(Number.isInteger(options.nth) && options.nth >= 1)) throw new TypeError('nth must be a whole number ≥ 1');
    const route = options.route?.replace(/^\/+/, '');
    this.#rules.push({
      kind,
      route,
      remaining: times,
      delayMs: options.delayMs === undefined ? 60_000 : checkDelayMs('delayMs', options.delayMs),
      at: options.nth === undefined ? undefined : (this.#seen.get(route ?? '') ?? 0) + options.nth,
    });
  }

  clear(route?: string): void {
    this.#rules = route === undefined ? [] : this.#rules.filter((r) => r.route !== route);
  }

  /** The fault for this request, consuming one of its `times`, or `undefined`. */
  take(route: string): { kind: SimFaultKind; delayMs: number } | undefined {
    for (const key of [route, '']) this.#seen.set(key, (this.#seen.get(key) ?? 0) + 1);
    const rule = this.#rules.find(
      (r) => r.remaining > 0 && (r.route === undefined || r.route === route) && (r.at === undefined || r.at === this.#seen.get(r.route ?? '')),
    );
    if (rule === undefined) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.#rules = this.#rules.filter((r) => r !== rule);
    return { kind: rule.kind, delayMs: rule.delayMs };
  }
}
