/**
 * The CLI's fast path for a UTF-8 CSV: the file is decoded as Latin-1, so every character is
 * one byte of the UTF-8 text (the delimiter, quotes and line ends are ASCII, and UTF-8 never
 * uses an ASCII byte inside a character, so fields split exactly as in the decoded text). A
 * row that is plainly valid — checked by one regex or a byte loop per field — becomes its
 * dialer line as a byte string and goes to the builder with no object, no decoding and no
 * re-encoding. Anything else (a problem, spaces to trim, a byte that is not valid UTF-8) is
 * decoded and goes the ordinary way, `builder.add(contact)`, which reports exactly as before.
 * Both paths refuse the same characters: the fast one asks {@link isForbiddenCodePoint}, the
 * ordinary one a regex built from the same table (`dialer/characters.ts`).
 */
import { Buffer } from 'node:buffer';
import { addCheckedByteLine, type DialerBaseBuilder } from '../dialer/builder.js';
import { isForbiddenCodePoint } from '../dialer/characters.js';
import { normalizePhone } from '../dialer/phone-normalize.js';
import { AGENT_PHONE_RE, PHONE_RE, TYPED_PHONE_RE } from '../dialer/rules.js';
import type { DialerContact } from '../dialer/types.js';
import type { ColumnPlan } from './columns.js';

/** A byte string (Latin-1-decoded UTF-8) → the text it encodes. */
export function bytesToText(bytes: string): string {
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** Text → its UTF-8 as a byte string. */
export function textToBytes(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/** A value with nothing to look at: printable ASCII except `:`, `;`, `=`. */
const PLAIN_VALUE_RE = /^[\x20-\x39\x3c\x3e-\x7e]*$/;
const PRIORITY_RE = /^[1-9][0-9]{0,3}$/;
const ALT_SEPARATOR_RE = /[:|]/;
const ASCII_RE = /^[\x00-\x7f]*$/;

/**
 * Whether the byte string `v` is a value the ordinary checks would pass: no separator, valid
 * UTF-8, and no character of the forbidden table (controls, line separators, bidi controls,
 * zero-width characters, U+FFFD).
 */
function valueBytesOk(v: string): boolean {
  if (PLAIN_VALUE_RE.test(v)) return true;
  const n = v.length;
  for (let i = 0; i < n; ) {
    const c = v.charCodeAt(i);
    if (c < 0x80) {
      if (c === 0x3a || c === 0x3b || c === 0x3d || isForbiddenCodePoint(c)) return false;
      i++;
      continue;
    }
    // UTF-8 as the WHATWG decoder takes it: no overlongs, surrogates or code points past U+10FFFF
    let more: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) more = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      more = 2;
      if (c === 0xe0) lo = 0xa0;
      else if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      more = 3;
      if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f;
    } else return false;
    if (i + more >= n) return false;
    const c1 = v.charCodeAt(i + 1);
    if (c1 < lo || c1 > hi) return false;
    for (let k = 2; k <= more; k++) {
      const ck = v.charCodeAt(i + k);
      if (ck < 0x80 || ck > 0xbf) return false;
    }
    let codePoint = (c & (0x7f >> (more + 1))) * 64 + (c1 & 0x3f);
    for (let k = 2; k <= more; k++) codePoint = codePoint * 64 + (v.charCodeAt(i + k) & 0x3f);
    if (isForbiddenCodePoint(codePoint)) return false;
    i += more + 1;
  }
  return true;
}

/**
 * A CSV row (decoded text) → contact. Non-numeric priorities stay strings so the report shows
 * them. With `normalizePhones`, phones lose their layout first ({@link normalizePhone}).
 */
export function csvContact(record: readonly string[], plan: ColumnPlan, normalizePhones = false): DialerContact {
  const phoneOf = normalizePhones ? normalizePhone : (text: string): string => text.trim();
  const vars: Record<string, string> = {};
  for (const v of plan.vars) vars[v.name] = record[v.index]!;
  const contact: DialerContact = { phone: plan.phone < 0 ? '' : phoneOf(record[plan.phone]!), vars };
  const alts: string[] = [];
  for (const column of plan.altPhones) {
    const alt = record[column]!.trim();
    if (alt !== '') for (const a of alt.split(/[:|]/)) alts.push(phoneOf(a));
  }
  if (alts.length > 0) contact.altPhones = alts;
  if (plan.priority >= 0) {
    const p = record[plan.priority]!.trim();
    if (p !== '') contact.priority = /^[0-9]{1,9}$/.test(p) ? Number(p) : (p as unknown as number);
  }
  if (plan.agentPhone >= 0) {
    const a = phoneOf(record[plan.agentPhone]!);
    if (a !== '') contact.agentPhone = a;
  }
  return contact;
}

/** The first column without a header name that holds a value in this row (text or bytes), or -1. */
export function filledUnnamed(record: readonly string[], plan: ColumnPlan): number {
  for (const column of plan.unnamed) if (record[column]!.trim() !== '') return column;
  return -1;
}

/** Whether a one-field byte-string row is an empty line (blank once decoded). */
export function isBlankBytes(field: string): boolean {
  return ASCII_RE.test(field) ? field.trim() === '' : bytesToText(field).trim() === '';
}

/** Adds CSV rows given as byte strings to a builder: the fast path, or the ordinary one. */
export class FastCsvRows {
  private readonly prefix: string;
  /** `name=` of each variable, as bytes, in `plan.vars` order. */
  private readonly names: string[];

  constructor(
    private readonly builder: DialerBaseBuilder,
    private readonly plan: ColumnPlan,
  ) {
    this.prefix = textToBytes(`${builder.campaign};`);
    this.names = plan.vars.map((v) => textToBytes(`${v.name}=`));
  }

  /** Adds one row (of the header's width) that starts at file line `line`. */
  add(record: string[], line: number): void {
    const text = this.line(record);
    if (text !== undefined) this.builder[addCheckedByteLine](text, line);
    else this.builder.add(csvContact(record.map(bytesToText), this.plan), line);
  }

  /** The row's dialer line as bytes when it is plainly valid, else `undefined`. */
  line(record: readonly string[]): string | undefined {
    const { plan, names } = this;
    if (plan.phone < 0) return undefined;
    if (plan.unnamed.length > 0 && filledUnnamed(record, plan) >= 0) return undefined;
    const phone = record[plan.phone]!;
    if (!PHONE_RE.test(phone)) return undefined;
    let vars = '';
    for (let i = 0; i < names.length; i++) {
      const value = record[plan.vars[i]!.index]!;
      if (!valueBytesOk(value)) return undefined;
      vars = i === 0 ? `${names[0]}${value}` : `${vars}:${names[i]}${value}`;
    }
    let alt = '';
    for (let c = 0; c < plan.altPhones.length; c++) {
      let more = record[plan.altPhones[c]!]!;
      if (more === '') continue;
      const phones = more.split(ALT_SEPARATOR_RE);
      for (let i = 0; i < phones.length; i++) {
        const p = phones[i]!;
        if (!PHONE_RE.test(p) && !TYPED_PHONE_RE.test(p)) return undefined;
      }
      if (phones.length > 1 && more.indexOf('|') >= 0) more = phones.join(':');
      alt = alt === '' ? more : `${alt}:${more}`;
    }
    let priority = '';
    if (plan.priority >= 0) {
      priority = record[plan.priority]!;
      if (priority !== '' && !PRIORITY_RE.test(priority)) return undefined;
    }
    let agent = '';
    if (plan.agentPhone >= 0) {
      agent = record[plan.agentPhone]!;
      if (agent !== '' && !AGENT_PHONE_RE.test(agent)) return undefined;
    }
    return `${this.prefix}${phone};${vars};${alt};${priority};${agent}`;
  }
}
