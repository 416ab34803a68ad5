/**
 * Origin allow-lists. An entry is an exact origin (`https://crm.example.com`, `http://localhost:5174`)
 * or a wildcard for subdomains (`https://*.example.org`): the `*` stands for one label or more,
 * never for a suffix trick — `https://example.org.evil.com`, `https://evilexample.org`, another
 * scheme or another port do not match. `'*'` is not an entry: accepting any origin is an
 * explicit, loudly named option of each side, never a value in a list.
 */

/** Tests one `event.origin` (already normalized by the browser) against a compiled list. */
export type OriginMatcher = (origin: string) => boolean;

// what may stand for the `*`: DNS labels (browsers give IDNs in punycode)
const LABELS = /^([a-z\d]([a-z\d-]*[a-z\d])?\.)+$/;

/**
 * Compiles one allow-list entry. Throws a `TypeError` naming the entry when it is not an origin
 * (a path, credentials, `'*'`, `'null'`, a bare wildcard) or when its wildcard covers a top-level
 * domain or an IP address (`https://*.com` would trust every .com site).
 */
export function originMatcher(pattern: string): OriginMatcher {
  let url: URL | undefined;
  try {
    // the URL parser normalizes case and default ports exactly as browsers write event.origin
    url = new URL(pattern);
  } catch {}
  const host = url?.hostname ?? '';
  const wild = host.startsWith('*.');
  const domain = wild ? host.slice(2) : host;
  if (
    !url ||
    !/^https?:$/.test(url.protocol) ||
    url.href !== `${url.origin}/` || // a path, query, hash or credentials
    !/^([a-z\d]([a-z\d-]*[a-z\d])?\.)*[a-z\d]([a-z\d-]*[a-z\d])?$|^\[/.test(domain) ||
    (wild && (!domain.includes('.') || /^[\d.]+$|^\[/.test(domain)))
  ) {
    throw new TypeError(`ucbridge: "${pattern}" is not an allowed origin (use "https://crm.example.com" or "https://*.example.com")`);
  }
  if (!wild) return (origin) => origin === url.origin;
  const scheme = url.protocol + '//';
  const suffix = domain + (url.port && ':' + url.port);
  return (origin) => origin.startsWith(scheme) && origin.endsWith(suffix) && LABELS.test(origin.slice(scheme.length, -suffix.length));
}

/** Compiles a whole list; the result matches an origin that any entry matches. Throws on an empty list. */
export function originsMatcher(patterns: readonly string[] | string): OriginMatcher {
  const list = typeof patterns === 'string' ? patterns.split(/[\s,]+/).filter(Boolean) : [...patterns];
  if (!list.length) throw new TypeError('ucbridge: the list of allowed origins is empty');
  const matchers = list.map(originMatcher);
  return (origin) => matchers.some((matches) => matches(origin));
}
