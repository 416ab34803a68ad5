import { invalid, isPlainObject, type Checked } from './checked.js';
import { CONTROL } from './disposition.js';

/**
 * One string field of a message: its name, the longest value accepted (UTF-16 units), whether it is
 * required (non-blank), and an optional pattern a non-empty value must match with the reason to give.
 */
export type FieldRule = readonly [name: string, max: number, required?: boolean, pattern?: RegExp, reason?: string];

/**
 * Checks a flat object of strings against `rules`, with the disposition's rules (see `checkDisposition`):
 * a plain object (`undefined` counts as `{}`), own keys only, no unknown key (`__proto__` and
 * `constructor` included), every value a string, required ones non-blank, lengths bounded, no control
 * characters. Returns a fresh object with every field of `rules` (missing optional ones as `''`).
 * `path` prefixes the field named in a failure (`params.destination`).
 */
export function checkFields(input: unknown, path: string, rules: readonly FieldRule[]): Checked<Record<string, string>> {
  const object = input === undefined ? {} : input;
  if (!isPlainObject(object)) return invalid(path, 'must be an object');
  for (const key of Object.keys(object)) {
    if (!rules.some(([name]) => name === key)) return invalid(`${path}.${key.slice(0, 40)}`, 'is an unknown field');
  }
  const value: Record<string, string> = {};
  for (const [name, max, required, pattern, because] of rules) {
    // own keys only: a polluted Object.prototype must not fill a missing field
    const v = Object.hasOwn(object, name) && object[name] !== undefined ? object[name] : '';
    const reason =
      typeof v !== 'string' ? 'must be a string'
      : required && !v.trim() ? 'is required'
      : v.length > max ? `is longer than ${max} characters`
      : CONTROL.test(v) ? 'contains a control character'
      : v && pattern && !pattern.test(v) ? because!
      : '';
    if (reason) return invalid(`${path}.${name}`, reason);
    value[name] = v as string;
  }
  return { ok: true, value };
}
