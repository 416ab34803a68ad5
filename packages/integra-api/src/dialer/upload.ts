/**
 * `uploadBase`: validate every contact, encode the base into parts, and only then send each
 * part to `Dialers/uploadbase`, one after the other; `1` means accepted.
 */
import { IntegraError, isIntegraError } from '../errors.js';
import { integraPost } from '../http.js';
import { isSessionOpen, type Session } from '../session.js';
import { DialerBaseBuilder, type DialerBaseOptions } from './builder.js';
import { InvalidContactsError, UploadBaseError } from './errors.js';
import type { DialerBase, DialerContact, UploadBaseResult, UploadProgress } from './types.js';
import { createUploadBodyEncoder } from './upload-body.js';

const PATH = 'Dialers/uploadbase';
/** Progress is reported (and the signal checked) every this many contacts while preparing. */
const PROGRESS_EVERY = 10_000;

/** How to send: progress, cancellation, timeout. */
export interface SendOptions {
  /** Called while preparing (every 10,000 contacts) and before each part is sent. */
  onProgress?: (progress: UploadProgress) => void;
  /** Aborts between contacts and parts, and the request in flight: rejects with `ABORTED`. */
  signal?: AbortSignal;
  /** Milliseconds for each part's request. @default the session's `timeoutMs` */
  timeoutMs?: number;
}

/** What {@link uploadBase} takes. */
export interface UploadBaseOptions extends DialerBaseOptions, SendOptions {
  /** The contacts: an array, any iterable, or an async iterable (read once). */
  contacts: Iterable<DialerContact> | AsyncIterable<DialerContact>;
}

function aborted(signal: AbortSignal | undefined, when: string): void {
  if (signal?.aborted) throw new IntegraError('ABORTED', `${PATH}: aborted ${when}; nothing more was sent`, { path: PATH });
}

/**
 * Validates all of `contacts`, then uploads them as one file `filename` — or, over `maxLines`
 * (default 50,000), as `filename_part01`, `filename_part02`, … — with `cant` = contacts of
 * the part and `username` = the session's user. Nothing is sent when any contact is invalid.
 *
 * @throws IntegraError `INVALID_ARGUMENT` (campaign, filename, maxLines, no contacts),
 *   `SESSION_CLOSED`, {@link InvalidContactsError} `INVALID_CONTACTS` (every problem, nothing
 *   sent), {@link UploadBaseError} with `UPLOAD_REFUSED` (an answer other than `1`) or the
 *   request's `NETWORK`, `TIMEOUT`, `HTTP_ERROR`, `ABORTED`, listing the parts accepted before.
 */
export async function uploadBase(session: Session, options: UploadBaseOptions): Promise<UploadBaseResult> {
  const { contacts, onProgress, signal } = options;
  if (!isSessionOpen(session)) {
    throw new IntegraError('SESSION_CLOSED', `the session of user ${String(session?.user)} is closed`, { path: PATH });
  }
  const builder = new DialerBaseBuilder(options);
  const progress = (): void => {
    aborted(signal, 'while preparing the contacts');
    onProgress?.({ phase: 'prepare', contacts: builder.seen, part: 0, parts: 0 });
  };
  if (contacts === null || typeof contacts !== 'object') {
    throw new IntegraError('INVALID_ARGUMENT', 'contacts must be an array or an (async) iterable of contacts');
  }
  if (Symbol.asyncIterator in contacts) {
    for await (const contact of contacts) {
      builder.add(contact);
      if (builder.seen % PROGRESS_EVERY === 0) progress();
    }
  } else {
    for (const contact of contacts) {
      builder.add(contact);
      if (builder.seen % PROGRESS_EVERY === 0) progress();
    }
  }
  progress();
  return sendDialerBase(session, builder.finish(), options);
}

/**
 * Sends a base prepared by {@link DialerBaseBuilder}: refuses (sending nothing) when it has
 * problems or no contacts, else uploads its parts in order and stops at the first failure.
 *
 * @throws as {@link uploadBase}.
 */
export async function sendDialerBase(session: Session, base: DialerBase, options: SendOptions = {}): Promise<UploadBaseResult> {
  const { onProgress, signal, timeoutMs } = options;
  if (base.problemCount > 0) throw new InvalidContactsError(base.problems, base.problemCount);
  if (base.contacts === 0) throw new IntegraError('INVALID_ARGUMENT', `no contacts to upload to ${base.campaign}`);
  const accepted: UploadBaseResult['parts'] = [];
  const parts = base.parts.length;
  // fetch copies the body it is given, so one buffer serves every part
  const encodeBody = createUploadBodyEncoder();
  for (const [i, part] of base.parts.entries()) {
    const where = `part ${i + 1} of ${parts} (${part.filename}, ${part.cant} contacts)`;
    const done = accepted.length === 0 ? 'none' : accepted.map((p) => p.filename).join(', ');
    let answer: string;
    try {
      aborted(signal, `before ${where}`);
      onProgress?.({ phase: 'upload', contacts: base.contacts, part: i + 1, parts, filename: part.filename });
      const body = encodeBody(part, base.campaign, session.user);
      answer = await integraPost(session, PATH, body, {
        ...(signal === undefined ? {} : { signal }),
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
      });
    } catch (error) {
      if (!isIntegraError(error)) throw error;
      throw new UploadBaseError(error.code, `${error.message} — at ${where}; parts accepted before: ${done}`, {
        accepted: accepted.slice(),
        failedPart: part.filename,
        cause: error,
        ...(error.status === undefined ? {} : { status: error.status }),
      });
    }
    if (answer.trim() !== '1') {
      const said = answer.trim() === '0' ? 'answered 0' : `answered something other than 1 (${answer.length} characters)`;
      throw new UploadBaseError('UPLOAD_REFUSED', `${PATH} ${said}: ${where} was not accepted; parts accepted before: ${done}`, {
        accepted: accepted.slice(),
        failedPart: part.filename,
      });
    }
    accepted.push({ filename: part.filename, cant: part.cant, bytes: part.bytes });
  }
  onProgress?.({ phase: 'done', contacts: base.contacts, part: parts, parts });
  return { campaign: base.campaign, contacts: base.contacts, parts: accepted };
}
