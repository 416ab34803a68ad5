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

// Chromium writes the `*` of a wildcard as `%2A`, other parsers keep it
const WILDCARD = /^(\*|%2a)\./i;

// The second levels that country registries sell names under (co.uk, com.ar, com.uy, gob.mx, ne.jp):
// these labels make about a third of the Public Suffix List's two-label country suffixes (1,022 of
// ~3,200); most of the rest are regions (tokyo.jp, mi.it) and rarer categories (adm.br)
const SECOND_LEVEL = /^(ac|biz|co|com|edu|go|gob|gov|info|int|ltd|me|mil|ne|net|nom|or|org|plc|sch|web)\.[a-z]{2}$/;

/**
 * Domains whose subdomains belong to many owners, each with every name under it: hosting platforms
 * (in the Public Suffix List, some only by their subdomains: `s3.amazonaws.com`,
 * `blob.core.windows.net`) and tenant platforms (not in the list, yet every tenant is a subdomain of
 * the vendor's domain: `acme.ucontactcloud.com`, `acme.my.salesforce.com`, `acme.zendesk.com`).
 */
export const SHARED_DOMAINS = /* @__PURE__ */ (
  'github.io gitlab.io bitbucket.io pages.dev workers.dev netlify.app vercel.app web.app firebaseapp.com appspot.com run.app ' +
  'cloudfunctions.net herokuapp.com onrender.com fly.dev surge.sh replit.app csb.app azurewebsites.net azurestaticapps.net ' +
  'windows.net cloudfront.net amazonaws.com on.aws blogspot.com wordpress.com wixsite.com myshopify.com ngrok-free.app ' +
  'ngrok.app ngrok.io trycloudflare.com ucontactcloud.com salesforce.com force.com site.com visualforce.com zendesk.com ' +
  'freshdesk.com freshservice.com myfreshworks.com dynamics.com sharepoint.com atlassian.net service-now.com'
).split(' ');

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
  const domain = host.replace(WILDCARD, '');
  const wild = domain != host;
  if (
    !url ||
    !/^https?:$/.test(url.protocol) ||
    url.href != url.origin + '/' || // a path, query, hash or credentials
    !(LABELS.test(domain + '.') || host[0] == '[') // an empty label, a trailing dot, `_`, a `*` elsewhere
  ) {
    throw new TypeError(bridgeMessage('INVALID_OPTION', `"${pattern}" is not an origin (scheme://host[:port], no path) or an https://*.domain pattern`));
  }
  if (wild && !domain.includes('.')) throw new TypeError(bridgeMessage('INVALID_OPTION', `"${pattern}" covers every site under .${domain}: list exact origins`));
  const head = url.protocol + '//';
  const tail = domain + (url.port && ':' + url.port);
  return wild ? (origin) => origin.startsWith(head) && origin.endsWith(tail) && LABELS.test(origin.slice(head.length, -tail.length)) : (origin) => origin == url.origin;
}

/**
 * The shared domain a pattern's `*` would reach into, or `undefined` for a pattern over one owner's
 * domain (`https://*.example.org`, `https://*.acme.com.ar`) and for an exact origin. A domain is
 * shared when it is a public suffix: many unrelated owners have sites under it, so any of them could
 * use a pattern over it. What counts, a compact reading of the Public Suffix List
 * (https://publicsuffix.org/list/):
 * - a top level (`*.com`, `*.uy`; {@link originMatcher} refuses these even with an opt-in) or a
 *   country's second level: a common label under a two-letter top level (`*.co.uk`, `*.com.ar`,
 *   `*.com.uy`, `*.gob.mx`, `*.org.uk`), returned as is;
 * - a hosting or tenant platform's domain, or any name under it (`*.github.io`, `*.vercel.app`,
 *   `*.s3.amazonaws.com`, `*.my.salesforce.com`, `*.ucontactcloud.com`), returning the platform's domain.
 * Not covered: the rest of the list's ~10,000 entries: country second levels with rarer labels
 * (`*.tokyo.jp`, `*.adm.br`), three-label country suffixes (`*.k12.ca.us`) and smaller platforms. It
 * also calls a company's own name shared when it is one of these (`*.web.de`, one company's; `*.acme.github.io`, one tenant's).
 */
export function sharedSuffix(pattern: string): string | undefined {
  let host = '';
  try {
    host = new URL(pattern).hostname;
  } catch {}
  const domain = host.replace(WILDCARD, '');
  if (domain == host) return undefined;
  return !domain.includes('.') || SECOND_LEVEL.test(domain) ? domain : SHARED_DOMAINS.find((suffix) => domain == suffix || domain.endsWith('.' + suffix));
}

/** Compiles a whole list; the result matches an origin that any entry matches. Throws on an empty list. */
export function originsMatcher(patterns: readonly string[] | string): OriginMatcher {
  const list = typeof patterns == 'string' ? patterns.split(/[\s,]+/).filter(Boolean) : [...patterns];
  if (!list.length) throw new TypeError(bridgeMessage('INVALID_OPTION', 'allowedOrigins is empty: list the origins of the pages you frame'));
  const matchers = list.map(originMatcher);
  return (origin) => matchers.some((matches) => matches(origin));
}
