/**
 * Why the CLI was told to stop: a signal, or stdout/stderr closed under it (`| head -1`). All
 * end the same way — stop sending, end the session, report where it still can — and only the
 * exit code differs (128 + the signal; a closed pipe counts as SIGPIPE).
 */
/** What stopped the run. */
export type InterruptCause = 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'EPIPE';

/** The `reason` of the CLI's abort signal. */
export class Interrupt extends Error {
  readonly interrupt: InterruptCause;
  constructor(cause: InterruptCause) {
    super(cause === 'EPIPE' ? 'stdout or stderr was closed' : `${cause} received`);
    this.name = 'Interrupt';
    this.interrupt = cause;
  }
}

/** The cause behind an aborted signal (`SIGINT` for a plain abort), or `undefined`. */
export function interruptOf(signal: AbortSignal | undefined): InterruptCause | undefined {
  if (signal?.aborted !== true) return undefined;
  const reason = signal.reason as { interrupt?: unknown } | undefined;
  const cause = reason?.interrupt;
  return cause === 'SIGTERM' || cause === 'SIGHUP' || cause === 'EPIPE' ? cause : 'SIGINT';
}

/**
 * What stopped the run: the signal's cause, or an {@link Interrupt} thrown where no signal comes
 * (Ctrl-C inside the password prompt: the terminal, in raw mode, sends the prompt a key, not SIGINT).
 */
export function interruptOfRun(signal: AbortSignal | undefined, error: unknown): InterruptCause | undefined {
  return interruptOf(signal) ?? (error instanceof Interrupt ? error.interrupt : undefined);
}

/** `interrupted by SIGTERM` / `stopped: stdout or stderr was closed`. */
export function interruptText(cause: InterruptCause): string {
  return cause === 'EPIPE' ? 'stopped: stdout or stderr was closed' : `interrupted by ${cause}`;
}
