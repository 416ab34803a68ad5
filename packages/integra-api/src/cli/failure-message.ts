/**
 * The report's `code` and `message` for a failed upload, in the CLI's words: its options
 * (`--resend-unknown`, `--max-lines`, `--filename`, `--timeout`, `--user`), never the library's
 * (`onUnknown`, `maxLines`, `timeoutMs`), each hint with a value that works where one can be given.
 */
import { formatMessage, isIntegraError, type IntegraError } from '../errors.js';
import { UploadBaseError } from '../dialer/errors.js';
import { CliError } from './cli-error.js';
import { formatDuration } from './duration.js';
import { interruptText, type InterruptCause } from './interrupt.js';
import type { RunReport } from './report.js';
import { PASSWORD_ENV, filenameFromPath, type UploadBaseArgs } from './upload-base-args.js';

const LOGIN_PATH = 'auth/UserLogin';

/** `{ code, message }` for the report, in the CLI's words. */
export function describeFailure(failure: unknown, interrupted: InterruptCause | undefined, args: UploadBaseArgs, session: RunReport['session']): { code: string; message: string } {
  if (interrupted !== undefined) {
    const ended = !session.opened ? 'no session was opened' : session.ended ? 'the session was ended' : 'the session could NOT be ended (its key may stay valid until the platform expires it)';
    return { code: 'INTERRUPTED', message: formatMessage('INTERRUPTED', `${interruptText(interrupted)}: stopped sending; ${ended}. The report says where each part stands and what to run next`) };
  }
  if (failure instanceof UploadBaseError && failure.code === 'OUTCOME_UNKNOWN') {
    const one = failure.report.unknown.length === 1;
    return {
      code: failure.code,
      message: formatMessage(failure.code, `nothing was sent: ${one ? 'a part' : 'parts'} of an earlier run may already be on the platform (sent, no answer). Check the platform, then run the same command with --resend-unknown (${one ? 'it is' : 'they are'} not there) or --skip-unknown (${one ? 'it is' : 'they are'})`),
    };
  }
  if (failure instanceof UploadBaseError && failure.code === 'UPLOAD_CHANGED') {
    const advice = `To finish that upload, run it again with the list and --max-lines it had; to load this list as a new upload, give it another name, e.g. --filename ${anotherFilename(args)}`;
    return { code: failure.code, message: failure.message.replace(/Upload the same list the same way.*$/, advice).replace(/\bmaxLines\b/g, '--max-lines') };
  }
  if (isIntegraError(failure)) return { code: failure.code, message: `${failure.message}${hintOf(failure, args)}` };
  if (failure instanceof CliError) return { code: failure.code, message: failure.message };
  throw failure;
}

/** What to do after a request's failure, in the CLI's options (`''` when the message says it). */
function hintOf(error: IntegraError, args: UploadBaseArgs): string {
  if (error.code === 'LOGIN_REFUSED') return `: check --user and the password (--password-file, ${PASSWORD_ENV} or the prompt), then run the same command again`;
  const timeout = error.code === 'TIMEOUT' ? ` (each request may take --timeout ${formatDuration(args.timeoutMs)})` : '';
  // the login did not get an answer from a uContact: the address is the first suspect
  const login = error.path === LOGIN_PATH ? '; no part was sent: check that --url is the uContact instance (e.g. --url https://acme.ucontactcloud.com) and that this machine reaches it, then run the same command again' : '';
  return `${timeout}${login}`;
}

/** A new upload name for advice: the upload's own with `_2` on the end (within 43 characters: room for `_part01`). */
function anotherFilename(args: UploadBaseArgs): string {
  return `${(args.filename ?? filenameFromPath(args.file)).slice(0, 41)}_2`;
}
