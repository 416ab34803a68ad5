/**
 * What kind of file the user gave: an ordinary CSV export with a header row (comma, semicolon
 * or tab, as Excel's "Unicode text" writes), or a file already in the platform's line format
 * (`campaign;phone;...`, no header). Decided from the first line, before the real parse.
 */
import { open } from 'node:fs/promises';
import { createChunkDecoder, type TextEncodingName } from './encoding.js';

/**
 * Files people give for a CSV that are not text, by their first bytes, with what to do: an Excel
 * workbook read as CSV is a header of binary garbage whose "fixes" (--drop, --map) would fail.
 */
const NOT_TEXT: readonly { magic: readonly number[]; what: string; fix: string }[] = [
  { magic: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (an Excel .xlsx or OpenDocument .ods workbook?)', fix: 'open it in Excel (or LibreOffice) and save the sheet as "CSV UTF-8 (Comma delimited)", then upload that file' },
  { magic: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel workbook (.xls)', fix: 'open it in Excel and save the sheet as "CSV UTF-8 (Comma delimited)", then upload that file' },
  { magic: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document', fix: 'export the list from where it was made as CSV, then upload that file' },
  { magic: [0x1f, 0x8b], what: 'gzip-compressed', fix: 'decompress it first (gunzip), then upload the CSV inside' },
];

/** What `path` is when its first bytes say it is not text (`{ what, fix }`), else `undefined`. */
export async function notText(path: string): Promise<{ what: string; fix: string } | undefined> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    return NOT_TEXT.find(({ magic }) => bytesRead >= magic.length && magic.every((byte, i) => buffer[i] === byte));
  } finally {
    await handle.close();
  }
}

/** The two kinds of input file. */
export type FileFormat = 'csv' | 'lines';

/** The file's first line (BOM removed), its size, and what ends its lines. */
export interface FileHead {
  firstLine: string;
  size: number;
  /** About how many lines the file has, from the lines of its first 64 KiB (at least 1,024). */
  expectedLines: number;
  /** `\r` when the first line ends with a lone CR (old Mac files), else `\n` (LF or CRLF). */
  newline: '\n' | '\r';
}

const PHONE_LIKE = /^(?:[MWH]=[0-9]{1,3}=)?\+?[0-9]{3,20}$/;

/** Reads the first line (up to 64 KiB) of `path` in `encoding`, skipping `bomBytes`. */
export async function readHead(path: string, encoding: TextEncodingName, bomBytes: number): Promise<FileHead> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const buf = Buffer.alloc(Math.min(size, 1 << 16));
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const bytes = buf.subarray(bomBytes, bytesRead);
    const text = createChunkDecoder(encoding).write(bytes);
    const end = text.search(/\r?\n|\r/);
    const newline = end >= 0 && text[end] === '\r' && text[end + 1] !== '\n' && end + 1 < text.length ? '\r' : '\n';
    let lines = 0;
    for (let i = text.indexOf(newline); i >= 0; i = text.indexOf(newline, i + 1)) lines++;
    // a sample of whole lines gives bytes per line; the margin covers files whose first rows are short
    const expectedLines = bytesRead === size ? lines + 1 : Math.ceil((size / Math.max(1, bytesRead)) * Math.max(1, lines) * 1.25);
    return { firstLine: end < 0 ? text : text.slice(0, end), size, newline, expectedLines: Math.max(1024, expectedLines) };
  } finally {
    await handle.close();
  }
}

/** `lines` when the first line looks like a dialer line (second `;` field is a phone), else `csv`. */
export function detectFormat(firstLine: string): FileFormat {
  const fields = firstLine.split(';');
  return fields.length >= 2 && fields.length <= 6 && PHONE_LIKE.test(fields[1]!.trim()) ? 'lines' : 'csv';
}

/** The CSV delimiters read. */
export type Delimiter = ',' | ';' | '\t';

/** The delimiter the header has most of outside quotes (tab, then `;`, then `,` on a tie); `,` when none. */
export function detectDelimiter(header: string): Delimiter {
  let commas = 0;
  let semicolons = 0;
  let tabs = 0;
  let quoted = false;
  for (const c of header) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ',') commas++;
    else if (!quoted && c === ';') semicolons++;
    else if (!quoted && c === '\t') tabs++;
  }
  if (tabs > 0 && tabs >= semicolons && tabs >= commas) return '\t';
  return semicolons > commas ? ';' : ',';
}
