/**
 * A file on disk → rows of fields with their line numbers, streaming. The bytes are read in
 * 64 KiB chunks and decoded in the file's encoding (`encoding.ts`), the BOM is dropped from the bytes (decoded, U+FEFF would make V8 keep each
 * chunk at two bytes per character), and each chunk is decoded once and handed to papaparse's
 * core parser (`Papa.Parser`) whole: its fast path splits a chunk without quotes in native
 * code, and rows come back as plain arrays with no per-row callback or result object. The last,
 * maybe incomplete row of a chunk is kept and parsed again with the next chunk.
 *
 * Line ends: `\n` splits rows and a `\r` before it is dropped, so CRLF, LF and mixed files all
 * read alike; a file with only `\r` (old Mac) is split on `\r`.
 */
import { createReadStream } from 'node:fs';
import Papa from 'papaparse';
import { IntegraError } from '../errors.js';
import { createChunkDecoder, type TextEncodingName } from './encoding.js';

const CHUNK_BYTES = 1 << 16;
/** An incomplete row longer than this is a quote that is never closed (it would swallow the file). */
const MAX_ROW_CHARS = 8 << 20;
const CR = 13;

/** Why a row could not be read; the rows after a `fatal` one are not read. */
export interface BrokenRow {
  line: number;
  reason: string;
  fatal: boolean;
}

/** What {@link readCsvRows} needs. */
export interface CsvRowsOptions {
  path: string;
  /** `latin1` for UTF-8 read as byte strings (the CLI's fast path). */
  encoding: TextEncodingName | 'latin1';
  /** Bytes of byte order mark to skip. @default 3 when the file starts with a UTF-8 one, else 0 */
  bomBytes?: number | undefined;
  delimiter: string;
  /** `false` for files without quoting (the platform's line format): `"` is an ordinary character. */
  quotes: boolean;
  /** `\r` only for files whose lines end with a lone CR. @default '\n' */
  newline?: '\n' | '\r';
  signal?: AbortSignal | undefined;
  /** Each row in order, with the 1-based line where it starts; return `false` to stop reading. */
  onRow: (fields: string[], line: number) => boolean | void;
  /** A row papaparse could not read; return `false` to stop reading (a fatal one always stops). */
  onBroken: (broken: BrokenRow) => boolean | void;
  /** After each chunk, with the bytes read so far; reading waits for a returned promise. */
  onChunk?: (bytesRead: number) => void | Promise<void>;
}

const REST_UNREAD = '; the rest of the file was not read';
const UNCLOSED = `a quoted field is never closed (a missing ")${REST_UNREAD}`;
const BAD_CLOSE = 'a closing quote is followed by other characters (write "" for a quote inside a quoted field)';

/** Line breaks inside a row's fields (quoted multi-line values), so line numbers stay right. */
function extraLines(fields: readonly string[]): number {
  let n = 0;
  for (let f = 0; f < fields.length; f++) {
    const field = fields[f]!;
    for (let i = field.indexOf('\n'); i >= 0; i = field.indexOf('\n', i + 1)) n++;
  }
  return n;
}

/** `\n`s in `text` before `end`. */
function lineBreaks(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Reads every row of the file; resolves when done or stopped, rejects for I/O and `ABORTED`. */
export async function readCsvRows(options: CsvRowsOptions): Promise<void> {
  const { onRow, onBroken, onChunk, signal } = options;
  const newline = options.newline ?? '\n';
  const parser = new Papa.Parser({ delimiter: options.delimiter, newline, ...(options.quotes ? {} : { fastMode: true }) });
  const decoder = createChunkDecoder(options.encoding);
  const input = createReadStream(options.path, { highWaterMark: CHUNK_BYTES });
  let pending = '';
  let line = 1;
  let first = true;

  /** Parses `pending` (all of it when `last`); `false` when reading must stop. */
  const feed = (last: boolean): boolean => {
    if (pending === '') return true;
    const result = parser.parse(pending, 0, !last) as Papa.ParseResult<string[]>;
    const rows = result.data;
    const errors = result.errors;
    // errors name the row (index in this chunk's rows) they belong to; a row past the end was
    // the incomplete last one, parsed again with the next chunk
    let e = 0;
    // a field can hold a line break only inside quotes; and when the text read holds as many
    // line breaks as rows, none does (counting them is a native indexOf, not a look at every field)
    const consumed = last ? pending.length : (result.meta.cursor as number);
    const ended = last && !pending.endsWith('\n') ? 1 : 0; // the file's last row may have no line break
    const multiline = options.quotes && newline === '\n' && pending.indexOf('"') >= 0 && lineBreaks(pending, consumed) + ended !== rows.length;
    for (let r = 0; r < rows.length; r++) {
      const fields = rows[r]!;
      const at = line;
      line += multiline ? 1 + extraLines(fields) : 1;
      const end = fields.length - 1;
      const lastField = fields[end]!;
      if (lastField.length > 0 && lastField.charCodeAt(lastField.length - 1) === CR) fields[end] = lastField.slice(0, -1);
      if (e < errors.length && errors[e]!.row === r) {
        let fatal = false;
        let badClose = false;
        for (; e < errors.length && errors[e]!.row === r; e++) {
          if (errors[e]!.code === 'MissingQuotes') fatal = true;
          else badClose = true;
        }
        // after a bad closing quote papaparse looks for the next quote, which may be lines later
        const runOn = fatal ? REST_UNREAD : line - at > 1 ? `; the field runs on to line ${line - 1}, which was not checked` : '';
        const reason = badClose ? `${BAD_CLOSE}${runOn}` : UNCLOSED;
        if (onBroken({ line: at, reason, fatal }) === false || fatal) return false;
        continue;
      }
      if (onRow(fields, at) === false) return false;
    }
    pending = last ? '' : pending.slice(result.meta.cursor);
    if (pending.length > MAX_ROW_CHARS) {
      onBroken({ line, reason: UNCLOSED, fatal: true });
      return false;
    }
    return true;
  };

  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      if (signal?.aborted) throw new IntegraError('ABORTED', 'aborted while reading the file; nothing was sent');
      let bytes = chunk;
      if (first) {
        first = false;
        const utf8Bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
        bytes = bytes.subarray(options.bomBytes ?? (utf8Bom ? 3 : 0));
      }
      const text = decoder.write(bytes);
      pending = pending === '' ? text : pending + text;
      if (!feed(false)) return;
      await onChunk?.(input.bytesRead);
    }
    if (signal?.aborted) throw new IntegraError('ABORTED', 'aborted while reading the file; nothing was sent');
    pending += decoder.end();
    feed(true);
  } finally {
    input.destroy();
  }
}

