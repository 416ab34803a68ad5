import { bridgeMessage, isPlainObject, originMatcher, sharedSuffix, type OriginMatcher } from '@ucbridge/protocol';

/**
 * An `allowedOrigins` entry that says what the origin may do: which actions it may call (default:
 * every action the form offers) and whether it receives the form's call context (default: yes when
 * the form shares one, the same as a plain string entry).
 */
export interface OriginScope {
  /** An exact origin or a `https://*.example.org` pattern, as in a plain entry. */
  origin: string;
  /** The actions this origin may call, each one the form offers (`'DISPOSITION_CALL'`, `'CLOSE_TAB'`, `'MAKE_CALL'`, its own). */
  actions?: readonly string[];
  /** Receive the call context (`WELCOME.callContext` and its changes). `true` needs the form's `callContext` option. */
  callContext?: boolean;
  /**
   * Allow a pattern over a domain many owners share (`https://*.github.io`, `https://*.co.uk`,
   * `https://*.ucontactcloud.com`; see `sharedSuffix` in @ucbridge/protocol), which is refused without it:
   * every owner of a site under that domain could then dispose calls. Set it only when every site under
   * the domain is yours. Script tag: `data-dangerously-allow-any-subdomain` sets it on every entry. @default false
   */
  dangerouslyAllowAnySubdomain?: boolean;
}

/** One `allowedOrigins` entry: a plain origin (every offered action, the context when the form shares one) or a scope. */
export type AllowedOrigin = string | OriginScope;

/** What one origin may do, once it is allowed. */
export interface Scope {
  /** The actions it may call, in the order the form offers them (what its `WELCOME` lists). */
  actions: string[];
  /** Whether it receives the call context. */
  callContext: boolean;
}

const KEYS = ['origin', 'actions', 'callContext', 'dangerouslyAllowAnySubdomain'];

/** The entries of a string list: separated by spaces and commas, as `data-allowed-origins` holds them. */
export const splitOrigins = (list: string): string[] => list.split(/[\s,]+/).filter(Boolean);

/**
 * Compiles `allowedOrigins` into `(origin) => Scope | undefined` (`undefined`: not allowed).
 * Rules:
 * - a plain string (or a string list separated by spaces and commas) may call every offered action and
 *   receives the context when the form shares one (`sharesContext`);
 * - an object entry narrows that: `actions` (each must be offered), `callContext: false`;
 * - a pattern over a domain many owners share (`https://*.github.io`, `https://*.com.ar`: `sharedSuffix`)
 *   is refused unless its object entry sets `dangerouslyAllowAnySubdomain: true`;
 * - when several entries match, an exact origin wins over a pattern, then the first listed;
 * - `anyOrigin` (the loudly named option): every origin may call every offered action, and none receives the call
 *   context — an option about origins must not hand a caller's number and data to any site that frames the form.
 * Throws a `TypeError` naming the entry for a bad origin, a pattern over a shared domain, an unknown key, an action the form does not
 * offer, `callContext: true` on a form that shares no context, or an empty list.
 */
export function compileScopes(allowedOrigins: unknown, offered: readonly string[], sharesContext: boolean, anyOrigin = false): (origin: string) => Scope | undefined {
  if (anyOrigin) return () => ({ actions: [...offered], callContext: false });
  const everything: Scope = { actions: [...offered], callContext: sharesContext };
  const list: unknown[] = typeof allowedOrigins === 'string' ? splitOrigins(allowedOrigins) : Array.isArray(allowedOrigins) ? allowedOrigins : [];
  if (!list.length) throw new TypeError(bridgeMessage('INVALID_OPTION', 'allowedOrigins is empty: list the origins of the pages you frame'));
  const entries = list.map((entry, index): [OriginMatcher, Scope, boolean] => {
    if (typeof entry === 'string') return [compileOrigin(entry, false), everything, entry.includes('*')];
    const at = `allowedOrigins[${index}]`;
    if (!isPlainObject(entry) || typeof entry.origin !== 'string') throw new TypeError(bridgeMessage('INVALID_OPTION', `${at} must be an origin or { origin, actions?, callContext? }`));
    const unknown = Object.keys(entry).find((key) => !KEYS.includes(key));
    if (unknown) throw new TypeError(bridgeMessage('INVALID_OPTION', `${at} has an unknown key "${unknown}" (keys: ${KEYS.join(', ')})`));
    const { actions = offered, callContext = sharesContext, dangerouslyAllowAnySubdomain = false } = entry as Partial<OriginScope>;
    if (!Array.isArray(actions)) throw new TypeError(bridgeMessage('INVALID_OPTION', `${at}.actions must be a list of action names`));
    const missing = actions.find((action) => !offered.includes(action));
    if (missing !== undefined) throw new TypeError(bridgeMessage('INVALID_OPTION', `${at}.actions: the form offers no action ${JSON.stringify(missing)} (it offers ${offered.join(', ')})`));
    if (typeof callContext !== 'boolean') throw new TypeError(bridgeMessage('INVALID_OPTION', `${at}.callContext must be true or false`));
    if (callContext && !sharesContext) throw new TypeError(bridgeMessage('INVALID_OPTION', `${at}.callContext: the form shares no call context (set the callContext option)`));
    if (typeof dangerouslyAllowAnySubdomain !== 'boolean') throw new TypeError(bridgeMessage('INVALID_OPTION', `${at}.dangerouslyAllowAnySubdomain must be true or false`));
    return [compileOrigin(entry.origin, dangerouslyAllowAnySubdomain), { actions: offered.filter((action) => actions.includes(action)), callContext }, entry.origin.includes('*')];
  });
  // exact origins first, then patterns; each group in list order (the sort is stable)
  entries.sort((a, b) => Number(a[2]) - Number(b[2]));
  return (origin) => entries.find(([matches]) => matches(origin))?.[1];
}

/** Compiles one entry's origin: a pattern over a shared domain only with the opt-in, and the message says why. */
function compileOrigin(origin: string, anySubdomain: boolean): OriginMatcher {
  const matches = originMatcher(origin);
  const shared = anySubdomain ? undefined : sharedSuffix(origin);
  if (shared) {
    throw new TypeError(
      bridgeMessage(
        'INVALID_OPTION',
        `"${origin}" reaches into ${shared}, a domain many owners share: every owner of a site under ${shared} could dispose calls. ` +
          `List the exact origins (${origin.replace('*', '<name>')}), or, only if every site under ${shared} is yours, ` +
          `write { origin: "${origin}", dangerouslyAllowAnySubdomain: true } (script tag: data-dangerously-allow-any-subdomain)`,
      ),
    );
  }
  return matches;
}
