/**
 * A contact file on disk → a validated, encoded {@link DialerBase}, streaming: rows come from
 * {@link readCsvRows} (papaparse on 1 MiB chunks) with their file line numbers, for problem
 * reports, and go to a {@link DialerBaseBuilder}.
 */
import { IntegraError } from '../errors.js';
import { DialerBaseBuilder } from '../dialer/builder.js';
import type { DialerBase } from '../dialer/types.js';
import type { ColumnChoices } from './columns.js';
import { ContactRows, withPhoneHints } from './contact-rows.js';
import { readCsvRows } from './csv-rows.js';
import { detectDelimiter, detectFormat, readHead, type Delimiter, type FileFormat } from './detect.js';
import { chooseEncoding, type EncodingOption } from './encoding.js';
import type { ReadingReport } from './reading-report.js';

/** What {@link prepareFile} needs. */
export interface PrepareFileOptions {
  path: string;
  /** Required for CSV; for a dialer-line file it defaults to the first line's campaign. */
  campaign: string | undefined;
  filename: string;
  maxLines?: number | undefined;
  /** @default detected from the first line */
  format?: FileFormat | undefined;
  /** CSV only. @default detected from the header */
  delimiter?: Delimiter | undefined;
  /** `--map` and `--drop`. @default none */
  columns?: ColumnChoices;
  /** @default 'auto': the byte order mark, else UTF-8 when valid, else Windows-1252 (see encoding.ts) */
  encoding?: EncodingOption;
  /** Remove spaces, dashes, dots, parentheses and Excel's quoting from phones before checking. @default false */
  normalizePhones?: boolean;
  /** Leave out rows whose main phone an earlier row has. @default false */
  dedupe?: boolean;
  /** `false` sends every row the ordinary way (decoded, a contact object): for the benchmark's comparison. @default true */
  fastPath?: boolean;
  /** Called every 10,000 rows with the bytes read so far and the file size. */
  onProgress?: (rows: number, bytesRead: number, size: number) => void;
  signal?: AbortSignal | undefined;
}

/** The prepared base and how the file was read. */
export interface PreparedFile {
  base: DialerBase;
  format: FileFormat;
  delimiter: Delimiter;
  /** Data rows read (empty lines, blank rows and the header not counted). */
  rows: number;
  /** How the file was read: encoding, delimiter, blank rows, columns, duplicates (see reading-report.ts). */
  reading: ReadingReport;
}

/**
 * Reads, checks and encodes the file. Problems (bad rows, a bad header, a broken CSV, lines the
 * encoding cannot read truly) are in `base.problems` with their line numbers; the promise
 * rejects only for I/O (`ENOENT`…), bad arguments (`INVALID_ARGUMENT`) and `ABORTED`.
 */
export async function prepareFile(options: PrepareFileOptions): Promise<PreparedFile> {
  const { choice, problems: encodingProblems } = await chooseEncoding(options.path, options.encoding ?? 'auto');
  const { encoding } = choice;
  const head = await readHead(options.path, encoding, choice.bomBytes);
  const format = options.format ?? detectFormat(head.firstLine);
  const delimiter: Delimiter = format === 'lines' ? ';' : (options.delimiter ?? detectDelimiter(head.firstLine));
  let campaign = options.campaign;
  if (campaign === undefined && format === 'lines') campaign = head.firstLine.split(';')[0];
  if (campaign === undefined) throw new IntegraError('INVALID_ARGUMENT', '--campaign is required for a CSV file');
  const builder = new DialerBaseBuilder({ campaign, filename: options.filename, ...(options.maxLines === undefined ? {} : { maxLines: options.maxLines }) });

  // a UTF-8 CSV is read as bytes (Latin-1) for the fast path; see csv-fast-row.ts
  const asBytes = format === 'csv' && encoding === 'utf8' && options.fastPath !== false;
  const rows = new ContactRows(builder, {
    format,
    campaign,
    delimiter,
    asBytes,
    columns: options.columns ?? { map: [], drop: [] },
    normalizePhones: options.normalizePhones ?? false,
    dedupe: options.dedupe ?? false,
    expectedRows: head.expectedLines,
  });
  let bytesRead = 0;
  const { onProgress } = options;
  const onRow = (record: string[], at: number): boolean => {
    const before = rows.rows;
    const more = rows.row(record, at);
    if (rows.rows !== before && rows.rows % 10_000 === 0) onProgress?.(rows.rows, bytesRead, head.size);
    return more;
  };

  // lines the encoding cannot read truly stop the reading: their rows would be checked as mojibake
  for (const p of encodingProblems) builder.addProblem({ line: p.line, field: 'encoding', reason: p.reason });
  if (encodingProblems.length === 0) {
    await readCsvRows({
      path: options.path,
      encoding: asBytes ? 'latin1' : encoding,
      bomBytes: choice.bomBytes,
      delimiter,
      quotes: format !== 'lines',
      newline: head.newline,
      signal: options.signal,
      onRow,
      onBroken: (broken) => {
        builder.addProblem({ line: broken.line, field: 'row', reason: broken.reason }, true);
        return rows.headerRead; // a header that cannot be read: nothing after it can
      },
      onChunk: (n) => (bytesRead = n),
    });
  }
  rows.finish();
  onProgress?.(rows.rows, head.size, head.size);
  const reading: ReadingReport = {
    encoding,
    encodingSource: choice.source,
    encodingNote: choice.note,
    format,
    delimiter,
    delimiterSource: format === 'lines' ? 'format' : options.delimiter !== undefined ? 'option' : 'detected',
    blankRows: rows.blankRows,
    columns: rows.columns,
    duplicates: rows.duplicates,
    normalizedPhones: rows.normalizedPhones,
  };
  return { base: withPhoneHints(builder.finish(), options.normalizePhones ?? false), format, delimiter, rows: rows.rows, reading };
}
