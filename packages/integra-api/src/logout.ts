/**
 * Ending sessions: `auth/EndSession` {user, token} with the key, answered `1` (ended) or `0`.
 * A failure is reported as `LOGOUT_FAILED` (with the transport error as `cause`), never
 * swallowed: the key may stay valid on the server until the platform expires it.
 */
import { IntegraError, isIntegraError } from './errors.js';
import { postForm } from './http.js';
import { checkMilliseconds } from './milliseconds.js';
import { forgetSession, openSessions, sessionResolver, type Session } from './session.js';

/** Options of {@link logout}. */
export interface LogoutOptions {
  /** Milliseconds for the `EndSession` call: 0 < n ≤ 2,147,483,647 or `Infinity`. @default the session's `timeoutMs` */
  timeoutMs?: number;
}

/** What {@link logoutAll} did. */
export interface LogoutAllResult {
  /** Sessions the platform confirmed ended. */
  ended: Session[];
  /** Sessions whose end failed, each with its `LOGOUT_FAILED` error. */
  failed: { session: Session; error: IntegraError }[];
}

const PATH = 'auth/EndSession';

/**
 * Ends the session on the platform. The session is unusable locally from the first moment
 * (later calls reject with `SESSION_CLOSED`), whatever the answer. Calling it again on an
 * ended session resolves at once. Ignores the login's `signal` on purpose: it must still run
 * after a Ctrl-C.
 *
 * @throws IntegraError `LOGOUT_FAILED`: answer other than `1`, or `cause` is the `HTTP_ERROR`,
 *   `TIMEOUT` or `NETWORK` error of the call (its `code` is also in the message).
 */
export async function logout(session: Session, options: LogoutOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs === undefined ? session.timeoutMs : checkMilliseconds('logout({ timeoutMs })', options.timeoutMs);
  const resolveHost = sessionResolver(session);
  const key = forgetSession(session);
  if (key === undefined) return;
  const who = `user ${session.user}`;
  let body: string;
  try {
    body = await postForm({
      baseUrl: session.baseUrl,
      path: PATH,
      body: { user: session.user, token: key },
      key,
      timeoutMs,
      signals: [],
      secrets: [key],
      resolveHost,
    });
  } catch (error) {
    const reason = isIntegraError(error) ? `${error.code}: ${error.message}` : 'unexpected failure';
    throw new IntegraError(
      'LOGOUT_FAILED',
      `could not end the session of ${who} (${reason}); its key may stay valid until the platform expires it`,
      { path: PATH, cause: error, ...(isIntegraError(error) && error.status !== undefined ? { status: error.status } : {}) },
    );
  }
  if (body.trim() !== '1') {
    const what = body.trim() === '0' ? 'answered 0 (not ended)' : `gave an unexpected answer (${body.length} characters, expected 1)`;
    throw new IntegraError('LOGOUT_FAILED', `${PATH} for ${who} ${what}`, { path: PATH });
  }
}

/**
 * Ends every session that `login` opened and nobody ended yet, in parallel: the shutdown
 * hook of a CLI (`process.once('SIGINT', ...)`). A failed logout never rejects: failures are
 * listed in the result so the caller can report them. A bad `timeoutMs` rejects with
 * `INVALID_ARGUMENT` before any session is touched.
 */
export async function logoutAll(options: LogoutOptions = {}): Promise<LogoutAllResult> {
  if (options.timeoutMs !== undefined) checkMilliseconds('logoutAll({ timeoutMs })', options.timeoutMs);
  const sessions = openSessions();
  const outcomes = await Promise.allSettled(sessions.map((s) => logout(s, options)));
  const result: LogoutAllResult = { ended: [], failed: [] };
  outcomes.forEach((outcome, i) => {
    const session = sessions[i]!;
    if (outcome.status === 'fulfilled') result.ended.push(session);
    else {
      const error = isIntegraError(outcome.reason)
        ? outcome.reason
        : new IntegraError('LOGOUT_FAILED', `could not end the session of user ${session.user}`, { path: PATH });
      result.failed.push({ session, error });
    }
  });
  return result;
}
