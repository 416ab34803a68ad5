/**
 * Origin allow-lists. An entry is an exact origin (`https://crm.example.com`, `http://localhost:5174`)
 * or a wildcard for subdomains (`https://*.example.org`): the `*` stands for one label or more,
 * never for a suffix trick — `https://example.org.evil.com`, `https://evilexample.org`, another
 * scheme or another port do not match. `'*'` is not an entry: accepting any origin is an
 * explicit, loudly named option of each side, never a value in a list.
 */

/** Tests one `event.origin` (already normalized by the browser) against a compiled list. */
export type OriginMatcher = (origin: string) => boolean;

// scheme, optional `*.`, host (DNS labels or a bracketed IPv6), optional port, optional `/`
const ORIGIN = /^(https?):\/\/(\*\.)?([a-z\d](?:[a-z\d-]*[a-z\d])?(?:\.[a-z\d](?:[a-z\d-]*[a-z\d])?)*|\[[\da-f:.]+\])(?::(\d{1,5}))?\/?$/;

/** Splits an origin into [scheme, wildcard, host, port-with-colon], the default port dropped. */
function split(origin: string): [string, string | undefined, string, string] | undefined {
  const m = ORIGIN.exec(origin.toLowerCase());
  if (!m) return;
  const port = m[4] && m[4] !== (m[1] === 'https' ? '443' : '80') ? ':' + +m[4] : '';
  return [m[1]!, m[2], m[3]!, port];
}

/**
 * Compiles one allow-list entry. Throws a `TypeError` naming the entry when it is not an origin
 * (a path, `'*'`, `'null'`, a bare wildcard) or when its wildcard covers a top-level domain or an
 * IP address (`https://*.com` would trust every .com site).
 */
export function originMatcher(pattern: string): OriginMatcher {
  const parts = split(pattern);
  const [scheme, wild, host, port] = parts ?? [];
  if (!parts || (wild && (host!.startsWith('[') || !host!.includes('.') || /^[\d.]+$/.test(host!)))) {
    throw new TypeError(`ucbridge: "${pattern}" is not an allowed origin (use "https://crm.example.com" or "https://*.example.com")`);
  }
  if (!wild) {
    const exact = `${scheme}://${host}${port}`;
    return (origin) => origin === exact;
  }
  const suffix = '.' + host;
  return (origin) => {
    const o = split(origin);
    return !!o && !o[1] && o[0] === scheme && o[3] === port && o[2].endsWith(suffix) && !o[2].startsWith('[');
  };
}

/** Compiles a whole list; the result matches an origin that any entry matches. Throws on an empty list. */
export function originsMatcher(patterns: readonly string[] | string): OriginMatcher {
  const list = typeof patterns === 'string' ? patterns.split(/[\s,]+/).filter(Boolean) : [...patterns];
  if (!list.length) throw new TypeError('ucbridge: the list of allowed origins is empty');
  const matchers = list.map(originMatcher);
  return (origin) => matchers.some((matches) => matches(origin));
}
