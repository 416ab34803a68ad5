/**
 * What the CLI touches of the outside world, passed in so tests run it in-process with argv,
 * environment and streams of their own.
 */

/** A text sink such as `process.stdout`. */
export interface TextOut {
  write(text: string): unknown;
  /** True on a terminal: progress bars instead of plain lines. */
  isTTY?: boolean;
  columns?: number;
  /** `false` once the stream can take no more (a Node stream after EPIPE). */
  writable?: boolean;
  destroyed?: boolean;
}

/** Whether `out` can still be written to. */
export function isOpen(out: TextOut): boolean {
  return out.writable !== false && out.destroyed !== true;
}

/** The CLI's world. */
export interface CliIo {
  stdout: TextOut;
  stderr: TextOut;
  env: Record<string, string | undefined>;
  /** Can the user be asked for a password (stdin is a terminal)? */
  interactive: boolean;
  /** Asks for the password without echo. @default @inquirer/password on stdin/stderr */
  promptPassword?: (message: string, signal: AbortSignal) => Promise<string>;
  /**
   * Aborted on Ctrl-C, SIGTERM, SIGHUP or a closed stdout/stderr (its `reason` an `Interrupt`
   * naming which): stops reading and sending, aborts the request in flight, ends the session.
   */
  signal?: AbortSignal;
}
