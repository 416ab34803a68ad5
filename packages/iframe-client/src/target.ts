import { BridgeError, bridgeMessage, originMatcher, type OriginMatcher } from '@ucbridge/protocol';
import type { ConnectOptions } from './types.js';

/** Where the client may post, and whom it may hear. */
export interface HostTargets {
  /** True for an origin the client will hear a handshake answer from. */
  matches: OriginMatcher;
  /**
   * The target origins to post to the ancestor `level` frames up (0: the parent): the real origin
   * when the browser tells it (`location.ancestorOrigins`) and it is allowed, `[]` when it is not;
   * where the browser does not tell it (Firefox), every listed exact origin (the browser delivers to
   * the one that is right and drops the rest), or `'*'` for a pattern. Only a HELLO (a random id)
   * ever goes to `'*'`: everything after it travels on the port the answer carries.
   */
  targets(level: number): string[];
  /** Where a documented-shape fallback may go: never `'*'` (it carries the disposition). */
  fallback: string[];
  /** Set when the parent is known not to be an allowed host: every call rejects with it. */
  refusal: BridgeError | undefined;
}

/**
 * Reads `hostOrigin`: an exact origin or a list of exact origins (a CRM serving several tenants lists
 * them). A pattern (`https://*.ucontactcloud.com`) is refused with a `TypeError` unless
 * `dangerouslyAllowAnySubdomain` is set: a wildcard over a domain that other owners share (other
 * tenants of the platform) would hand them every disposition. `document.referrer` is never used:
 * after a redirect inside this frame it names this frame's own previous page, not the parent; the
 * parent's origin is learned from its answer to the handshake instead.
 */
export function hostTargets(win: Window, options: ConnectOptions): HostTargets {
  const { hostOrigin, dangerouslyAllowAnyHostOrigin, dangerouslyAllowAnySubdomain } = options;
  if (dangerouslyAllowAnyHostOrigin) return { matches: () => true, targets: () => ['*'], fallback: ['*'], refusal: undefined };
  const list = typeof hostOrigin == 'string' ? [hostOrigin] : [...(hostOrigin ?? [])];
  if (!list.length) throw new TypeError(bridgeMessage('INVALID_OPTION', 'hostOrigin is required'));
  const matchers = list.map((origin) => {
    if (origin.includes('*') && !dangerouslyAllowAnySubdomain) {
      throw new TypeError(bridgeMessage('INVALID_OPTION', `hostOrigin "${origin}" is a pattern: list exact origins, or set dangerouslyAllowAnySubdomain`));
    }
    return originMatcher(origin);
  });
  const matches: OriginMatcher = (origin) => matchers.some((match) => match(origin));
  // each exact origin once: two targets that reach the same window would deliver two HELLOs
  const exact = [...new Set(list.filter((origin) => !origin.includes('*')).map((origin) => new URL(origin).origin))];
  const patterns = list.some((origin) => origin.includes('*'));
  const ancestors = win.location.ancestorOrigins;
  const targets = (level: number) => {
    const real = ancestors?.[level];
    return ancestors ? (real && matches(real) ? [real] : []) : patterns ? ['*'] : exact;
  };
  const fallback = ancestors ? targets(0) : exact;
  const parent = ancestors?.[0];
  const refusal = ancestors && !targets(0).length ? new BridgeError('ORIGIN_NOT_ALLOWED', bridgeMessage('ORIGIN_NOT_ALLOWED', `the parent ${parent} is not ${list}`)) : undefined;
  return { matches, targets, fallback, refusal };
}
