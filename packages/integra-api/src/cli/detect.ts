/**
 * What kind of file the user gave: an ordinary CSV export with a header row (comma or
 * semicolon), or a file already in the platform's line format (`campaign;phone;...`, no
 * header). Decided from the first line, before the real parse.
 */
import { open } from 'node:fs/promises';

/** The two kinds of input file. */
export type FileFormat = 'csv' | 'lines';

/** The file's first line (BOM removed), its size, and what ends its lines. */
export interface FileHead {
  firstLine: string;
  size: number;
  /** `\r` when the first line ends with a lone CR (old Mac files), else `\n` (LF or CRLF). */
  newline: '\n' | '\r';
}

const PHONE_LIKE = /^(?:[MWH]=[0-9]{1,3}=)?\+?[0-9]{3,20}$/;

/** Reads the first line (up to 64 KiB) of `path`, without its BOM. */
export async function readHead(path: string, encoding: BufferEncoding): Promise<FileHead> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const buf = Buffer.alloc(Math.min(size, 1 << 16));
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    let bytes = buf.subarray(0, bytesRead);
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    const text = bytes.toString(encoding);
    const end = text.search(/\r?\n|\r/);
    const newline = end >= 0 && text[end] === '\r' && text[end + 1] !== '\n' && end + 1 < text.length ? '\r' : '\n';
    return { firstLine: end < 0 ? text : text.slice(0, end), size, newline };
  } finally {
    await handle.close();
  }
}

/** `lines` when the first line looks like a dialer line (second `;` field is a phone), else `csv`. */
export function detectFormat(firstLine: string): FileFormat {
  const fields = firstLine.split(';');
  return fields.length >= 2 && fields.length <= 6 && PHONE_LIKE.test(fields[1]!.trim()) ? 'lines' : 'csv';
}

/** `;` when the header has more semicolons than commas outside quotes, else `,`. */
export function detectDelimiter(header: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const c of header) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ',') commas++;
    else if (!quoted && c === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}
