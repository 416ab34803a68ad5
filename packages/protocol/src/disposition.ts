import { invalid, isPlainObject, type Checked } from './checked.js';
import type { Disposition, DispositionField } from './types.js';

/** The fields of a disposition in the order `UC_DispositionCall` takes them. */
export const DISPOSITION_FIELDS = 'campaign callerid guid l1 l2 l3 d1 d2 comment schedule'.split(' ') as readonly DispositionField[];

/**
 * Longest value accepted per field, in UTF-16 units, in the order above. Generous for real data,
 * small enough that a hostile frame cannot push megabytes into the platform.
 */
export const DISPOSITION_MAX_LENGTH: readonly number[] = [128, 64, 128, 128, 128, 128, 1024, 1024, 4096, 19];

// Control characters never belong in a value; d1, d2 and comment may hold tabs and line breaks.
// (exported for fields.ts: the call context and the form functions follow the same rule)
export const CONTROL = /[\0-\x1f\x7f]/;
const CONTROL_EXCEPT_LINES = /[\0-\x08\x0b\x0c\x0e-\x1f\x7f]/;

/** `YYYY-MM-DD HH:MM:SS` in the browser's local time — the agent's clock, as the console expects. */
export function formatSchedule(date: Date): string {
  // shift by the zone's offset at that date, then let toJSON do the padding; an invalid Date gives
  // null there, and a string that isSchedule refuses here, so the caller hears which field is wrong
  return new Date(+date - date.getTimezoneOffset() * 6e4).toJSON()?.slice(0, 19).replace('T', ' ') ?? 'Invalid Date';
}

// the shape, with month, hours, minutes and seconds in range; the day is checked below
const SCHEDULE = /^(\d{4})-(0[1-9]|1[0-2])-(\d\d) ([01]\d|2[0-3])(:[0-5]\d){2}$/;

/** True for `''` (no call-back) or a real date-time `YYYY-MM-DD HH:MM:SS` (no 2026-02-30, no 24:00:00). */
export function isSchedule(value: string): boolean {
  // No date parsing, no toJSON: this runs on every call, on both sides, and they were half the cost
  // of checkDisposition. The regex checks the shape and every range but the day; day 0 of the next
  // month is the last day of this one, in a year with the same leap rule (they repeat every 400 years;
  // Date.UTC would read years 0–99 as 1900–1999).
  const m = SCHEDULE.exec(value);
  return m ? +m[3]! > 0 && +m[3]! <= new Date(Date.UTC(2000 + (+m[1]! % 400), +m[2]!, 0)).getUTCDate() : !value;
}

/**
 * Checks a disposition as it arrives from anywhere (a caller, a legacy iframe, the port) and
 * returns a fresh object with exactly the ten fields, missing optional ones as `''`.
 * Refused: a non-object or an object with a foreign prototype, unknown keys (`__proto__`,
 * `constructor` and typos alike), a non-string value, an empty campaign, callerid, guid or l1
 * (the call and its result), a value over its length limit, control characters, a schedule that
 * is not a real `YYYY-MM-DD HH:MM:SS`. `path` prefixes the field named in a failure (`disposition.l1`).
 */
export function checkDisposition(input: unknown, path = 'disposition'): Checked<Disposition> {
  if (!isPlainObject(input)) return invalid(path, 'must be an object');
  // a Set lookup or a trim() replaced by /\S/ measured no faster here (V8 trims a clean string without
  // copying it): the cost was in isSchedule
  for (const key of Object.keys(input)) {
    if (!DISPOSITION_FIELDS.includes(key as DispositionField)) return invalid(`${path}.${key.slice(0, 40)}`, 'is an unknown field');
  }
  const value = {} as Disposition;
  for (let i = 0; i < 10; i++) {
    const key = DISPOSITION_FIELDS[i]!;
    const max = DISPOSITION_MAX_LENGTH[i]!;
    // own keys only: a polluted Object.prototype must not fill a missing field
    const v = Object.hasOwn(input, key) && input[key] !== undefined ? input[key] : '';
    const reason =
      typeof v !== 'string' ? 'must be a string'
      : i < 4 && !v.trim() ? 'is required'
      : v.length > max ? `is longer than ${max} characters`
      : (i > 5 && i < 9 ? CONTROL_EXCEPT_LINES : CONTROL).test(v) ? 'contains a control character'
      : i > 8 && !isSchedule(v) ? 'must be "YYYY-MM-DD HH:MM:SS" or empty'
      : '';
    if (reason) return invalid(`${path}.${key}`, reason);
    value[key] = v as string;
  }
  return { ok: true, value };
}
