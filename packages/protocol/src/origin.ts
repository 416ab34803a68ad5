import { bridgeMessage } from './errors.js';

/**
 * Origin allow-lists. An entry is an exact origin (`https://crm.example.com`, `http://localhost:5174`)
 * or a wildcard for subdomains (`https://*.example.org`): the `*` stands for one label or more,
 * never for a suffix trick — `https://example.org.evil.com`, `https://evilexample.org`, another
 * scheme or another port do not match. `'*'` is not an entry: accepting any origin is an
 * explicit, loudly named option of each side, never a value in a list.
 */

/** Tests one `event.origin` (already normalized by the browser) against a compiled list. */
export type OriginMatcher = (origin: string) => boolean;

// DNS labels, each followed by a dot (browsers give IDNs in punycode): what may stand for the `*`,
// and, with a dot appended, what a host name must be
const LABELS = /^([a-z\d]([a-z\d-]*[a-z\d])?\.)+$/;

/**
 * Compiles one allow-list entry. Throws a `TypeError` naming the entry when it is not an origin
 * (a path, credentials, `'*'`, `'null'`, a bare wildcard) or when its wildcard covers a top-level
 * domain (`https://*.com` would trust every .com site) or an IP address.
 */
export function originMatcher(pattern: string): OriginMatcher {
  let url: URL | undefined;
  try {
    // the URL parser normalizes case and default ports exactly as browsers write event.origin; it
    // also refuses a wildcard before an IP (`*.1.2.3.4`, `*.[::1]`: not a host name, not an IP)
    url = new URL(pattern);
  } catch {}
  const host = url?.hostname ?? '';
  // Chromium writes the `*` of a wildcard as `%2A`, other parsers keep it
  const domain = host.replace(/^(\*|%2a)\./i, '');
  const wild = domain != host;
  if (
    !url ||
    !/^https?:$/.test(url.protocol) ||
    url.href != url.origin + '/' || // a path, query, hash or credentials
    !(LABELS.test(domain + '.') || host[0] == '[') || // an empty label, a trailing dot, `_`, a `*` elsewhere
    (wild && !domain.includes('.'))
  ) {
    throw new TypeError(bridgeMessage('INVALID_OPTION', `"${pattern}" is not an origin (scheme://host[:port], no path) or an https://*.domain pattern`));
  }
  const head = url.protocol + '//';
  const tail = domain + (url.port && ':' + url.port);
  return wild ? (origin) => origin.startsWith(head) && origin.endsWith(tail) && LABELS.test(origin.slice(head.length, -tail.length)) : (origin) => origin == url.origin;
}

/** Compiles a whole list; the result matches an origin that any entry matches. Throws on an empty list. */
export function originsMatcher(patterns: readonly string[] | string): OriginMatcher {
  const list = typeof patterns == 'string' ? patterns.split(/[\s,]+/).filter(Boolean) : [...patterns];
  if (!list.length) throw new TypeError(bridgeMessage('INVALID_OPTION', 'allowedOrigins is empty: list the origins of the pages you frame'));
  const matchers = list.map(originMatcher);
  return (origin) => matchers.some((matches) => matches(origin));
}
