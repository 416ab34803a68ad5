/**
 * A contact file on disk → a validated, encoded {@link DialerBase}, streaming: rows come from
 * {@link readCsvRows} (papaparse on 64 KiB chunks) with their file line numbers, for problem
 * reports, and go to a {@link DialerBaseBuilder} that hands each part over as soon as it is
 * complete and keeps none, so memory stays flat whatever the file's size.
 *
 * An upload reads the file twice with {@link prepareFile}: the first pass checks every row (and
 * hashes each part for the journal) before anything is sent; the second hands over each part,
 * checked again, to be sent while the rest is read. With `--dedupe` the first pass reads the file
 * twice itself: once to find the repeats (a row's fate is known only at the end of the file, and
 * a table of every phone at once would not be flat memory), once leaving them out, so the parts
 * it hashes are the parts the second pass sends.
 */
import { DialerBaseBuilder, tooLongPartName, type StreamedPart } from '../dialer/builder.js';
import { MAX_FILENAME_LENGTH, checkCampaign } from '../dialer/rules.js';
import { CliError } from './cli-error.js';
import type { DialerBase } from '../dialer/types.js';
import type { ColumnChoices } from './columns.js';
import { ContactRows, withPhoneHints } from './contact-rows.js';
import { readCsvRows } from './csv-rows.js';
import { detectDelimiter, detectFormat, notText, readHead, type Delimiter, type FileFormat } from './detect.js';
import { chooseEncoding, type EncodingChoice, type EncodingOption, type EncodingProblem } from './encoding.js';
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
  /**
   * Each complete part, in order, while the file is read (the builder keeps no part). Awaited
   * after each chunk of the file, so a slow consumer (a sending) holds the reading.
   */
  onPart?: (part: StreamedPart) => void | Promise<void>;
  /** Read the file again as the first pass did ({@link PreparedFile.secondPass}); nothing is detected again. */
  secondPass?: SecondPass | undefined;
}

/**
 * What a second reading of the same file must reuse from the first, so both see the same rows
 * and cut the same parts: the encoding chosen (detecting it again would read the whole file once
 * more), the format and delimiter, and the lines the first pass left out (`--dedupe`'s repeats),
 * so the second pass needs no table of phones.
 */
export interface SecondPass {
  encoding: EncodingChoice;
  format: FileFormat;
  delimiter: Delimiter;
  /** File lines left out, ascending (4 bytes each; empty without `--dedupe`). */
  leaveOut: Int32Array;
}

/** The prepared base and how the file was read. */
export interface PreparedFile {
  /** The base; its parts hold no bytes (they went to `onPart`). */
  base: DialerBase;
  format: FileFormat;
  delimiter: Delimiter;
  /** Data rows read (empty lines, blank rows and the header not counted). */
  rows: number;
  /** How the file was read: encoding, delimiter, blank rows, columns, duplicates (see reading-report.ts). */
  reading: ReadingReport;
  /** What {@link PrepareFileOptions.secondPass} needs to read the file again the same way. */
  secondPass: SecondPass;
}

/**
 * Reads, checks and encodes the file. Problems (bad rows, a bad header, a broken CSV, lines the
 * encoding cannot read truly) are in `base.problems` with their line numbers; the promise
 * rejects only for I/O (`ENOENT`…), bad arguments (`INVALID_ARGUMENT`) and `ABORTED`.
 */
export async function prepareFile(options: PrepareFileOptions): Promise<PreparedFile> {
  const again = options.secondPass;
  const binary = again === undefined ? await notText(options.path) : undefined;
  if (binary !== undefined) throw new CliError('INVALID_FILE', `${options.path} is ${binary.what}, not a CSV or dialer-line text file: ${binary.fix}`);
  // a second pass reads exactly as the first did: same encoding, format and delimiter
  const { choice, problems: encodingProblems } = again === undefined ? await chooseEncoding(options.path, options.encoding ?? 'auto') : { choice: again.encoding, problems: [] };
  if (again !== undefined || options.dedupe !== true || encodingProblems.length > 0) return readOnce(options, choice, encodingProblems, again?.leaveOut);
  // --dedupe: find the repeats (parts not handed over), then read again leaving them out; progress in halves
  const { onProgress } = options;
  const half = (start: number) => (onProgress === undefined ? undefined : (rows: number, read: number, size: number) => onProgress(rows, start * size + read / 2, size));
  const finding = await readOnce({ ...options, onPart: undefined, onProgress: half(0) }, choice, []);
  const leaving = await readOnce({ ...options, onProgress: half(0.5) }, choice, [], finding.secondPass.leaveOut);
  return { ...leaving, reading: { ...leaving.reading, duplicates: finding.reading.duplicates } };
}

/** One reading of the file: `leaveOut` (ascending lines) left out, or, not given, repeats looked for. */
async function readOnce(options: PrepareFileOptions, choice: EncodingChoice, encodingProblems: readonly EncodingProblem[], leaveOut?: Int32Array): Promise<PreparedFile> {
  const again = options.secondPass;
  const { encoding } = choice;
  const head = await readHead(options.path, encoding, choice.bomBytes);
  const format = again?.format ?? options.format ?? detectFormat(head.firstLine);
  const delimiter: Delimiter = format === 'lines' ? ';' : (again?.delimiter ?? options.delimiter ?? detectDelimiter(head.firstLine));
  let campaign = options.campaign;
  if (campaign === undefined && format === 'lines') campaign = head.firstLine.split(';')[0];
  if (campaign === undefined) throw new CliError('USAGE', "--campaign is required for a CSV file: give the dialer campaign, quoted, e.g. --campaign 'Sales<-'", { usage: true });
  const campaignReason = options.campaign === undefined ? checkCampaign(campaign) : undefined;
  if (campaignReason !== undefined) {
    throw new CliError('INVALID_FILE', `${options.path} line 1: the campaign ${JSON.stringify(campaign)} cannot be uploaded (${campaignReason}): correct the campaign at the start of every line`);
  }
  // complete parts wait here for the end of the chunk that completed them
  const waiting: StreamedPart[] = [];
  const handOver = async (): Promise<void> => {
    // shifted first: `onPart?.(…)` skips its argument when there is no onPart (the finding reading)
    for (let part = waiting.shift(); part !== undefined; part = waiting.shift()) await options.onPart?.(part);
  };
  const builder = new DialerBaseBuilder({
    campaign,
    filename: options.filename,
    ...(options.maxLines === undefined ? {} : { maxLines: options.maxLines }),
    onPart: (part) => void waiting.push(part),
  });

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
    ...(leaveOut === undefined ? {} : { leaveOut }),
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
      onChunk: (n) => {
        bytesRead = n;
        return handOver();
      },
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
  checkPartNames(builder);
  const base = withPhoneHints(builder.finish(), options.normalizePhones ?? false);
  await handOver();
  const secondPass: SecondPass = { encoding: choice, format, delimiter, leaveOut: rows.leftOut() };
  return { base, format, delimiter, rows: rows.rows, reading, secondPass };
}

/**
 * Refuses an upload name too long for its part names (the builder's rule) in the CLI's words,
 * with two fixes that work: a name short enough for this many parts, or one part.
 */
function checkPartNames(builder: DialerBaseBuilder): void {
  const count = Math.ceil(builder.contacts / builder.maxLines);
  const longest = tooLongPartName(builder.filename, count);
  if (longest === undefined) return;
  const room = MAX_FILENAME_LENGTH - (longest.length - builder.filename.length);
  throw new CliError(
    'USAGE',
    `the upload name ${builder.filename} is too long for ${count} parts (${longest} has more than ${MAX_FILENAME_LENGTH} characters): give a --filename of at most ${room} characters, e.g. --filename ${builder.filename.slice(0, room)}, or send one part with --max-lines ${builder.contacts}`,
    { usage: true },
  );
}
