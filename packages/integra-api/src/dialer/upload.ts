/**
 * `uploadBase`: validate every contact, encode the base into parts, and only then send each
 * part to `Dialers/uploadbase`, one after the other; `1` means accepted.
 */
import { IntegraError } from '../errors.js';
import { checkMilliseconds } from '../milliseconds.js';
import { isSessionOpen, type Session } from '../session.js';
import { DialerBaseBuilder, type DialerBaseOptions } from './builder.js';
import { InvalidContactsError } from './errors.js';
import { hashPartBytes, partKey, processJournal, type UploadJournal } from './journal.js';
import type { DialerBase, DialerContact, UploadBaseResult, UploadProgress } from './types.js';
import { createUploadBodyEncoder } from './upload-body.js';
import { UploadRun, type PlannedPart, type UnknownPolicy } from './upload-run.js';

const PATH = 'Dialers/uploadbase';
/** Progress is reported (and the signal checked) every this many contacts while preparing. */
const PROGRESS_EVERY = 10_000;

/** How to send: journal, progress, cancellation, timeout. */
export interface SendOptions {
  /** Called while preparing (every 10,000 contacts) and before each part is sent. */
  onProgress?: (progress: UploadProgress) => void;
  /**
   * Aborts between contacts and parts, and the request in flight: rejects with `ABORTED` (a part
   * whose body was already sent is then `unknown` in the report and the journal).
   */
  signal?: AbortSignal;
  /** Milliseconds for each part's request: 0 < n ≤ 2,147,483,647 or `Infinity`. @default the session's `timeoutMs` */
  timeoutMs?: number;
  /**
   * Where each part's outcome is recorded and looked up, so a retry or re-run never sends a
   * part the platform may already hold. Node: `createFileJournal()` from
   * `@ucbridge/integra-api/node` survives the process. @default one in-memory journal per process
   */
  journal?: UploadJournal;
  /** A part whose outcome an earlier attempt could not learn: see {@link UnknownPolicy}. @default 'stop' */
  onUnknown?: UnknownPolicy;
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
 * Exactly once: parts the journal shows accepted are not sent again (the result lists them
 * with `earlier: true`), and a part of unknown outcome stops the upload (see `onUnknown`).
 *
 * @throws IntegraError `INVALID_ARGUMENT` (campaign, filename, maxLines, timeoutMs, no
 *   contacts), `SESSION_CLOSED`, {@link InvalidContactsError} `INVALID_CONTACTS` (every problem,
 *   nothing sent), {@link UploadBaseError} with `OUTCOME_UNKNOWN` (the journal holds a part of
 *   unknown outcome: nothing sent), `UPLOAD_REFUSED` (an answer other than `1`) or the request's
 *   `NETWORK`, `TIMEOUT`, `HTTP_ERROR`, `ABORTED`; its `report` lists every part.
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
 * problems or no contacts; reads the journal for every part (parts accepted before are not sent
 * again, a part of unknown outcome stops everything unless `onUnknown` says otherwise); then
 * uploads the other parts in order, recording each outcome, and stops at the first failure.
 *
 * @throws as {@link uploadBase}.
 */
export async function sendDialerBase(session: Session, base: DialerBase, options: SendOptions = {}): Promise<UploadBaseResult> {
  const { onProgress, signal } = options;
  if (base.problemCount > 0) throw new InvalidContactsError(base.problems, base.problemCount);
  if (base.contacts === 0) throw new IntegraError('INVALID_ARGUMENT', `no contacts to upload to ${base.campaign}`);
  if (base.parts.some((p) => p.chunks.length === 0 && p.bytes > 0)) {
    throw new IntegraError('INVALID_ARGUMENT', 'the base was built with onPart (streamed): its parts hold no bytes to send');
  }
  const timeoutMs = options.timeoutMs === undefined ? undefined : checkMilliseconds('uploadBase({ timeoutMs })', options.timeoutMs);
  const run = new UploadRun({ journal: options.journal ?? processJournal, baseUrl: session.baseUrl, campaign: base.campaign, filename: base.filename, onUnknown: options.onUnknown });
  const planned: PlannedPart[] = [];
  for (const part of base.parts) {
    const key = await partKey({ baseUrl: session.baseUrl, campaign: base.campaign, filename: part.filename, bytesHash: await hashPartBytes(part.chunks) });
    planned.push({ filename: part.filename, cant: part.cant, bytes: part.bytes, lines: part.lines, key });
  }
  await run.plan(planned);
  const parts = base.parts.length;
  // the request copies nothing it keeps, so one buffer serves every part
  const encodeBody = createUploadBodyEncoder();
  for (const [i, part] of base.parts.entries()) {
    if (!run.shouldSend(i)) continue;
    onProgress?.({ phase: 'upload', contacts: base.contacts, part: i + 1, parts, filename: part.filename });
    await run.send(session, i, encodeBody(part, base.campaign, session.user), { signal, timeoutMs });
  }
  onProgress?.({ phase: 'done', contacts: base.contacts, part: parts, parts });
  const report = run.report();
  return {
    campaign: base.campaign,
    contacts: base.contacts,
    parts: report.accepted.map(({ filename, cant, bytes }) => ({ filename, cant, bytes })),
    report,
  };
}
