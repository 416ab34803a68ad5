/**
 * The CLI's exit codes: one table, used by the code, `--help` and the README.
 */
import type { UploadReport } from '../dialer/upload-run.js';
import type { InterruptCause } from './interrupt.js';

/** Every exit code of `ucbridge`, by meaning. */
export const EXIT = {
  /** Every part is on the platform (now or by an earlier run), or `--dry-run` found no problem. */
  OK: 0,
  /** Bad arguments or a bad file: nothing was sent. */
  USAGE: 1,
  /** The platform or the network failed; every part's outcome is known (re-run sends the rest). */
  FAILED: 2,
  /** The login was refused (wrong user or password): do not retry until it is fixed. */
  LOGIN_REFUSED: 3,
  /** A part's outcome is unknown (sent, no answer): check the platform before running again. */
  UNKNOWN: 4,
  /** Interrupted: 128 + the signal (SIGHUP 129, SIGINT 130, closed pipe 141, SIGTERM 143). */
  SIGHUP: 129,
  SIGINT: 130,
  SIGPIPE: 141,
  SIGTERM: 143,
} as const;

/** The table as `--help` prints it. */
export const EXIT_CODE_TEXT = `  0   every part is on the platform (now or by an earlier run); --dry-run: no problem found
  1   bad arguments or a bad file: nothing was sent
  2   the platform or the network failed; every part's outcome is known (a re-run sends the rest)
  3   the login was refused (wrong user or password): do not retry until it is fixed
  4   a part's outcome is unknown (sent, no answer): check the platform, then re-run with
      --resend-unknown or --skip-unknown
  129 SIGHUP, 130 SIGINT (Ctrl-C), 141 stdout or stderr closed, 143 SIGTERM: stopped sending,
      ended the session, reported what it could`;

/** 129, 130, 141 or 143: 128 + the signal (a closed pipe counts as SIGPIPE). */
export function interruptExitCode(cause: InterruptCause): number {
  return cause === 'EPIPE' ? EXIT.SIGPIPE : EXIT[cause];
}

/** Codes of failures that were the operator's to fix before anything could be sent. */
const OPERATOR_CODES: ReadonlySet<string> = new Set(['INSECURE_URL', 'INVALID_ARGUMENT', 'UPLOAD_CHANGED', 'FILE_CHANGED']);

/**
 * The exit code of an upload that got past the checks, from where its parts stand: 0 when every
 * part is on the platform (or skipped by choice), else the interrupt's, else 4 for an unknown
 * part, 3 for a refused login, 1 for the operator's mistake, 2 for any other failure.
 */
export function runExitCode(parts: UploadReport, interrupted: InterruptCause | undefined, failureCode: string | undefined): number {
  if (parts.notSent.length === 0 && parts.unknown.every((p) => p.skipped === true)) return EXIT.OK;
  if (interrupted !== undefined) return interruptExitCode(interrupted);
  if (parts.unknown.some((p) => p.skipped !== true)) return EXIT.UNKNOWN;
  if (failureCode === 'LOGIN_REFUSED') return EXIT.LOGIN_REFUSED;
  if (failureCode !== undefined && OPERATOR_CODES.has(failureCode)) return EXIT.USAGE;
  return EXIT.FAILED;
}
