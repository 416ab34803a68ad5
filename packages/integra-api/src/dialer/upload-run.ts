/**
 * One run of an upload against its journal: the plan (which parts an earlier run already
 * settled), each part sent with its outcome recorded before and after, and the report — the
 * parts in three lists, `accepted`, `unknown` and `notSent`. `uploadBase` and the CLI (which
 * streams its parts from the file) both send through it, so both are exactly-once.
 */
import { isIntegraError, type IntegraError } from '../errors.js';
import { integraPost } from '../http.js';
import type { Session } from '../session.js';
import { UploadBaseError } from './errors.js';
import { uploadKey, type JournalEntry, type PartState, type UploadJournal } from './journal.js';

const PATH = 'Dialers/uploadbase';

/**
 * What to do with a part whose outcome an earlier run could not learn (its body was sent, no
 * answer came): `stop` (default) refuses to send anything until a person has looked; `resend`
 * sends it again (you checked: the platform does not have it); `skip` never sends it (you
 * checked: the platform has it) and records that choice.
 */
export type UnknownPolicy = 'stop' | 'resend' | 'skip';

/** One part in an {@link UploadReport}. */
export interface PartReport {
  /** Upload name (`leads_part03`). */
  filename: string;
  /** Contacts in the part. */
  cant: number;
  /** Bytes of the part's file (before base64). */
  bytes: number;
  /** First and last file line of its contacts, when they came from a file. */
  lines?: { first: number; last: number };
  /** Accepted by an earlier run (found in the journal), not sent this time. */
  earlier?: true;
  /** An unknown part not sent because of `skip` (now or in an earlier run). */
  skipped?: true;
  /** For `unknown` and `notSent`: the error code behind it (`TIMEOUT`, `HTTP_ERROR`, `ABORTED`…). */
  code?: string;
  /** For `unknown` and `notSent`: why, in words. */
  reason?: string;
}

/** Where every part of an upload stands. Every part is in exactly one list. */
export interface UploadReport {
  campaign: string;
  /** The platform answered `1` (now or in an earlier run). */
  accepted: PartReport[];
  /** Sent, no answer: the platform may hold it. Check before sending it again. */
  unknown: PartReport[];
  /** Not on the platform: not sent, not fully sent, or refused by an answer (`0`, HTTP 500…). */
  notSent: PartReport[];
}

/** A part the run knows before sending: its report fields and its journal key. */
export interface PlannedPart {
  filename: string;
  cant: number;
  bytes: number;
  lines?: { first: number; last: number } | undefined;
  key: string;
}

type Standing = 'pending' | 'accepted' | 'unknown' | 'not-sent';

interface Slot {
  part: PlannedPart;
  standing: Standing;
  extra: Pick<PartReport, 'earlier' | 'skipped' | 'code' | 'reason'>;
}

/** What an {@link UploadRun} needs. */
export interface UploadRunOptions {
  journal: UploadJournal;
  baseUrl: string;
  campaign: string;
  /** The upload's base name (the parts are `filename_part01`…). */
  filename: string;
  /** @default 'stop' */
  onUnknown?: UnknownPolicy | undefined;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `leads_part03 (50000 contacts, lines 100002–150001)` */
export function describePart(part: Pick<PartReport, 'filename' | 'cant' | 'lines'>): string {
  const lines = part.lines === undefined ? '' : `, lines ${part.lines.first}–${part.lines.last}`;
  return `${part.filename} (${plural(part.cant, 'contact')}${lines})`;
}

/** See the file's comment. */
export class UploadRun {
  private readonly slots: Slot[] = [];
  private readonly journal: UploadJournal;
  private readonly baseUrl: string;
  private readonly campaign: string;
  private readonly filename: string;
  private readonly policy: UnknownPolicy;

  constructor(options: UploadRunOptions) {
    this.journal = options.journal;
    this.baseUrl = options.baseUrl;
    this.campaign = options.campaign;
    this.filename = options.filename;
    this.policy = options.onUnknown ?? 'stop';
  }

  /**
   * Reads the journal for every part: parts accepted (or skipped) before are settled and will
   * not be sent. Throws {@link UploadBaseError}, sending nothing, with `OUTCOME_UNKNOWN` when a
   * part's outcome is unknown and the policy is `stop`, and with `UPLOAD_CHANGED` when an earlier
   * run of this upload (same name, campaign, instance) put parts on the platform that this one
   * does not have (the list was split differently or changed): sending would load their contacts twice.
   */
  async plan(parts: readonly PlannedPart[]): Promise<void> {
    await this.checkSameParts(parts);
    const unknown: Slot[] = [];
    for (const part of parts) {
      const entry = await this.journal.get(part.key);
      const slot: Slot = { part, standing: 'pending', extra: {} };
      this.slots.push(slot);
      if (entry?.state === 'accepted') {
        slot.standing = 'accepted';
        slot.extra = { earlier: true };
      } else if (entry?.state === 'skipped') {
        slot.standing = 'unknown';
        slot.extra = { skipped: true, reason: `skipped on ${entry.at} (its outcome was unknown and someone chose not to send it again)` };
      } else if (entry?.state === 'sending' || entry?.state === 'unknown') {
        const reason = `sent on ${entry.at} with no answer${entry.reason === undefined ? ' (the run ended while it was in flight)' : ` (${entry.reason})`}`;
        if (this.policy === 'stop') {
          slot.standing = 'unknown';
          slot.extra = { code: 'OUTCOME_UNKNOWN', reason };
          unknown.push(slot);
        } else if (this.policy === 'skip') {
          await this.write(part, 'skipped', `skipped by choice; earlier: ${reason}`);
          slot.standing = 'unknown';
          slot.extra = { skipped: true, reason: `skipped by choice: ${reason}` };
        }
      }
    }
    if (unknown.length === 0) return;
    for (const slot of this.slots) {
      if (slot.standing === 'pending') this.settle(slot, 'not-sent', { reason: 'not sent: parts with an unknown outcome must be checked first' });
    }
    const names = unknown.map((s) => describePart(s.part)).join(', ');
    throw this.error(
      'OUTCOME_UNKNOWN',
      `nothing was sent: ${plural(unknown.length, 'part')} of an earlier run may already be on the platform (${names}): the request was sent and no answer came. Check the platform, then run again choosing to resend them (onUnknown: 'resend') or to skip them (onUnknown: 'skip')`,
      unknown[0]!.part.filename,
    );
  }

  /** `UPLOAD_CHANGED` when earlier parts of this upload that may be on the platform are not among `parts`. */
  private async checkSameParts(parts: readonly PlannedPart[]): Promise<void> {
    const key = await uploadKey({ baseUrl: this.baseUrl, campaign: this.campaign, filename: this.filename });
    const keys = new Set(parts.map((p) => p.key));
    const earlier = (await this.journal.get(key))?.parts ?? [];
    const held: JournalEntry[] = [];
    for (const old of earlier) {
      if (keys.has(old)) continue;
      const entry = await this.journal.get(old);
      if (entry !== undefined && entry.state !== 'refused' && entry.state !== 'not-sent') held.push(entry);
    }
    if (held.length > 0) {
      for (const part of parts) this.slots.push({ part, standing: 'not-sent', extra: { code: 'UPLOAD_CHANGED', reason: 'not sent: an earlier run of this upload differs' } });
      const names = held.map((e) => `${e.filename} (${e.state})`).join(', ');
      throw this.error(
        'UPLOAD_CHANGED',
        `nothing was sent: an earlier run of upload ${this.filename} to ${this.campaign} left parts on the platform that this run does not have — ${names} — because the list or its split (maxLines) changed; sending would load their contacts twice. Upload the same list the same way to finish it, or give this one another file name`,
        held[0]!.filename,
      );
    }
    await this.journal.record({
      key,
      state: 'planned',
      baseUrl: this.baseUrl,
      campaign: this.campaign,
      filename: this.filename,
      cant: parts.reduce((n, p) => n + p.cant, 0),
      at: new Date().toISOString(),
      // the parts of every run so far stay listed, so a third run is checked against the first too
      parts: [...new Set([...earlier, ...parts.map((p) => p.key)])],
    });
  }

  /** True when part `index` is to be sent (not settled by the journal or an earlier failure). */
  shouldSend(index: number): boolean {
    return this.slots[index]?.standing === 'pending';
  }

  /** True when any part is still to be sent. */
  get pending(): boolean {
    return this.slots.some((s) => s.standing === 'pending');
  }

  /**
   * Sends part `index` with `body` (its form-encoded request), recording `sending` first and the
   * outcome after. On failure every part still pending becomes `notSent` and the
   * {@link UploadBaseError} (with the report) is thrown.
   */
  async send(session: Session, index: number, body: Uint8Array, options: { signal?: AbortSignal | undefined; timeoutMs?: number | undefined } = {}): Promise<void> {
    const slot = this.slots[index]!;
    const { part } = slot;
    if (options.signal?.aborted) this.fail(slot, 'not-sent', 'ABORTED', 'interrupted before it was sent');
    await this.write(part, 'sending');
    let answer: string;
    try {
      answer = await integraPost(session, PATH, body, {
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      });
    } catch (error) {
      if (!isIntegraError(error)) throw error;
      // the request's message without its own "ucbridge CODE: ", which the upload's error adds again
      const detail = error.message.replace(/^ucbridge [A-Z_]+: /, '');
      if (error.outcomeUnknown) this.settle(slot, 'unknown', { code: error.code, reason: detail });
      await this.write(part, error.outcomeUnknown ? 'unknown' : error.status !== undefined ? 'refused' : 'not-sent', `${error.code}: ${detail}`);
      return this.fail(slot, error.outcomeUnknown ? 'unknown' : 'not-sent', error.code, detail, error);
    }
    if (answer.trim() !== '1') {
      const said = answer.trim() === '0' ? 'answered 0' : `answered something other than 1 (${answer.length} characters)`;
      await this.write(part, 'refused', `UPLOAD_REFUSED: ${said}`);
      return this.fail(slot, 'not-sent', 'UPLOAD_REFUSED', `${PATH} ${said}: the part was not accepted`);
    }
    // settled before it is recorded: if the journal cannot be written now, the report still says
    // what the platform answered (and the journal's `sending` makes a re-run stop on it)
    this.settle(slot, 'accepted', {});
    await this.write(part, 'accepted');
  }

  /** Marks every pending part `notSent` with `reason` (an interrupt, a failure elsewhere). */
  stop(code: string, reason: string): void {
    for (const slot of this.slots) if (slot.standing === 'pending') this.settle(slot, 'not-sent', { code, reason });
  }

  /** Where every part stands now. */
  report(): UploadReport {
    const of = (standing: Standing): PartReport[] =>
      this.slots.filter((s) => s.standing === standing).map(({ part, extra }) => ({
        filename: part.filename,
        cant: part.cant,
        bytes: part.bytes,
        ...(part.lines === undefined ? {} : { lines: part.lines }),
        ...extra,
      }));
    // pending parts (a report taken mid-run) are not sent yet
    return { campaign: this.campaign, accepted: of('accepted'), unknown: of('unknown'), notSent: [...of('not-sent'), ...of('pending')] };
  }

  private settle(slot: Slot, standing: Standing, extra: Slot['extra']): void {
    slot.standing = standing;
    slot.extra = extra;
  }

  private fail(slot: Slot, standing: 'unknown' | 'not-sent', code: string, message: string, cause?: IntegraError): never {
    this.settle(slot, standing, { code, reason: message });
    const where = describePart(slot.part);
    this.stop('NOT_SENT', `not sent: the upload stopped at ${slot.part.filename}`);
    const accepted = this.report().accepted.map((p) => p.filename);
    const tail = `; accepted: ${accepted.length === 0 ? 'none' : accepted.join(', ')}`;
    const what = standing === 'unknown' ? `${where}: outcome unknown, it may be on the platform (check before retrying)` : `${where} was not accepted`;
    throw this.error((cause?.code ?? code) as IntegraError['code'], `${message} — ${what}${tail}`, slot.part.filename, cause);
  }

  private error(code: IntegraError['code'], message: string, failedPart: string, cause?: IntegraError): UploadBaseError {
    const report = this.report();
    return new UploadBaseError(code, message, {
      accepted: report.accepted.map(({ filename, cant, bytes }) => ({ filename, cant, bytes })),
      failedPart,
      report,
      ...(cause === undefined ? {} : { cause }),
      ...(cause?.status === undefined ? {} : { status: cause.status }),
      outcomeUnknown: report.unknown.some((p) => p.skipped !== true),
    });
  }

  private write(part: PlannedPart, state: PartState, reason?: string): Promise<void> {
    const entry: JournalEntry = {
      key: part.key,
      state,
      baseUrl: this.baseUrl,
      campaign: this.campaign,
      filename: part.filename,
      cant: part.cant,
      at: new Date().toISOString(),
      ...(reason === undefined ? {} : { reason }),
    };
    return this.journal.record(entry);
  }
}
