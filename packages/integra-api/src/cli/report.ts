/**
 * The CLI's one report, printed on every exit of an upload: as text, or as one JSON document
 * with `--json`. Facts about the reading of the file come from {@link PreparedFile} and live in
 * one place, the `file` object (one block of text), so more of them can be added there alone.
 */
import type { PartReport, UploadReport } from '../dialer/upload-run.js';
import { describePart } from '../dialer/upload-run.js';
import type { InterruptCause } from './interrupt.js';
import type { PreparedFile } from './read-file.js';
import { formatReadingReport, type ReadingReport } from './reading-report.js';

/**
 * How the file was read: its path, the data rows read (not the header, empty lines or blank
 * rows), and the facts of {@link ReadingReport} (encoding, format, delimiter, blank rows,
 * columns, duplicates, normalised phones).
 */
export interface FileFacts extends ReadingReport {
  path: string;
  rows: number;
}

/** The `file` block of the report, from what {@link prepareFile} found. */
export function fileFacts(path: string, prepared: PreparedFile): FileFacts {
  return { path, rows: prepared.rows, ...prepared.reading };
}

/** The report of an upload that got past the checks (whatever happened after). */
export interface RunReport extends UploadReport {
  ok: boolean;
  /** The process's exit code; see the README's table. */
  exitCode: number;
  /** What went wrong, when something did (an `IntegraError` or CLI code). */
  code?: string;
  message?: string;
  dryRun: false;
  file: FileFacts;
  contacts: number;
  /** `opened`: a login succeeded; `ended`: `EndSession` confirmed its end (else the key may stay valid). */
  session: { opened: boolean; ended: boolean };
  /** The journal file used. */
  journal: string;
  /** What each request may take, as `--timeout` writes it (`30s`, `1500ms`, `2m`, `none`). */
  timeout: string;
  /** Set when a signal or a closed pipe stopped the run. */
  interrupted?: InterruptCause;
  warning?: string;
}

/** `12.3 KB` under 1 MB, else `4.5 MB`. */
export function formatSize(bytes: number): string {
  return bytes < 1e6 ? `${(bytes / 1e3).toFixed(1)} KB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

/** `1 contact`, `2 contacts`. */
export function count(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** The `file` block as text: the path and rows, then how it was read, one indented line each. */
export function fileText(file: FileFacts): string {
  return `file: ${file.path} (${count(file.rows, 'row')})\n${formatReadingReport(file).map((line) => `  ${line}\n`).join('')}`;
}

/** One part's line: `  accepted  leads_part01 (100 contacts, lines 2–101)  12.3 KB — why`. */
export function partText(state: string, part: PartReport): string {
  // the code where it adds something (`HTTP_ERROR: … answered HTTP 500`), not before "not sent: …"
  const code = part.code === undefined || part.code === 'NOT_SENT' || part.reason?.startsWith(part.code) ? '' : `${part.code}: `;
  const note = part.earlier ? ' — accepted by an earlier run' : part.skipped ? ` — not sent: ${part.reason ?? 'skipped'}` : part.reason !== undefined ? ` — ${code}${part.reason}` : '';
  return `  ${state.padEnd(9)} ${describePart(part)}  ${formatSize(part.bytes)}${note}\n`;
}

/** The whole report as text. */
export function reportText(report: RunReport): string {
  const parts = report.accepted.length + report.unknown.length + report.notSent.length;
  const earlier = report.accepted.filter((p) => p.earlier).length;
  const head = report.ok
    ? `uploaded ${count(report.contacts, 'contact')} to ${report.campaign} in ${count(parts, 'part')}${earlier > 0 ? ` (${earlier} accepted by an earlier run, not sent again)` : ''}:\n`
    : `upload to ${report.campaign}: ${report.accepted.length} of ${count(parts, 'part')} accepted, ${report.unknown.length} unknown, ${report.notSent.length} not sent:\n`;
  const lines = [
    ...report.accepted.map((p) => partText('accepted', p)),
    ...report.unknown.map((p) => partText('unknown', p)),
    ...report.notSent.map((p) => partText('not sent', p)),
  ].join('');
  const session = !report.session.opened ? 'none opened' : report.session.ended ? 'ended' : 'NOT ended (its key may stay valid until the platform expires it)';
  const unknownHint = report.unknown.some((p) => !p.skipped)
    ? 'parts marked unknown were sent and no answer came: they may be on the platform. Check it, then run the same command with --resend-unknown (they are not there) or --skip-unknown (they are)\n'
    : '';
  return `${head}${lines}${fileText(report.file)}session: ${session}\njournal: ${report.journal}\ntimeout: ${report.timeout} per request (--timeout)\n${unknownHint}`;
}
