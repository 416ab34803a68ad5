/**
 * Login: `auth/UserLogin` (or `auth/getUserToken`) with `user` and `password`, then finds the
 * API key in either documented answer shape:
 * - users with a phone: a JSON array holding an object whose `md5secret` is the key;
 * - supervisors without a phone: a JSON array whose last element is the key string;
 * - failure: the body `0` (or `ERROR`).
 * The password is sent once, in the form body, and kept nowhere.
 */
import { IntegraError, LoginRefusedError } from './errors.js';
import { isRefusal, postForm } from './http.js';
import { checkMilliseconds } from './milliseconds.js';
import { DEFAULT_TIMEOUT_MS, createSession, type Session } from './session.js';
import type { HostResolver } from './transport.js';
import { normalizeBaseUrl } from './url.js';

export { logout, logoutAll, type LogoutOptions, type LogoutAllResult } from './logout.js';
export { withSession, type WithSessionOptions } from './with-session.js';

/** What {@link login} needs. */
export interface LoginOptions {
  /** The instance, e.g. `https://acme.ucontactcloud.com`. `http://` only for loopback hosts. */
  baseUrl: string;
  /** The uContact user (an API user or supervisor). */
  user: string;
  /** Its password. Sent once in the login body; never stored, logged or put in errors. */
  password: string;
  /**
   * Milliseconds for the login and, after it, each request of the session: 0 < n ≤
   * 2,147,483,647, or `Infinity` for no timer. Anything else is refused (`INVALID_ARGUMENT`).
   * @default 30000
   */
  timeoutMs?: number;
  /**
   * Aborts the login and every later request of the session (they reject with `ABORTED`),
   * but not `logout`, so a Ctrl-C handler can abort work and still end the session.
   */
  signal?: AbortSignal;
  /** Which documented login route to call. @default 'auth/UserLogin' */
  loginPath?: 'auth/UserLogin' | 'auth/getUserToken';
  /**
   * Node only: resolves host names for this session's connections (tests, split DNS). For plain
   * `http:` every address it answers must be loopback, or the request is refused with
   * `INSECURE_URL` before connecting. @default the system resolver (`dns.lookup`)
   */
  resolveHost?: HostResolver;
}

/**
 * Opens a session: validates the options (before any request), logs in, and resolves with a
 * {@link Session} holding the API key privately.
 *
 * @throws IntegraError `INVALID_ARGUMENT`, `INSECURE_URL` (plain http to a host that is not
 *   loopback by name, or whose name resolves to an address that is not: refused before connecting),
 *   `LOGIN_REFUSED` (answer `0`/`ERROR`: wrong user or password), `BAD_RESPONSE` (no key in
 *   the answer), `HTTP_ERROR`, `TIMEOUT`, `NETWORK`, `ABORTED`.
 */
/** Why `user` cannot be a login's user name (empty, blank, a control character such as a CR), or `undefined`. */
export function checkUser(user: unknown): string | undefined {
  if (typeof user !== 'string' || user.trim() === '') return 'must be a non-empty string';
  return /[\u0000-\u001f]/.test(user) ? 'must not contain control characters (a CR or tab pasted with it?)' : undefined;
}

export async function login(options: LoginOptions): Promise<Session> {
  if (typeof options !== 'object' || options === null) {
    throw new IntegraError('INVALID_ARGUMENT', 'login() needs { baseUrl, user, password }');
  }
  const baseUrl = normalizeBaseUrl(options.baseUrl);
  const { user, password } = options;
  const userReason = checkUser(user);
  if (userReason !== undefined) throw new IntegraError('INVALID_ARGUMENT', `user ${userReason}`);
  if (typeof password !== 'string' || password === '') {
    throw new IntegraError('INVALID_ARGUMENT', `password of user ${user} must be a non-empty string`);
  }
  const timeoutMs = options.timeoutMs === undefined ? DEFAULT_TIMEOUT_MS : checkMilliseconds('login({ timeoutMs })', options.timeoutMs);
  const path = options.loginPath ?? 'auth/UserLogin';
  if (path !== 'auth/UserLogin' && path !== 'auth/getUserToken') {
    throw new IntegraError('INVALID_ARGUMENT', 'loginPath must be auth/UserLogin or auth/getUserToken');
  }

  const body = await postForm({
    baseUrl,
    path,
    body: { user, password },
    key: undefined,
    timeoutMs,
    signals: [options.signal],
    secrets: [password],
    resolveHost: options.resolveHost,
  });
  if (isRefusal(body)) {
    throw new LoginRefusedError(`${path}: uContact refused the login of user ${user} (wrong user or password)`, { path });
  }
  const key = findApiKey(body);
  if (key === undefined) {
    // the body is not quoted: a half-broken answer may still contain a key
    throw new IntegraError('BAD_RESPONSE', `${path}: the answer for user ${user} holds no API key (${body.length} characters, neither an md5secret nor a key string last in a JSON list)`, { path });
  }
  return createSession({ baseUrl, user, timeoutMs }, key, options.signal, options.resolveHost);
}

/**
 * The API key in a login answer, or `undefined`: `md5secret` of the first object that has a
 * non-empty one, else the last element of the list when it is a string. A key must be
 * printable ASCII without spaces, since it goes into an HTTP header.
 */
export function findApiKey(body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  // `auth/AgentLogin` answers one object rather than a list
  const list = Array.isArray(parsed) ? parsed : [parsed];
  let key: unknown;
  for (const item of list) {
    if (typeof item === 'object' && item !== null && 'md5secret' in item) {
      const secret = (item as { md5secret: unknown }).md5secret;
      if (typeof secret === 'string' && secret !== '') {
        key = secret;
        break;
      }
    }
  }
  if (key === undefined && Array.isArray(parsed)) key = parsed.at(-1);
  return typeof key === 'string' && /^[\x21-\x7e]+$/.test(key) ? key : undefined;
}
