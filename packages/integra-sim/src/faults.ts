/**
 * Fault switches: make chosen routes fail the way a real deployment can.
 */

/**
 * - `http-500`: status 500, body `Internal Server Error`;
 * - `garbage`: status 200, an HTML/binary-ish body that is neither JSON nor `0`/`1`;
 * - `zero`: status 200, body `0` (the platform's failure answer);
 * - `error`: status 200, body `ERROR`;
 * - `slow`: answers normally after `delayMs`;
 * - `drop`: closes the connection without any answer;
 * - `drop-mid-body`: sends status 200 and half of a promised body, then closes.
 */
export type SimFaultKind = 'http-500' | 'garbage' | 'zero' | 'error' | 'slow' | 'drop' | 'drop-mid-body';

/** All fault kinds, for CLIs and loops in tests. */
export const SIM_FAULT_KINDS: readonly SimFaultKind[] = ['http-500', 'garbage', 'zero', 'error', 'slow', 'drop', 'drop-mid-body'];

/** Where and how often a fault applies. */
export interface SimFaultOptions {
  /** Route relative to `Integra/resources/`, e.g. `'auth/EndSession'`. @default every route */
  route?: string;
  /** How many matching requests it hits, then it is spent. @default Infinity (until cleared) */
  times?: number;
  /** For `slow`: milliseconds before answering. @default 60000 */
  delayMs?: number;
}

/** The body the `garbage` fault sends. */
export const GARBAGE_BODY = '<!doctype html><title>502</title>\u0000{"not":json';

interface FaultRule {
  kind: SimFaultKind;
  route: string | undefined;
  remaining: number;
  delayMs: number;
}

/** Internal: the list of active faults, first match wins. */
export class FaultBook {
  #rules: FaultRule[] = [];

  add(kind: SimFaultKind, options: SimFaultOptions = {}): void {
    if (!SIM_FAULT_KINDS.includes(kind)) throw new TypeError(`unknown fault ${String(kind)}`);
    const times = options.times ?? Infinity;
    if (!(times > 0)) throw new TypeError('times must be > 0');
    this.#rules.push({
      kind,
      route: options.route?.replace(/^\/+/, ''),
      remaining: times,
      delayMs: options.delayMs ?? 60_000,
    });
  }

  clear(route?: string): void {
    this.#rules = route === undefined ? [] : this.#rules.filter((r) => r.route !== route);
  }

  /** The fault for this request, consuming one of its `times`, or `undefined`. */
  take(route: string): { kind: SimFaultKind; delayMs: number } | undefined {
    const rule = this.#rules.find((r) => r.remaining > 0 && (r.route === undefined || r.route === route));
    if (rule === undefined) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.#rules = this.#rules.filter((r) => r !== rule);
    return { kind: rule.kind, delayMs: rule.delayMs };
  }
}
