/**
 * How a contact file was read, for the report (text and `--json`): the encoding and how it was
 * chosen, the delimiter, the rows skipped as blank, which column went to which field, the
 * duplicate phones, and the phones whose layout was removed.
 */
import type { TextEncodingName } from './encoding.js';
import type { ColumnUse } from './columns.js';

/** Lines listed at most in the report for each kind (all are counted). */
export const LISTED_LINES = 100;

/** The facts of reading one file. */
export interface ReadingReport {
  encoding: TextEncodingName;
  /** `bom`: the byte order mark named it; `detected`: from the bytes; `option`: `--encoding`. */
  encodingSource: 'bom' | 'detected' | 'option';
  /** How the encoding was chosen, in words. */
  encodingNote: string;
  format: 'csv' | 'lines';
  delimiter: ',' | ';' | '\t';
  delimiterSource: 'detected' | 'option' | 'format';
  /** Rows of only delimiters and spaces (Excel's `,,` padding), skipped like empty lines. */
  blankRows: { count: number; lines: number[] };
  /** What became of each column (CSV with a header only; `[]` for dialer-line files). */
  columns: ColumnUse[];
  /** Rows whose main phone is on an earlier row too; `dropped` with `--dedupe` (the first is kept). */
  duplicates: { count: number; lines: { line: number; phone: string }[]; dropped: boolean };
  /** Main phones changed by `--normalize-phones` (`null` without it). */
  normalizedPhones: number | null;
}

/** A new report with nothing counted yet. */
export function emptyReadingReport(): ReadingReport {
  return {
    encoding: 'utf8',
    encodingSource: 'detected',
    encodingNote: 'UTF-8',
    format: 'csv',
    delimiter: ',',
    delimiterSource: 'detected',
    blankRows: { count: 0, lines: [] },
    columns: [],
    duplicates: { count: 0, lines: [], dropped: false },
    normalizedPhones: null,
  };
}

const DELIMITER_NAMES = { ',': 'comma', ';': 'semicolon', '\t': 'tab' } as const;
const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** `2, 3, 5–9, 12` (runs of consecutive lines shortened), and `…` when not all are listed. */
export function lineList(lines: readonly number[], total: number): string {
  const parts: string[] = [];
  for (let i = 0; i < lines.length; ) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j]! + 1) j++;
    parts.push(j - i >= 2 ? `${lines[i]}–${lines[j]}` : lines.slice(i, j + 1).join(', '));
    i = j + 1;
  }
  return `${parts.join(', ')}${total > lines.length ? ', …' : ''}`;
}

/** The report as lines of text (no line breaks), for the CLI's summary. */
export function formatReadingReport(report: ReadingReport): string[] {
  const out: string[] = [];
  const how = report.format === 'lines' ? 'dialer lines' : `CSV, ${DELIMITER_NAMES[report.delimiter]}-separated${report.delimiterSource === 'option' ? ' (--delimiter)' : ''}`;
  out.push(`read as ${report.encodingNote}; ${how}`);
  if (report.columns.length > 0) {
    const used = report.columns.filter((c) => c.field !== null);
    const left = report.columns.filter((c) => c.field === null);
    const why = { name: '', recognised: ' (recognised)', map: ' (--map)', drop: ' (--drop)', variable: '', unnamed: ' (no name)' } as const;
    out.push(`columns: ${used.map((c) => `${JSON.stringify(c.name)} → ${c.field}${why[c.how]}`).join(', ')}`);
    if (left.length > 0) out.push(`left out: ${left.map((c) => `${c.name === '' ? `column ${c.column}` : JSON.stringify(c.name)}${why[c.how]}`).join(', ')}`);
  }
  const { blankRows, duplicates } = report;
  if (blankRows.count > 0) out.push(`skipped ${plural(blankRows.count, 'row')} of only delimiters and spaces: line${blankRows.count === 1 ? '' : 's'} ${lineList(blankRows.lines, blankRows.count)}`);
  if (duplicates.count > 0) {
    const listed = duplicates.lines.map((d) => `${d.line} (${d.phone})`).join(', ') + (duplicates.count > duplicates.lines.length ? ', …' : '');
    const action = duplicates.dropped ? 'left out (--dedupe kept the first of each)' : 'uploaded as they are (--dedupe keeps only the first of each)';
    out.push(`${plural(duplicates.count, 'row')} repeat${duplicates.count === 1 ? 's' : ''} the phone of an earlier row, ${action}: line${duplicates.count === 1 ? '' : 's'} ${listed}`);
  }
  if (report.normalizedPhones !== null) out.push(`--normalize-phones changed ${plural(report.normalizedPhones, 'main phone')}`);
  return out;
}
