/**
 * The CLI's fast path for a UTF-8 CSV: the file is decoded as Latin-1, so every character is
 * one byte of the UTF-8 text (the delimiter, quotes and line ends are ASCII, and UTF-8 never
 * uses an ASCII byte inside a character, so fields split exactly as in the decoded text). A
 * row that is plainly valid — checked by one regex or a byte loop per field — becomes its
 * dialer line as a byte string and goes to the builder with no object, no decoding and no
 * re-encoding. Anything else (a problem, spaces to trim, a byte that is not valid UTF-8) is
 * decoded and goes the ordinary way, `builder.add(contact)`, which reports exactly as before.
 */
import { Buffer } from 'node:buffer';
import { addCheckedByteLine, type DialerBaseBuilder } from '../dialer/builder.js';
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

/** A value with nothing to look at: tab and printable ASCII except `:`, `;`, `=`. */
const PLAIN_VALUE_RE = /^[\t\x20-\x39\x3c\x3e-\x7e]*$/;
const PRIORITY_RE = /^[1-9][0-9]{0,3}$/;
const ALT_SEPARATOR_RE = /[:|]/;
const ASCII_RE = /^[\x00-\x7f]*$/;

/**
 * Whether the byte string `v` is a value the ordinary checks would pass: no separator, no
 * control but tab, valid UTF-8 that is not U+FFFD (what a decoder makes of broken bytes).
 */
function valueBytesOk(v: string): boolean {
  if (PLAIN_VALUE_RE.test(v)) return true;
  const n = v.length;
  for (let i = 0; i < n; ) {
    const c = v.charCodeAt(i);
    if (c < 0x80) {
      if ((c < 0x20 && c !== 9) || c === 0x3a || c === 0x3b || c === 0x3d || c === 0x7f) return false;
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
    // U+FFFD itself (EF BF BD) is reported as broken text, as after a decoder
    if (c === 0xef && c1 === 0xbf && v.charCodeAt(i + 2) === 0xbd) return false;
    i += more + 1;
  }
  return true;
}

/** A CSV row (decoded text) → contact. Non-numeric priorities stay strings so the report shows them. */
export function csvContact(record: readonly string[], plan: ColumnPlan): DialerContact {
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
  private line(record: readonly string[]): string | undefined {
    const { plan, names } = this;
    if (plan.phone < 0) return undefined;
    const phone = record[plan.phone]!;
    if (!PHONE_RE.test(phone)) return undefined;
    let vars = '';
    for (let i = 0; i < names.length; i++) {
      const value = record[plan.vars[i]!.index]!;
      if (!valueBytesOk(value)) return undefined;
      vars = i === 0 ? `${names[0]}${value}` : `${vars}:${names[i]}${value}`;
    }
    let alt = '';
    if (plan.altPhones >= 0) {
      alt = record[plan.altPhones]!;
      if (alt !== '') {
        const phones = alt.split(ALT_SEPARATOR_RE);
        for (let i = 0; i < phones.length; i++) {
          const p = phones[i]!;
          if (!PHONE_RE.test(p) && !TYPED_PHONE_RE.test(p)) return undefined;
        }
        if (phones.length > 1 && alt.indexOf('|') >= 0) alt = phones.join(':');
      }
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
