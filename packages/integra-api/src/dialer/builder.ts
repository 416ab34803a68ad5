/**
 * Streaming preparation of a dialer base: contacts go in one at a time, are checked, and
 * their lines are written as UTF-8 bytes into shared 1 MiB blocks, cut into parts of at most
 * `maxLines` lines. Nothing holds a string per contact: lines are gathered into a ~64 K
 * character batch and encoded at once, so V8 ropes (from `+`) live only until that batch is
 * written, and the text never exists as one string (V8's length limit is hit near 5 M rows).
 */
import { IntegraError } from '../errors.js';
import { contactLine } from './contact-line.js';
import { writeByteString } from './node-buffer.js';
import { MAX_FILENAME_LENGTH, checkCampaign, checkFilename } from './rules.js';
import type { ContactProblem, DialerBase, DialerBasePart, DialerContact } from './types.js';

/**
 * Appends a line that was already checked, given as a byte string (each character one byte of
 * its UTF-8), so a caller that read UTF-8 as Latin-1 writes the bytes back unchanged with no
 * decoding or encoding: the CLI's fast path. Deliberately a symbol, not part of the public API
 * (it skips validation).
 */
export const addCheckedByteLine = Symbol('addCheckedByteLine');

/** Lines per upload when `maxLines` is not given: ~3 MB files, 20 uploads for a million contacts. */
export const DEFAULT_MAX_LINES = 50_000;
/** Problems kept when `maxProblems` is not given (all are counted). */
export const DEFAULT_MAX_PROBLEMS = 1_000;

const DEFAULT_BLOCK_BYTES = 1 << 20;
const BATCH_CHARS = 1 << 16;

/** What a {@link DialerBaseBuilder} needs. */
export interface DialerBaseOptions {
  /** Campaign name, first field of every line, `<-`/`->` included as is. */
  campaign: string;
  /** File name: ≤ 50 of `[A-Za-z0-9_-]`, not starting with R. Parts get `_part01`, `_part02`, … */
  filename: string;
  /** Most lines per upload; more contacts are split into parts. @default 50000 */
  maxLines?: number;
  /** Most problems kept in {@link DialerBase.problems}; all are counted. @default 1000 */
  maxProblems?: number;
  /** Size of the memory blocks the lines are written into, in bytes (≥ 16). @default 1048576 */
  blockBytes?: number;
  /**
   * Streaming: each part is handed here as soon as it is complete and is not kept, so the
   * builder holds at most the part being written (and the caller what it keeps). `finish()`
   * then returns the parts without their bytes (`chunks` empty). @default parts are kept
   */
  onPart?: (part: StreamedPart) => void;
}

/** A complete part handed to {@link DialerBaseOptions.onPart}; named with {@link partName}. */
export interface StreamedPart {
  /** 0-based position of the part in the upload. */
  index: number;
  cant: number;
  bytes: number;
  chunks: readonly Uint8Array[];
  lines: { first: number; last: number } | undefined;
}

interface OpenPart {
  chunks: Uint8Array[];
  cant: number;
  bytes: number;
  firstLine: number;
  lastLine: number;
}

const emptyPart = (): OpenPart => ({ chunks: [], cant: 0, bytes: 0, firstLine: 0, lastLine: 0 });

/**
 * The file name of part `index` (0-based) of `count`: the base name alone for one part, else
 * `name_part01`, `name_part02`, … (at least two digits, more when there are ≥ 100 parts).
 */
export function partName(filename: string, index: number, count: number): string {
  if (count === 1) return filename;
  const width = Math.max(2, String(count).length);
  return `${filename}_part${String(index + 1).padStart(width, '0')}`;
}

/**
 * The longest part name of an upload `filename` in `count` parts when it is longer than the
 * platform takes (50 characters), else `undefined`: the one rule behind `finish()`'s refusal.
 */
export function tooLongPartName(filename: string, count: number): string | undefined {
  const longest = partName(filename, count - 1, count);
  return longest.length > MAX_FILENAME_LENGTH ? longest : undefined;
}

/**
 * Validates and encodes contacts as they come: `add()` each, then `finish()`. Use it to
 * stream a file (the CLI does); {@link uploadBase} uses it for arrays and iterables.
 *
 * @throws IntegraError `INVALID_ARGUMENT` from the constructor for a bad campaign, file name,
 *   `maxLines` or `maxProblems`, and from `finish()` when the part names would be too long.
 */
export class DialerBaseBuilder {
  readonly campaign: string;
  readonly filename: string;
  readonly maxLines: number;
  readonly maxProblems: number;
  private readonly blockBytes: number;
  private readonly prefix: string;
  private readonly encoder = new TextEncoder();
  private readonly kept: ContactProblem[] = [];
  private readonly found: ContactProblem[] = [];
  private readonly parts: OpenPart[] = [];
  private readonly onPart: ((part: StreamedPart) => void) | undefined;
  private part: OpenPart = emptyPart();
  private block = new Uint8Array(0);
  private blockPos = 0;
  private partStart = 0;
  private batch = '';
  /** The batch holds byte strings (from {@link addCheckedByteLine}), not text. */
  private batchIsBytes = false;
  private counted = 0;
  private seenCount = 0;
  private validCount = 0;
  private finished = false;

  constructor(options: DialerBaseOptions) {
    const { campaign, filename, maxLines = DEFAULT_MAX_LINES, maxProblems = DEFAULT_MAX_PROBLEMS, blockBytes = DEFAULT_BLOCK_BYTES } = options;
    const reason = checkCampaign(campaign) ?? checkFilename(filename);
    if (reason !== undefined) throw new IntegraError('INVALID_ARGUMENT', reason);
    if (!Number.isSafeInteger(maxLines) || maxLines < 1) {
      throw new IntegraError('INVALID_ARGUMENT', 'maxLines must be a whole number ≥ 1');
    }
    if (!Number.isSafeInteger(maxProblems) || maxProblems < 0) {
      throw new IntegraError('INVALID_ARGUMENT', 'maxProblems must be a whole number ≥ 0');
    }
    if (!Number.isSafeInteger(blockBytes) || blockBytes < 16) {
      throw new IntegraError('INVALID_ARGUMENT', 'blockBytes must be a whole number ≥ 16');
    }
    this.blockBytes = blockBytes;
    this.campaign = campaign;
    this.filename = filename;
    this.maxLines = maxLines;
    this.maxProblems = maxProblems;
    this.prefix = `${campaign};`;
    this.onPart = options.onPart;
  }

  /** Contacts given so far. */
  get seen(): number {
    return this.seenCount;
  }

  /** Valid contacts so far (each has its line in a part). */
  get contacts(): number {
    return this.validCount;
  }

  /** Problems found so far. */
  get problemCount(): number {
    return this.counted;
  }

  /**
   * Checks `contact` and, when valid, appends its line. `line` is the 1-based file line it came
   * from, for problem reports. Returns `true` when the contact was valid.
   */
  add(contact: DialerContact, line?: number): boolean {
    if (this.finished) throw new IntegraError('INVALID_ARGUMENT', 'add() after finish()');
    const index = this.seenCount++;
    const text = contactLine(this.prefix, contact, index, line, this.found);
    if (text === undefined) {
      for (const p of this.found) this.report(p);
      this.found.length = 0;
      return false;
    }
    this.validCount++;
    this.append(text, false, line);
    return true;
  }

  /** See {@link addCheckedByteLine}; `fileLine` as for {@link add}. */
  [addCheckedByteLine](line: string, fileLine?: number): void {
    if (this.finished) throw new IntegraError('INVALID_ARGUMENT', 'add() after finish()');
    this.seenCount++;
    this.validCount++;
    this.append(line, true, fileLine);
  }

  private append(text: string, isBytes: boolean, fileLine: number | undefined): void {
    if (this.part.cant === this.maxLines) this.closePart();
    if (fileLine !== undefined) {
      if (this.part.cant === 0) this.part.firstLine = fileLine;
      this.part.lastLine = fileLine;
    }
    if (isBytes !== this.batchIsBytes) {
      this.flush();
      this.batchIsBytes = isBytes;
    }
    this.batch = this.part.cant === 0 ? text : `${this.batch}\n${text}`;
    this.part.cant++;
    if (this.batch.length >= BATCH_CHARS) this.flush();
  }

  /**
   * Records a problem found outside a contact (a CSV row with the wrong number of fields, a
   * bad header). It counts like any other: nothing may be sent. Counts as a contact seen when
   * `countsAsContact` (a row that could not become a contact).
   */
  addProblem(problem: Omit<ContactProblem, 'index'> & { index?: number }, countsAsContact = false): void {
    const index = problem.index ?? (countsAsContact ? this.seenCount : Math.max(0, this.seenCount - 1));
    if (countsAsContact) this.seenCount++;
    this.report({ ...problem, index });
  }

  /** Ends the input and returns the base: parts named, problems listed. */
  finish(): DialerBase {
    if (!this.finished) {
      this.finished = true;
      if (this.part.cant > 0) this.closePart();
      this.block = new Uint8Array(0);
    }
    const count = this.parts.length;
    const names = this.parts.map((_, i) => partName(this.filename, i, count));
    const longest = count === 0 ? undefined : tooLongPartName(this.filename, count);
    if (longest !== undefined) {
      throw new IntegraError(
        'INVALID_ARGUMENT',
        `filename ${this.filename} is too long to split into ${count} parts (${longest} has more than ${MAX_FILENAME_LENGTH} characters): use a shorter name or a larger maxLines`,
      );
    }
    const parts: DialerBasePart[] = this.parts.map((p, i) => ({
      filename: names[i]!,
      cant: p.cant,
      bytes: p.bytes,
      chunks: p.chunks,
      ...(p.firstLine > 0 ? { lines: { first: p.firstLine, last: p.lastLine } } : {}),
    }));
    return {
      campaign: this.campaign,
      filename: this.filename,
      contacts: this.validCount,
      seen: this.seenCount,
      parts,
      problems: this.kept.slice(),
      problemCount: this.counted,
    };
  }

  private report(problem: ContactProblem): void {
    this.counted++;
    if (this.kept.length < this.maxProblems) this.kept.push(problem);
  }

  /** Writes the batch of lines into blocks as UTF-8 (byte strings as they are). */
  private flush(): void {
    let text = this.batch;
    this.batch = '';
    if (this.batchIsBytes) {
      while (text.length > 0) {
        if (this.blockPos === this.block.length) this.newBlock();
        const n = Math.min(text.length, this.block.length - this.blockPos);
        writeByteString(this.block, this.blockPos, text, n);
        this.blockPos += n;
        text = n === text.length ? '' : text.slice(n);
      }
      return;
    }
    while (text.length > 0) {
      if (this.blockPos === this.block.length) this.newBlock();
      const { read, written } = this.encoder.encodeInto(text, this.block.subarray(this.blockPos));
      this.blockPos += written;
      if (read === text.length) return;
      // block full (or too full for the next character)
      this.newBlock();
      text = text.slice(read);
    }
  }

  /** Starts a new block, first keeping what the current part has in the old one. */
  private newBlock(): void {
    this.seal();
    this.block = new Uint8Array(this.blockBytes);
    this.blockPos = 0;
    this.partStart = 0;
  }

  /** Adds the current part's bytes of the current block to the part. */
  private seal(): void {
    if (this.blockPos > this.partStart) {
      this.part.chunks.push(this.block.subarray(this.partStart, this.blockPos));
      this.part.bytes += this.blockPos - this.partStart;
      this.partStart = this.blockPos;
    }
  }

  private closePart(): void {
    this.flush();
    this.seal();
    const part = this.part;
    this.part = emptyPart();
    if (this.onPart === undefined) {
      this.parts.push(part);
      return;
    }
    // streaming: keep only what finish() reports; the bytes go to the caller
    this.parts.push({ ...part, chunks: [] });
    const lines = part.firstLine > 0 ? { first: part.firstLine, last: part.lastLine } : undefined;
    this.onPart({ index: this.parts.length - 1, cant: part.cant, bytes: part.bytes, chunks: part.chunks, lines });
  }
}
