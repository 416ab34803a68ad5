/**
 * Wires {@link runCli} to the real process: SIGINT, SIGTERM and SIGHUP, and an error on stdout
 * or stderr (EPIPE: the reader went away), abort the run with an {@link Interrupt}; the CLI then
 * stops sending, ends the session and reports where it still can. A second signal exits at once.
 * Used by `bin/ucbridge.mjs`.
 */
import { interruptExitCode } from './exit-codes.js';
import { Interrupt, type InterruptCause } from './interrupt.js';
import { runCli } from './main.js';

/** Runs `ucbridge` with `argv` in this process; resolves with the exit code (also set on `process.exitCode`). */
export async function runProcess(argv: readonly string[]): Promise<number> {
  const controller = new AbortController();
  const stop = (cause: InterruptCause): void => {
    if (!controller.signal.aborted) controller.abort(new Interrupt(cause));
    else if (cause !== 'EPIPE') process.exit(interruptExitCode(cause));
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
