/**
 * A contact file on disk → a validated, encoded {@link DialerBase}, streaming: rows come from
 * {@link readCsvRows} (papaparse on 64 KiB chunks) with their file line numbers, for problem
 * reports, and go to a {@link DialerBaseBuilder} that hands each part over as soon as it is
 * complete and keeps none, so memory stays flat whatever the file's size.
 *
 * An upload reads the file twice with {@link prepareFile}: the first pass checks every row (and
 * hashes each part for the journal) before anything is sent; the second hands over each part,
 * checked again, to be sent while the rest is read.
 */
import { IntegraError } from '../errors.js';
import { DialerBaseBuilder, type StreamedPart } from '../dialer/builder.js';
import { parseDialerFields } from '../dialer/parse-line.js';
import type { DialerBase } from '../dialer/types.js';
import { planColumns, type ColumnPlan, type MappedField } from './columns.js';
import { FastCsvRows, bytesToText, csvContact, isBlankBytes } from './csv-fast-row.js';
import { readCsvRows } from './csv-rows.js';
import { detectDelimiter, detectFormat, readHead, type FileFormat } from './detect.js';

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
  delimiter?: ',' | ';' | undefined;
  map?: Partial<Record<MappedField, string>>;
  /** @default 'utf8' */
  encoding?: 'utf8' | 'latin1';
  /** Called every 10,000 rows with the bytes read so far and the file size. */
  onProgress?: (rows: number, bytesRead: number, size: number) => void;
  signal?: AbortSignal | undefined;
  /**
   * Each complete part, in order, while the file is read (the builder keeps no part). Awaited
   * after each chunk of the file, so a slow consumer (a sending) holds the reading.
   */
  onPart?: (part: StreamedPart) => void | Promise<void>;
}

/** The prepared base and how the file was read. */
export interface PreparedFile {
  /** The base; its parts hold no bytes (they went to `onPart`). */
  base: DialerBase;
  format: FileFormat;
  delimiter: ',' | ';';
  /** Data rows read (empty lines and the header not counted). */
  rows: number;
}

/**
 * Reads, checks and encodes the file. Problems (bad rows, a bad header, a broken CSV) are in
 * `base.problems` with their line numbers; the promise rejects only for I/O (`ENOENT`…),
 * bad arguments (`INVALID_ARGUMENT`) and `ABORTED`.
 */
export async function prepareFile(options: PrepareFileOptions): Promise<PreparedFile> {
  const encoding = options.encoding ?? 'utf8';
  const head = await readHead(options.path, encoding);
  const format = options.format ?? detectFormat(head.firstLine);
  const delimiter = format === 'lines' ? ';' : (options.delimiter ?? detectDelimiter(head.firstLine));
  let campaign = options.campaign;
  if (campaign === undefined && format === 'lines') campaign = head.firstLine.split(';')[0];
  if (campaign === undefined) throw new IntegraError('INVALID_ARGUMENT', '--campaign is required for a CSV file');
  // complete parts wait here for the end of the chunk that completed them
  const waiting: StreamedPart[] = [];
  const handOver = async (): Promise<void> => {
    while (waiting.length > 0) await options.onPart?.(waiting.shift()!);
  };
  const builder = new DialerBaseBuilder({
    campaign,
    filename: options.filename,
    ...(options.maxLines === undefined ? {} : { maxLines: options.maxLines }),
    onPart: (part) => void waiting.push(part),
  });

  let rows = 0;
  let plan: ColumnPlan | undefined;
  let bytesRead = 0;
  const { onProgress } = options;

  // a UTF-8 CSV is read as bytes (Latin-1) for the fast path; see csv-fast-row.ts
  const asBytes = format === 'csv' && encoding === 'utf8';
  let fast: FastCsvRows | undefined;
  const onRow = (record: string[], at: number): boolean => {
    if (record.length === 1 && (asBytes ? isBlankBytes(record[0]!) : record[0]!.trim() === '')) return true; // an empty line
    if (format === 'csv' && plan === undefined) {
      const planned = planColumns(asBytes ? record.map(bytesToText) : record, options.map ?? {});
      plan = planned.plan;
      if (asBytes) fast = new FastCsvRows(builder, plan);
      for (const p of planned.problems) builder.addProblem({ line: at, ...p });
      return planned.problems.length === 0;
    }
    rows++;
    if (rows % 10_000 === 0) onProgress?.(rows, bytesRead, head.size);
    if (format === 'lines') {
      const parsed = parseDialerFields(record);
      if (!parsed.ok) builder.addProblem({ line: at, field: parsed.field, reason: parsed.reason }, true);
      else if (parsed.campaign !== campaign) {
        builder.addProblem({ line: at, field: 'campaign', reason: `the line is for campaign ${JSON.stringify(parsed.campaign)}, the upload for ${JSON.stringify(campaign)}` }, true);
      } else builder.add(parsed.contact, at);
      return true;
    }
    if (record.length !== plan!.width) {
      const reason = `has ${record.length} field${record.length === 1 ? '' : 's'}, the header has ${plan!.width} (an unquoted "${delimiter}" inside a value?)`;
      builder.addProblem({ line: at, field: 'row', reason }, true);
      return true;
    }
    if (fast !== undefined) fast.add(record, at);
    else builder.add(csvContact(record, plan!), at);
    return true;
  };

  await readCsvRows({
    path: options.path,
    encoding: asBytes ? 'latin1' : encoding,
    delimiter,
    quotes: format !== 'lines',
    newline: head.newline,
    signal: options.signal,
    onRow,
    onBroken: (broken) => {
      builder.addProblem({ line: broken.line, field: 'row', reason: broken.reason }, true);
      return format !== 'csv' || plan !== undefined; // a header that cannot be read: nothing after it can
    },
    onChunk: (n) => {
      bytesRead = n;
      return handOver();
    },
  });
  onProgress?.(rows, head.size, head.size);
  const base = builder.finish();
  await handOver();
  return { base, format, delimiter, rows };
}
