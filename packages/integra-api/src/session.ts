/**
 * Sessions: what `login` returns and every call takes. The API key lives only in this
 * module's private `WeakMap`, never on the object, so `String()`, `JSON.stringify`,
 * `util.inspect`, devtools and structured clones of a session cannot show it.
 *
 * Open sessions are also tracked (strongly: a CLI must be able to end them on Ctrl-C even if
 * nothing else holds them) until `logout` ends them; see {@link openSessions}.
 */
import { IntegraError } from './errors.js';
import type { HostResolver } from './transport.js';

/** An open uContact API session. Plain, frozen, secret-free data. */
export interface Session {
  /** Normalized base URL, e.g. `https://acme.ucontactcloud.com` (no trailing slash). */
  readonly baseUrl: string;
  /** The user that logged in (sent as `username`/`user` where the platform asks). */
  readonly user: string;
  /** Timeout of each request of this session, in milliseconds (`Infinity`: none). */
  readonly timeoutMs: number;
}

/** Per-request timeout when none is given, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 30_000;

interface SessionState {
  readonly key: string;
  /** The login's signal: aborting it aborts every request of the session (not its logout). */
  readonly signal: AbortSignal | undefined;
  /** The login's resolver, used by every request of the session. */
  readonly resolveHost: HostResolver | undefined;
}

const states = new WeakMap<Session, SessionState>();
const open = new Set<Session>();

/** Internal: makes a tracked, open session holding `key`. Not exported from the package. */
export function createSession(
  fields: { baseUrl: string; user: string; timeoutMs: number },
  key: string,
  signal: AbortSignal | undefined,
  resolveHost?: HostResolver,
): Session {
  const session: Session = Object.freeze({ baseUrl: fields.baseUrl, user: fields.user, timeoutMs: fields.timeoutMs });
  states.set(session, { key, signal, resolveHost });
  open.add(session);
  return session;
}

/** Internal: the key of an open session; throws `SESSION_CLOSED` once it was ended. */
export function sessionKey(session: Session, path?: string): string {
  const state = states.get(session);
  if (state === undefined) {
    throw new IntegraError(
      'SESSION_CLOSED',
      `the session of user ${String(session?.user)} is closed (logged out) or was not made by login()`,
      path === undefined ? {} : { path },
    );
  }
  return state.key;
}

/** Internal: the signal the session was opened with, if any. */
export function sessionSignal(session: Session): AbortSignal | undefined {
  return states.get(session)?.signal;
}

/** Internal: the resolver the session was opened with, if any. */
export function sessionResolver(session: Session): HostResolver | undefined {
  return states.get(session)?.resolveHost;
}

/**
 * Internal: forgets the session (no request can use it any more) and returns its key for the
 * one `EndSession` call, or `undefined` if it was already ended.
 */
export function forgetSession(session: Session): string | undefined {
  const key = states.get(session)?.key;
  states.delete(session);
  open.delete(session);
  return key;
}

/** True until `logout` (or `withSession`'s end) closes the session. */
export function isSessionOpen(session: Session): boolean {
  return states.has(session);
}

/**
 * Every session opened by `login` and not yet ended, oldest first. For shutdown hooks:
 * see `logoutAll`.
 */
export function openSessions(): Session[] {
  return [...open];
}
