/**
 * Base-URL rules, checked before any request: `https:` anywhere, `http:` only on loopback
 * (the simulator, a tunnel), never credentials, a query or a fragment in the URL.
 */
import { IntegraError } from './errors.js';

/** True for `localhost`, `*.localhost`, `127.0.0.0/8` and `[::1]`. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

/**
 * Checks and normalizes a base URL such as `https://acme.ucontactcloud.com/` to
 * `https://acme.ucontactcloud.com` (a path prefix is kept, the trailing `/` dropped).
 * Throws `INVALID_ARGUMENT` for a malformed URL and `INSECURE_URL` for plain `http:` to a
 * host that is not loopback.
 */
export function normalizeBaseUrl(baseUrl: unknown): string {
  if (typeof baseUrl !== 'string' || baseUrl.trim() === '') {
    throw new IntegraError('INVALID_ARGUMENT', 'baseUrl must be a non-empty string such as https://acme.ucontactcloud.com');
  }
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    // the text itself is not echoed: a mistyped URL may hold a pasted secret
    throw new IntegraError('INVALID_ARGUMENT', 'baseUrl is not a valid absolute URL (expected e.g. https://acme.ucontactcloud.com)');
  }
  if (url.username !== '' || url.password !== '') {
    throw new IntegraError('INVALID_ARGUMENT', 'baseUrl must not contain a user name or password; pass user and password to login()');
  }
  if (url.search !== '' || url.hash !== '') {
    throw new IntegraError('INVALID_ARGUMENT', `baseUrl must not have a query or fragment (host ${url.host})`);
  }
  if (url.protocol === 'http:') {
    if (!isLoopbackHost(url.hostname)) {
      throw new IntegraError(
        'INSECURE_URL',
        `refusing plain http:// to ${url.host}: the password and API key would travel unencrypted; use https:// (http is allowed only for localhost, 127.0.0.0/8 and [::1])`,
      );
    }
  } else if (url.protocol !== 'https:') {
    throw new IntegraError('INVALID_ARGUMENT', `baseUrl must use https:// (got ${url.protocol})`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
