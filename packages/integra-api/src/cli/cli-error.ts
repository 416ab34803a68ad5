/**
 * A mistake of the person running the CLI (bad arguments, a bad file, no password): printed
 * as one line (ending "see --help" when `usage` is set), exit code 1. Anything that is not a
 * CliError or an IntegraError is a bug and is printed with its stack.
 */

/** Stable codes of {@link CliError}. */
export type CliErrorCode =
  | 'USAGE'
  | 'UNKNOWN_COMMAND'
  | 'PASSWORD_IN_ARGV'
  | 'NO_PASSWORD'
  | 'FILE_UNREADABLE'
  | 'INVALID_FILE'
  | 'EMPTY_FILE'
  | 'TOO_MANY_FILES'
  | 'FILE_CHANGED'
  | 'JOURNAL_UNUSABLE'
  | 'JOURNAL_BUSY'
  | 'UPLOAD_BUSY'
  | 'STATE_UNUSABLE';

import { formatMessage } from '../errors.js';

/** A user error: message (+ usage), exit 1. Its `message` reads `ucbridge CODE: …`. */
export class CliError extends Error {
  readonly code: CliErrorCode;
  /** The mistake is in the arguments: the line ends with "see ucbridge upload-base --help". */
  readonly usage: boolean;

  constructor(code: CliErrorCode, message: string, options: { usage?: boolean } = {}) {
    super(formatMessage(code, message));
    this.name = 'CliError';
    this.code = code;
    this.usage = options.usage ?? false;
  }
}

/** What the system's error codes mean, for the file errors ops people meet. */
const SYSTEM_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  EROFS: 'a read-only file system',
  ENOSPC: 'no space left on the disk',
  EDQUOT: 'disk quota exceeded',
  EMFILE: 'too many open files',
};

/** `ENOENT: no such file or folder`: a system error code with its meaning, when known. */
export function systemErrorText(code: string): string {
  const meaning = SYSTEM_ERRORS[code];
  return meaning === undefined ? code : `${code}: ${meaning}`;
}
