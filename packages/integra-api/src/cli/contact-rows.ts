/**
 * Rows of a contact file → a {@link DialerBaseBuilder}, one row at a time: the header plans the
 * columns; blank rows (Excel's `,,` padding) are skipped and counted; phones may be normalised;
 * duplicates are found (and, given the lines to leave out, left out); a plainly valid UTF-8 row takes the fast
 * path ({@link FastCsvRows}), any other row the ordinary one (`builder.add`). The same class
 * serves CSV files and files already in the dialer line format.
 */
import { addCheckedByteLine, type DialerBaseBuilder } from '../dialer/builder.js';
import { parseDialerFields } from '../dialer/parse-line.js';
import { normalizePhone } from '../dialer/phone-normalize.js';
import { PHONE_RE, checkPhone, shown } from '../dialer/rules.js';
import type { DialerBase, DialerContact } from '../dialer/types.js';
import { planColumns, type ColumnChoices, type ColumnPlan, type ColumnUse } from './columns.js';
import { FastCsvRows, bytesToText, csvContact, filledUnnamed, isBlankBytes } from './csv-fast-row.js';
import { PhoneLog } from './duplicate-phones.js';
import { LISTED_LINES, type ReadingReport } from './reading-report.js';

/** What {@link ContactRows} needs. */
export interface ContactRowsOptions {
  format: 'csv' | 'lines';
  /** The campaign every line of a dialer-line file must name. */
  campaign: string;
  delimiter: string;
  /** Fields are UTF-8 read as Latin-1 byte strings (the CSV fast path), not text. */
  asBytes: boolean;
  columns: ColumnChoices;
  /** Remove spaces, dashes, dots, parentheses and Excel's quoting from phones before checking. */
  normalizePhones: boolean;
  /**
   * `--dedupe`: the repeats' lines are kept for {@link ContactRows.leftOut}, to be left out by a
   * next reading (this one only finds them: a row's fate is known only at the end of the file).
   */
  dedupe: boolean;
  /**
   * A next reading: the lines to leave out ({@link ContactRows.leftOut} of a finding reading),
   * ascending. Given, exactly these rows are left out and duplicates are not looked for.
   */
  leaveOut?: Int32Array;
}

/** Feeds the rows of one file to a builder. */
export class ContactRows {
  /** Data rows read (not the header, empty lines or blank rows). */
  rows = 0;
  /** The report's facts this class finds. */
  readonly blankRows: ReadingReport['blankRows'] = { count: 0, lines: [] };
  readonly duplicates: ReadingReport['duplicates'];
  normalizedPhones: number | null;
  columns: ColumnUse[] = [];
  private plan: ColumnPlan | undefined;
  private fast: FastCsvRows | undefined;
  /** Checks for repeats at the end (sequential writes, see duplicate-phones.ts); none when `leaveOut` is given. */
  private readonly log: PhoneLog | undefined;
  /** With `--dedupe`, after {@link finish}: every repeat's line, for a next reading to leave out. */
  private repeats: Int32Array = new Int32Array(0);
  /** A second reading: the next place to look in `options.leaveOut`. */
  private leaveOutAt = 0;
  private readonly isBlank: (field: string) => boolean;

  constructor(
    private readonly builder: DialerBaseBuilder,
    private readonly options: ContactRowsOptions,
  ) {
    // a reading given the lines to leave out: an earlier one already found the repeats
    if (options.leaveOut === undefined) this.log = new PhoneLog();
    this.duplicates = { count: 0, lines: [], dropped: options.dedupe };
    this.normalizedPhones = options.normalizePhones ? 0 : null;
    this.isBlank = options.asBytes ? isBlankBytes : (field) => field.trim() === '';
  }

  /** Whether the header was read and planned without problems (CSV), or there is none (lines). */
  get headerRead(): boolean {
    return this.options.format === 'lines' || this.plan !== undefined;
  }

  /** One row, starting at file line `line`; `false` when reading must stop (a bad header). */
  row(record: string[], line: number): boolean {
    if (record.length === 1 && this.isBlank(record[0]!)) return true; // an empty line
    if (this.options.format === 'csv' && this.plan === undefined) {
      // a padding row above the header is skipped like the others (skippedBlank takes back the count)
      this.rows++;
      if (this.skippedBlank(record, line)) return true;
      this.rows--;
      return this.header(record, line);
    }
    this.rows++;
    if (this.options.format === 'lines') this.dialerLine(record, line);
    else this.csvRow(record, line);
    return true;
  }

  /**
   * Whether the row holds only delimiters and spaces; if so it is counted as skipped. Asked
   * only of rows that are not plainly valid, so the fast path pays nothing for it.
   */
  private skippedBlank(record: readonly string[], line: number): boolean {
    for (let i = 0; i < record.length; i++) if (!this.isBlank(record[i]!)) return false;
    this.rows--;
    this.blankRows.count++;
    if (this.blankRows.lines.length < LISTED_LINES) this.blankRows.lines.push(line);
    return true;
  }

  private header(record: string[], line: number): boolean {
    const planned = planColumns(this.options.asBytes ? record.map(bytesToText) : record, this.options.columns);
    this.columns = planned.uses;
    for (const p of planned.problems) this.builder.addProblem({ line, ...p });
    if (planned.problems.length > 0) return false;
    this.plan = planned.plan;
    if (this.options.asBytes) this.fast = new FastCsvRows(this.builder, this.plan);
    return true;
  }

  private csvRow(record: string[], line: number): void {
    const plan = this.plan!;
    if (record.length !== plan.width) {
      if (this.skippedBlank(record, line)) return;
      const reason = `has ${record.length} field${record.length === 1 ? '' : 's'}, the header has ${plan.width} (an unquoted "${this.options.delimiter}" inside a value?)`;
      this.builder.addProblem({ line, field: 'row', reason }, true);
      return;
    }
    const bytes = this.fast?.line(record);
    if (bytes !== undefined) {
      if (!this.duplicate(record[plan.phone]!, line)) this.builder[addCheckedByteLine](bytes, line);
      return;
    }
    if (this.skippedBlank(record, line)) return;
    const text = this.options.asBytes ? record.map(bytesToText) : record;
    const unnamed = filledUnnamed(text, plan);
    if (unnamed >= 0) {
      const reason = `column ${unnamed + 1} has no name in the header but holds a value here: give the column a name in the header (or empty it)`;
      this.builder.addProblem({ line, field: `column ${unnamed + 1}`, reason, value: shown(text[unnamed]!) });
    }
    this.contact(csvContact(text, plan, this.options.normalizePhones), plan.phone < 0 ? '' : text[plan.phone]!, line);
  }

  private dialerLine(record: string[], line: number): void {
    if (this.skippedBlank(record, line)) return;
    const parsed = parseDialerFields(record);
    if (!parsed.ok) this.builder.addProblem({ line, field: parsed.field, reason: parsed.reason }, true);
    else if (parsed.campaign !== this.options.campaign) {
      const reason = `the line is for campaign ${JSON.stringify(parsed.campaign)}, the upload for ${JSON.stringify(this.options.campaign)}: one upload goes to one campaign (put each campaign's lines in a file of their own)`;
      this.builder.addProblem({ line, field: 'campaign', reason }, true);
    } else {
      const { contact } = parsed;
      const raw = contact.phone;
      if (this.options.normalizePhones) {
        contact.phone = normalizePhone(raw);
        if (contact.altPhones !== undefined) contact.altPhones = contact.altPhones.map(normalizePhone);
        if (contact.agentPhone !== undefined) contact.agentPhone = normalizePhone(contact.agentPhone);
      }
      this.contact(contact, raw, line);
    }
  }

  /** The ordinary path: duplicates first (so `dedupe` leaves the row out), then the builder checks and adds. */
  private contact(contact: DialerContact, rawPhone: string, line: number): void {
    if (this.normalizedPhones !== null && contact.phone !== rawPhone.trim()) this.normalizedPhones++;
    if (typeof contact.phone === 'string' && PHONE_RE.test(contact.phone) && this.duplicate(contact.phone, line)) return;
    this.builder.add(contact, line);
  }

  /** After the last row: the duplicates of the whole file, when they are checked at the end. */
  finish(): void {
    if (this.log === undefined) return;
    const found = this.log.finish(LISTED_LINES, this.options.dedupe);
    this.duplicates.count = found.count;
    this.duplicates.lines = found.first;
    if (this.options.dedupe) this.repeats = found.all;
  }

  /** The lines to leave out (`--dedupe`'s repeats, after {@link finish}), ascending; empty without it. */
  leftOut(): Int32Array {
    return this.options.leaveOut ?? this.repeats;
  }

  /** Notes a valid phone; `true` when the row must be left out (one of the lines given in `leaveOut`). */
  private duplicate(phone: string, line: number): boolean {
    const { leaveOut } = this.options;
    if (leaveOut === undefined) {
      this.log!.add(phone, line);
      return false;
    }
    while (this.leaveOutAt < leaveOut.length && leaveOut[this.leaveOutAt]! < line) this.leaveOutAt++;
    return leaveOut[this.leaveOutAt] === line;
  }
}

const PHONE_FIELD_RE = /^(?:phone|agentPhone|altPhones\[[0-9]+\])$/;

/**
 * Adds "--normalize-phones would fix this" to the problems of phones that it does fix (only
 * those: a hint must work when followed). Without `--normalize-phones` only.
 */
export function withPhoneHints(base: DialerBase, normalizePhones: boolean): DialerBase {
  if (normalizePhones) return base;
  let hinted = false;
  const problems = base.problems.map((p) => {
    if (p.value === undefined || !PHONE_FIELD_RE.test(p.field) || checkPhone(normalizePhone(p.value), p.field !== 'phone') !== undefined) return p;
    hinted = true;
    return { ...p, reason: `${p.reason} (--normalize-phones removes spaces, dashes, dots, parentheses and Excel's quoting)` };
  });
  return hinted ? { ...base, problems } : base;
}
