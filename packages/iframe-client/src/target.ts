import { originMatcher, type OriginMatcher } from '@ucbridge/protocol';
import type { ConnectOptions } from './types.js';

/**
 * Decides where this client may post and whom it may hear: the matcher for answers, and the
 * target origin for `postMessage` — `''` when the form is known not to be (or cannot be shown to
 * be) the configured host, so nothing may be posted at all.
 *
 * - exact `hostOrigin`: the target is that origin. When the browser tells the real parent origin
 *   (`location.ancestorOrigins`, Chromium and Safari) and it differs, the target is `''`: the
 *   browser would drop every message silently and calls would "succeed" unconfirmed into nothing.
 *   `document.referrer` is not used here: after the CRM navigates inside its frame it names the
 *   CRM's own previous page, not the parent.
 * - pattern `https://*.x`: `postMessage` takes no patterns, so the real parent origin is needed
 *   (ancestorOrigins, else the referrer's origin) and must match.
 * - `dangerouslyAllowAnyHostOrigin`: `'*'`, and any origin is heard.
 */
export function hostTarget(w: Window, { hostOrigin, dangerouslyAllowAnyHostOrigin }: ConnectOptions): [OriginMatcher, string, string?] {
  if (dangerouslyAllowAnyHostOrigin) return [() => true, '*'];
  const matches = originMatcher(hostOrigin);
  const wild = hostOrigin.includes('*');
  const referrer = w.document.referrer;
  // a referrer, when there is one, is an absolute URL
  const real = w.location.ancestorOrigins?.[0] || (wild && referrer ? new URL(referrer).origin : '');
  return [matches, real ? (matches(real) ? real : '') : wild ? '' : hostOrigin, real];
}
