/**
 * Wires {@link runCli} to the real process: SIGINT, SIGTERM and SIGHUP, and an error on stdout
 * or stderr (EPIPE: the reader went away), abort the run with an {@link Interrupt}; the CLI then
 * stops sending, ends the session and reports where it still can. A second signal exits at once.
 * Used by `bin/ucbridge.mjs`.
 */
import { formatMessage } from '../errors.js';
import { interruptExitCode } from './exit-codes.js';
import { Interrupt, type InterruptCause } from './interrupt.js';
import { runCli } from './main.js';

/** Runs `ucbridge` with `argv` in this process; resolves with the exit code (also set on `process.exitCode`). */
export async function runProcess(argv: readonly string[]): Promise<number> {
  const controller = new AbortController();
  const stop = (cause: InterruptCause): void => {
    if (controller.signal.aborted) {
      if (cause !== 'EPIPE') process.exit(interruptExitCode(cause));
      return;
    }
    controller.abort(new Interrupt(cause));
    // say at once that the signal was heard: ending the session and the report may take a moment
    if (cause !== 'EPIPE') process.stderr.write(`${formatMessage('INTERRUPTED', `${cause} received: stopping (nothing more is sent; the session is ended, then the report printed); a second signal quits at once`)}\n`);
  };
  for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(name, () => stop(name));
  // without a listener an EPIPE would crash the process mid-upload, leaving the session open
  process.stdout.on('error', () => stop('EPIPE'));
  process.stderr.on('error', () => stop('EPIPE'));
  const code = await runCli(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    interactive: process.stdin.isTTY === true,
    signal: controller.signal,
  });
  process.exitCode = code;
  return code;
}
