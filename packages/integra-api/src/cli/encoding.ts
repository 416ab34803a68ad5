/**
 * Which text encoding a contact file is in, and how to decode it. What can be known is known:
 * a byte order mark names UTF-8, UTF-16LE or UTF-16BE; without one, a file whose bytes are all
 * valid UTF-8 is UTF-8 (Node's native `isUtf8`, about 15 ms for 60 MB), a file with NUL bytes
 * at every other position is UTF-16, and any other file is Windows-1252, the code page of
 * Excel's "CSV" on Spanish and English Windows. That choice is reported, never silent.
 *
 * What cannot be fixed by an option is refused line by line, with words that work when
 * followed: a file that mixes UTF-8 lines with lines that are not UTF-8 (pieced together from
 * two sources), an `--encoding` that contradicts the byte order mark, and `--encoding
 * windows-1252` on lines that hold UTF-8 (they would be uploaded as `JosÃ©`).
 *
 * `latin1` is read as Windows-1252, as the WHATWG Encoding Standard (and so every browser)
 * does: the two differ only in 0x80–0x9F, which Latin-1 makes control characters no contact
 * file holds and Windows-1252 makes `€ “ ” – …`.
 */
import { isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import iconv from 'iconv-lite';

/** The encodings the CLI reads. */
export type TextEncodingName = 'utf8' | 'utf16le' | 'utf16be' | 'windows-1252';
/** What `--encoding` takes. */
export const ENCODING_OPTIONS = ['auto', 'utf8', 'utf16le', 'utf16be', 'windows-1252', 'latin1'] as const;
/** One of {@link ENCODING_OPTIONS}. */
export type EncodingOption = (typeof ENCODING_OPTIONS)[number];

/** The encoding chosen and why. */
export interface EncodingChoice {
  encoding: TextEncodingName;
  /** `bom`: named by the byte order mark; `detected`: from the bytes; `option`: `--encoding`. */
  source: 'bom' | 'detected' | 'option';
  /** Bytes of byte order mark to skip (0, 2 or 3). */
  bomBytes: number;
  /** How it was chosen, in words, for the report. */
  note: string;
}

/** A line the chosen encoding cannot read truly. */
export interface EncodingProblem {
  line: number;
  reason: string;
}

const LABELS: Record<TextEncodingName, string> = { utf8: 'UTF-8', utf16le: 'UTF-16LE', utf16be: 'UTF-16BE', 'windows-1252': 'Windows-1252' };
/** The encoding's name for people. */
export const encodingLabel = (encoding: TextEncodingName): string => LABELS[encoding];

const CHUNK = 1 << 20;
const HEAD = 1 << 12;
/** Bytes of a line looked at when sorting lines. */
const LINE_BYTES = 4096;
/** Lines listed at most per kind (all are counted). */
const MAX_LINES = 1000;

/** Something that turns byte chunks into text, keeping a character cut between chunks. */
export interface ChunkDecoder {
  write(bytes: Buffer): string;
  end(): string;
}

/**
 * A streaming decoder for `encoding`; `'latin1'` gives one character per byte (the CLI's
 * UTF-8 fast path reads bytes that way). It does not skip a byte order mark: skip `bomBytes`.
 */
export function createChunkDecoder(encoding: TextEncodingName | 'latin1'): ChunkDecoder {
  if (encoding === 'utf8' || encoding === 'latin1' || encoding === 'utf16le') return new StringDecoder(encoding);
  const decoder = iconv.getDecoder(encoding === 'utf16be' ? 'utf16be' : 'windows1252', { stripBOM: false });
  return { write: (bytes) => decoder.write(bytes), end: () => decoder.end() ?? '' };
}

/** Chooses the encoding of the file at `path` (see the module comment); reads it once when no byte order mark decides. */
export async function chooseEncoding(path: string, option: EncodingOption = 'auto'): Promise<{ choice: EncodingChoice; problems: EncodingProblem[] }> {
  const head = await readStart(path);
  const forced: TextEncodingName | undefined = option === 'auto' ? undefined : option === 'latin1' ? 'windows-1252' : option;
  const asked = option === 'latin1' ? '--encoding latin1 (read as Windows-1252, as browsers do)' : `--encoding ${option}`;
  const bom = bomOf(head);
  if (bom !== undefined) {
    const choice: EncodingChoice = { encoding: bom.encoding, source: 'bom', bomBytes: bom.bytes, note: `${encodingLabel(bom.encoding)} (byte order mark)` };
    if (forced !== undefined && forced !== bom.encoding) {
      return { choice, problems: [{ line: 1, reason: `the file starts with a ${encodingLabel(bom.encoding)} byte order mark, so it is ${encodingLabel(bom.encoding)}, not ${encodingLabel(forced)}: leave out --encoding ${option}` }] };
    }
    if (bom.encoding !== 'utf8') return { choice, problems: [] };
    if (await allUtf8(path, bom.bytes)) return { choice, problems: [] };
    const lines = await classifyLines(path, bom.bytes);
    choice.note = `UTF-8 (byte order mark; ${lines.invalidCount} line${lines.invalidCount === 1 ? ' is' : 's are'} not valid UTF-8)`;
    return { choice, problems: lines.invalid.map((line) => ({ line, reason: notUtf8Reason(lines, line, 'although the file starts with a UTF-8 byte order mark') })) };
  }
  if (forced === 'utf16le' || forced === 'utf16be') {
    const choice: EncodingChoice = { encoding: forced, source: 'option', bomBytes: 0, note: `${encodingLabel(forced)} (${asked})` };
    // UTF-16 puts a NUL beside every ASCII character (the digits of every phone): a file with no
    // NUL, or with them on the other side, is not this encoding, and reading it so gives garbage
    const other = utf16Without(head);
    const wrong = !head.includes(0) ? 'it holds no NUL byte, which UTF-16 has beside every digit and ASCII letter' : other !== undefined && other !== forced ? `its NUL bytes say ${encodingLabel(other)}` : undefined;
    if (wrong === undefined) return { choice, problems: [] };
    return { choice, problems: [{ line: 1, reason: `the file is not ${encodingLabel(forced)} (${wrong}): leave out --encoding ${option} to have it detected` }] };
  }
  if (forced === undefined) {
    const utf16 = utf16Without(head);
    if (utf16 !== undefined) return { choice: { encoding: utf16, source: 'detected', bomBytes: 0, note: `${encodingLabel(utf16)} (no byte order mark; a NUL byte beside every ASCII character)` }, problems: [] };
  }
  if (forced === undefined || forced === 'utf8') {
    const utf8: EncodingChoice = { encoding: 'utf8', source: forced === undefined ? 'detected' : 'option', bomBytes: 0, note: forced === undefined ? 'UTF-8 (no byte order mark; every byte sequence is valid UTF-8)' : `UTF-8 (${asked})` };
    if (await allUtf8(path, 0)) return { choice: utf8, problems: [] };
    const lines = await classifyLines(path, 0);
    if (lines.utf8Count === 0 && forced === undefined) {
      const note = `Windows-1252 (no byte order mark; line ${lines.invalid[0]} is not valid UTF-8, so the file was read as Windows-1252; --encoding to choose another)`;
      return { choice: { encoding: 'windows-1252', source: 'detected', bomBytes: 0, note }, problems: [] };
    }
    const why = forced === 'utf8' ? `(${asked} was given)` : '';
    utf8.note = `UTF-8 (${forced === undefined ? 'no byte order mark; ' : `${asked}; `}${lines.invalidCount} line${lines.invalidCount === 1 ? ' is' : 's are'} not valid UTF-8)`;
    return { choice: utf8, problems: lines.invalid.map((line) => ({ line, reason: notUtf8Reason(lines, line, why) })) };
  }
  // windows-1252 (or latin1) was asked for: refuse the lines it would turn into mojibake
  const choice: EncodingChoice = { encoding: 'windows-1252', source: 'option', bomBytes: 0, note: `Windows-1252 (${asked})` };
  if (await allAscii(path)) return { choice, problems: [] };
  const lines = await classifyLines(path, 0);
  if (lines.utf8Count === 0) return { choice, problems: [] };
  const whole = lines.invalidCount === 0 ? `the file is UTF-8: leave out --encoding ${option}` : mixedAdvice;
  return {
    choice,
    problems: lines.utf8.map((line) => ({ line, reason: `holds UTF-8 text, which ${asked} would upload as ${JSON.stringify(lines.samples.get(line) ?? '')}; ${whole}` })),
  };
}

const mixedAdvice = 'the file mixes UTF-8 lines with lines that are not UTF-8 (pieced together from two sources?), and no encoding option reads both: correct the accented letters of the lines that are not UTF-8 in an editor and save the file as UTF-8';

function notUtf8Reason(lines: LineClasses, line: number, why: string): string {
  const sample = lines.samples.get(line);
  const seen = sample === undefined ? '' : ` (as Windows-1252 it reads ${JSON.stringify(sample)})`;
  if (lines.utf8Count > 0) return `not valid UTF-8${seen}${why === '' ? '' : `, ${why}`}, while line ${lines.utf8[0]} and others are UTF-8: ${mixedAdvice}`;
  return `not valid UTF-8${seen}${why === '' ? '' : ` ${why}`}: the file is not UTF-8; use --encoding windows-1252 (or leave --encoding out to have it detected)`;
}

async function readStart(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD);
    const { bytesRead } = await handle.read(buffer, 0, HEAD, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function bomOf(head: Buffer): { encoding: TextEncodingName; bytes: number } | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf8', bytes: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf16le', bytes: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf16be', bytes: 2 };
  return undefined;
}

/** UTF-16 without a byte order mark: text where every other byte is NUL (ASCII letters, digits, delimiters). */
function utf16Without(head: Buffer): TextEncodingName | undefined {
  const pairs = Math.floor(head.length / 2);
  if (pairs < 2) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (head[i] === 0) evenZero++;
    if (head[i + 1] === 0) oddZero++;
  }
  if (oddZero >= pairs * 0.6 && evenZero === 0) return 'utf16le';
  if (evenZero >= pairs * 0.6 && oddZero === 0) return 'utf16be';
  return undefined;
}

/** Calls `each` with the file's bytes from `start`, in 1 MiB chunks that are views of one buffer. */
async function forEachChunk(path: string, start: number, each: (bytes: Buffer) => boolean | void): Promise<void> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    let position = start;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, position);
      if (bytesRead === 0) return;
      position += bytesRead;
      if (each(buffer.subarray(0, bytesRead)) === false) return;
    }
  } finally {
    await handle.close();
  }
}

/** Whether every byte from `start` is valid UTF-8 (native check, chunk by chunk, with no copy but a cut character's ≤ 3 bytes). */
async function allUtf8(path: string, start: number): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    let position = start;
    let carried = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, carried, CHUNK - carried, position);
      const filled = carried + bytesRead;
      if (bytesRead === 0) return carried === 0;
      position += bytesRead;
      // a character cut at the chunk's end is checked with the next chunk
      const end = completeEnd(buffer.subarray(0, filled));
      if (!isUtf8(buffer.subarray(0, end))) return false;
      buffer.copy(buffer, 0, end, filled);
      carried = filled - end;
    }
  } finally {
    await handle.close();
  }
}

/** Whether the file is all ASCII (so any single-byte reading is the same). */
async function allAscii(path: string): Promise<boolean> {
  let ascii = true;
  await forEachChunk(path, 0, (chunk) => {
    for (let i = 0; i < chunk.length; i++) if (chunk[i]! >= 0x80) return (ascii = false);
  });
  return ascii;
}

/** The length of `bytes` without a UTF-8 character cut at its end. */
function completeEnd(bytes: Buffer): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes[n - back]!;
    if (b < 0x80) return n;
    if (b >= 0xc0) {
      const size = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return size > back ? n - back : n;
    }
  }
  return n;
}

/** Lines (1-based) that are not valid UTF-8, and lines that hold UTF-8 beyond ASCII, with a sample of each as Windows-1252. */
interface LineClasses {
  invalid: number[];
  invalidCount: number;
  utf8: number[];
  utf8Count: number;
  samples: Map<number, string>;
}

/** Sorts every line into ASCII, UTF-8 beyond ASCII, or not UTF-8 (a slower pass, only for files that need it). */
async function classifyLines(path: string, start: number): Promise<LineClasses> {
  const result: LineClasses = { invalid: [], invalidCount: 0, utf8: [], utf8Count: 0, samples: new Map() };
  let line = 1;
  let current: number[] = [];
  let wide = false;
  const endLine = (): void => {
    const whole = Buffer.from(current);
    // a line kept in part may end inside a character: judge only its complete characters
    const bytes = current.length === LINE_BYTES ? whole.subarray(0, completeEnd(whole)) : whole;
    if (wide) {
      const valid = isUtf8(bytes);
      const list = valid ? result.utf8 : result.invalid;
      if (valid) result.utf8Count++;
      else result.invalidCount++;
      if (list.length < MAX_LINES) {
        list.push(line);
        if (result.samples.size < MAX_LINES * 2) result.samples.set(line, shorten(iconv.decode(bytes, 'windows1252').replace(/\r$/, '')));
      }
    }
    current = [];
    wide = false;
  };
  await forEachChunk(path, start, (chunk) => {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b === 0x0a) {
        endLine();
        line++;
        continue;
      }
      if (b >= 0x80) wide = true;
      if (current.length < LINE_BYTES) current.push(b);
    }
  });
  endLine();
  return result;
}

const shorten = (text: string): string => (text.length > 60 ? `${text.slice(0, 57)}...` : text);
