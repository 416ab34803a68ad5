/**
 * `withSession`: login, run the work, and always end the session — after success, after a
 * thrown error, and when `signal` aborts (Ctrl-C) while the work still runs.
 */
import { IntegraError, isIntegraError } from './errors.js';
import type { LoginOptions } from './auth.js';
import { login } from './auth.js';
import { logout } from './logout.js';
import type { Session } from './session.js';

/** {@link LoginOptions} plus what to do with a logout failure that follows a failed work. */
export interface WithSessionOptions extends LoginOptions {
  /**
   * Called with the `LOGOUT_FAILED` error when the work threw and the logout then failed too
   * (the work's error is the one rejected). @default writes the error's message with `console.warn`
   */
  onLogoutError?: (error: IntegraError) => void;
}

/**
 * Logs in, runs `work(session)`, ends the session, and settles with the work's outcome.
 * - work resolves, logout succeeds: resolves with the work's value;
 * - work resolves, logout fails: rejects with `LOGOUT_FAILED` (so that code from
 *   `withSession` means the work itself finished);
 * - work throws: rejects with the work's error after the logout (a logout failure then goes
 *   to `onLogoutError`);
 * - `options.signal` aborts during the work: requests of the session reject with `ABORTED`,
 *   the session is ended at once, and `withSession` rejects with `ABORTED`.
 */
export async function withSession<T>(options: WithSessionOptions, work: (session: Session) => Promise<T>): Promise<T> {
  const session = await login(options);
  let outcome: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, value: await untilAborted(Promise.resolve().then(() => work(session)), options.signal) };
  } catch (error) {
    outcome = { ok: false, error };
  }
  let logoutError: IntegraError | undefined;
  try {
    await logout(session, options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs });
  } catch (error) {
    logoutError = isIntegraError(error) ? error : new IntegraError('LOGOUT_FAILED', 'could not end the session');
  }
  if (outcome.ok) {
    if (logoutError !== undefined) throw logoutError;
    return outcome.value;
  }
  if (logoutError !== undefined) {
    const report = options.onLogoutError ?? ((e: IntegraError) => console.warn(`@ucbridge/integra-api: ${e.message}`));
    report(logoutError);
  }
  throw outcome.error;
}

/** The work's promise, or an `ABORTED` rejection as soon as `signal` aborts. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void =>
      reject(new IntegraError('ABORTED', 'withSession: aborted while the work was running; the session is being ended'));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
