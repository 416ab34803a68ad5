/**
 * The dialer's two errors, both {@link IntegraError}s (so `code` is what to branch on):
 * - {@link InvalidContactsError} (`INVALID_CONTACTS`): the list has problems, nothing was sent;
 * - {@link UploadBaseError}: a part failed after others may have been accepted; its `code` is
 *   the failure's (`UPLOAD_REFUSED` for an answer other than `1`, or `NETWORK`, `TIMEOUT`,
 *   `ABORTED`, `HTTP_ERROR`, `SESSION_CLOSED` from the request, `OUTCOME_UNKNOWN` when the
 *   journal holds parts of unknown outcome) and its `report` says where every part stands.
 */
import { IntegraError, type IntegraErrorCode } from '../errors.js';
import type { ContactProblem } from './types.js';
import type { UploadReport } from './upload-run.js';

/** One problem in words: `line 4, phone: contains a letter ("09834A484")` (or `contacts[3]` without a line). */
export function formatProblem(p: ContactProblem): string {
  const where = p.line !== undefined ? `line ${p.line}` : `contacts[${p.index}]`;
  return `${where}, ${p.field}: ${p.reason}${p.value !== undefined ? ` (${JSON.stringify(p.value)})` : ''}`;
}

/** The contacts (or the file) have problems: every one is listed, and nothing was sent. */
export class InvalidContactsError extends IntegraError {
  declare readonly code: 'INVALID_CONTACTS';
  /** The problems, in input order (at most `maxProblems` of them). */
  readonly problems: readonly ContactProblem[];
  /** How many problems were found in all. */
  readonly problemCount: number;

  constructor(problems: readonly ContactProblem[], problemCount = problems.length) {
    const first = problems.slice(0, 3).map(formatProblem).join('; ');
    const more = problemCount > 3 ? `; and ${problemCount - 3} more` : '';
    super('INVALID_CONTACTS', `${problemCount} problem${problemCount === 1 ? '' : 's'} in the contacts, nothing was sent: ${first}${more}`);
    this.name = 'InvalidContactsError';
    this.problems = problems;
    this.problemCount = problemCount;
  }

  override toJSON(): ReturnType<IntegraError['toJSON']> & { problems: readonly ContactProblem[]; problemCount: number } {
    return { ...super.toJSON(), problems: this.problems, problemCount: this.problemCount };
  }
}

/**
 * A part of the upload failed, or could not be sent safely. `report` lists every part as
 * `accepted`, `unknown` (check before retrying) or `notSent`; `outcomeUnknown` is `true` when
 * `report.unknown` holds a part nobody decided about.
 */
export class UploadBaseError extends IntegraError {
  /** Parts the platform accepted (this run or an earlier one), in order. */
  readonly accepted: readonly { filename: string; cant: number; bytes: number }[];
  /** The file name of the part that failed (the first unknown one for `OUTCOME_UNKNOWN`). */
  readonly failedPart: string;
  /** Where every part stands. */
  readonly report: UploadReport;

  constructor(
    code: IntegraErrorCode,
    message: string,
    details: { accepted: readonly { filename: string; cant: number; bytes: number }[]; failedPart: string; report: UploadReport; cause?: unknown; status?: number; outcomeUnknown?: boolean },
  ) {
    super(code, message, {
      path: 'Dialers/uploadbase',
      ...(details.cause === undefined ? {} : { cause: details.cause }),
      ...(details.status === undefined ? {} : { status: details.status }),
      outcomeUnknown: details.outcomeUnknown === true,
    });
    this.name = 'UploadBaseError';
    this.accepted = details.accepted;
    this.failedPart = details.failedPart;
    this.report = details.report;
  }

  override toJSON(): ReturnType<IntegraError['toJSON']> & { accepted: readonly { filename: string; cant: number; bytes: number }[]; failedPart: string; report: UploadReport } {
    return { ...super.toJSON(), accepted: this.accepted, failedPart: this.failedPart, report: this.report };
  }
}
