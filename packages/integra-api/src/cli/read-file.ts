/**
 * A contact file on disk → a validated, encoded {@link DialerBase}, streaming: the file is read
 * in 64 KiB chunks and parsed by csv-parse, which strips the BOM from the bytes (decoding it
 * would make V8 keep the text at two bytes per character) and decodes each field on its own.
 * Each row becomes a contact with its file line number, for problem reports.
 */
import { createReadStream } from 'node:fs';
import { parse, type CsvError } from 'csv-parse';
import { IntegraError } from '../errors.js';
import { DialerBaseBuilder } from '../dialer/builder.js';
import { parseDialerFields } from '../dialer/parse-line.js';
import type { DialerBase, DialerContact } from '../dialer/types.js';
import { planColumns, type ColumnPlan, type MappedField } from './columns.js';
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
}

/** The prepared base and how the file was read. */
export interface PreparedFile {
  base: DialerBase;
  format: FileFormat;
  delimiter: ',' | ';';
  /** Data rows read (empty lines and the header not counted). */
  rows: number;
}

/** How csv-parse's fatal errors read to someone fixing the file. */
function parseErrorReason(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed (a missing "); the rest of the file was not read';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a closing quote is followed by other characters (write "" for a quote inside a quoted field); the rest of the file was not read';
    default:
      return `the CSV cannot be read here (${error.code}); the rest of the file was not read`;
  }
}

/** Line breaks inside a record's fields (quoted multi-line values), so line numbers stay right. */
function extraLines(record: readonly string[]): number {
  let n = 0;
  for (const field of record) {
    for (let i = field.indexOf('\n'); i >= 0; i = field.indexOf('\n', i + 1)) n++;
  }
  return n;
}

/** A CSV row → contact. Non-numeric priorities stay strings so the report shows them. */
function csvContact(record: readonly string[], plan: ColumnPlan): DialerContact {
  const vars: Record<string, string> = {};
  for (const v of plan.vars) vars[v.name] = record[v.index]!;
  const contact: DialerContact = { phone: plan.phone < 0 ? '' : record[plan.phone]!.trim(), vars };
  if (plan.altPhones >= 0) {
    const alt = record[plan.altPhones]!.trim();
    if (alt !== '') contact.altPhones = alt.split(/[:|]/).map((a) => a.trim());
  }
  if (plan.priority >= 0) {
    const p = record[plan.priority]!.trim();
    if (p !== '') contact.priority = /^[0-9]{1,9}$/.test(p) ? Number(p) : (p as unknown as number);
  }
  if (plan.agentPhone >= 0) {
    const a = record[plan.agentPhone]!.trim();
    if (a !== '') contact.agentPhone = a;
  }
  return contact;
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
  const builder = new DialerBaseBuilder({ campaign, filename: options.filename, ...(options.maxLines === undefined ? {} : { maxLines: options.maxLines }) });

  const input = createReadStream(options.path, { highWaterMark: 1 << 16 });
  const parser = parse({
    bom: true,
    delimiter,
    encoding,
    quote: format === 'lines' ? false : '"',
    relax_column_count: true,
    relax_quotes: true,
  });
  let line = 1; // line where the next record starts
  let rows = 0;
  let plan: ColumnPlan | undefined;
  const { signal, onProgress } = options;

  const onRecord = (record: string[]): void => {
    const at = line;
    line += 1 + extraLines(record);
    if (record.length === 1 && record[0]!.trim() === '') return; // an empty line
    if (format === 'csv' && plan === undefined) {
      const planned = planColumns(record, options.map ?? {});
      plan = planned.plan;
      for (const p of planned.problems) builder.addProblem({ line: at, ...p });
      if (planned.problems.length > 0) stop();
      return;
    }
    rows++;
    if (rows % 10_000 === 0) onProgress?.(rows, input.bytesRead, head.size);
    if (format === 'lines') {
      const parsed = parseDialerFields(record);
      if (!parsed.ok) return builder.addProblem({ line: at, field: parsed.field, reason: parsed.reason }, true);
      if (parsed.campaign !== campaign) {
        builder.addProblem({ line: at, field: 'campaign', reason: `the line is for campaign ${JSON.stringify(parsed.campaign)}, the upload for ${JSON.stringify(campaign)}` }, true);
        return;
      }
      builder.add(parsed.contact, at);
      return;
    }
    if (record.length !== plan!.width) {
      const reason = `has ${record.length} field${record.length === 1 ? '' : 's'}, the header has ${plan!.width} (an unquoted "${delimiter}" inside a value?)`;
      builder.addProblem({ line: at, field: 'row', reason }, true);
      return;
    }
    builder.add(csvContact(record, plan!), at);
  };

  let stopped = false;
  function stop(): void {
    stopped = true;
    input.unpipe(parser);
    input.destroy();
    parser.end();
  }

  await new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      stop();
      reject(new IntegraError('ABORTED', 'aborted while reading the file; nothing was sent'));
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = (error?: unknown): void => {
      signal?.removeEventListener('abort', onAbort);
      if (error === undefined) resolve();
      else reject(error);
    };
    input.on('error', done);
    parser.on('data', (record: string[]) => {
      if (!stopped) onRecord(record);
    });
    parser.on('error', (error: CsvError) => {
      const at = typeof (error as { lines?: unknown }).lines === 'number' ? (error as unknown as { lines: number }).lines : line;
      builder.addProblem({ line: at, field: 'row', reason: parseErrorReason(error) }, true);
      input.destroy();
      done();
    });
    parser.on('end', () => done());
    input.pipe(parser);
  });
  onProgress?.(rows, head.size, head.size);
  return { base: builder.finish(), format, delimiter, rows };
}
