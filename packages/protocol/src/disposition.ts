import { invalid, isPlainObject, type Checked } from './checked.js';
import type { Disposition, DispositionField } from './types.js';

/** The fields of a disposition in the order `UC_DispositionCall` takes them. */
export const DISPOSITION_FIELDS: readonly DispositionField[] = ['campaign', 'callerid', 'guid', 'l1', 'l2', 'l3', 'd1', 'd2', 'comment', 'schedule'];

/**
 * Longest value accepted per field, in UTF-16 units, in the order above. Generous for real data,
 * small enough that a hostile frame cannot push megabytes into the platform.
 */
export const DISPOSITION_MAX_LENGTH: readonly number[] = [128, 64, 128, 128, 128, 128, 1024, 1024, 4096, 19];

/** How many leading fields must be non-empty: campaign, callerid, guid (the call) and l1 (its result). */
const REQUIRED = 4;

// Control characters never belong in a value; d1, d2 and comment (index ≥ 6, not schedule) may hold tabs and line breaks.
const CONTROL = /[\0-\x1f\x7f]/;
const CONTROL_EXCEPT_LINES = /[\0-\x08\x0b\x0c\x0e-\x1f\x7f]/;
const SCHEDULE = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)$/;

/** `YYYY-MM-DD HH:MM:SS` in the browser's local time — the agent's clock, as the console expects. */
export function formatSchedule(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/** True for `''` (no call-back) or a real date-time `YYYY-MM-DD HH:MM:SS` (no 2026-02-30, no 24:00:00). */
export function isSchedule(value: string): boolean {
  const m = SCHEDULE.exec(value);
  if (!m) return value === '';
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d);
  return date.getMonth() === mo - 1 && date.getDate() === d && h < 24 && mi < 60 && s < 60;
}

/**
 * Checks a disposition as it arrives from anywhere (a caller, a legacy iframe, the port) and
 * returns a fresh object with exactly the ten fields, missing optional ones as `''`.
 * Refused: a non-object or an object with a foreign prototype, unknown keys (`__proto__`,
 * `constructor` and typos alike), a non-string value, an empty required field, a value over its
 * length limit, control characters, a schedule that is not a real `YYYY-MM-DD HH:MM:SS`.
 * `path` prefixes the field named in a failure (`disposition.l1`).
 */
export function checkDisposition(input: unknown, path = 'disposition'): Checked<Disposition> {
  if (!isPlainObject(input)) return invalid(path, `${path} must be an object`);
  for (const key of Object.keys(input)) {
    if (!DISPOSITION_FIELDS.includes(key as DispositionField)) return invalid(`${path}.${key}`, `${path} has an unknown field "${key.slice(0, 40)}"`);
  }
  const value = {} as Disposition;
  for (let i = 0; i < DISPOSITION_FIELDS.length; i++) {
    const key = DISPOSITION_FIELDS[i]!;
    const field = `${path}.${key}`;
    const v = Object.hasOwn(input, key) && input[key] !== undefined ? input[key] : '';
    if (typeof v !== 'string') return invalid(field, `${field} must be a string`);
    if (i < REQUIRED && !v.trim()) return invalid(field, `${field} is required`);
    if (v.length > DISPOSITION_MAX_LENGTH[i]!) return invalid(field, `${field} is longer than ${DISPOSITION_MAX_LENGTH[i]} characters`);
    if ((i >= 6 && i < 9 ? CONTROL_EXCEPT_LINES : CONTROL).test(v)) return invalid(field, `${field} contains a control character`);
    if (key === 'schedule' && !isSchedule(v)) return invalid(field, `${field} must be "YYYY-MM-DD HH:MM:SS" or empty`);
    value[key] = v;
  }
  return { ok: true, value };
}
