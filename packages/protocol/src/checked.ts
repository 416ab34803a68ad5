/** The outcome of a check: the cleaned value, or the field at fault and why. */
export type Checked<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

/**
 * A failed check. The message always starts with the field it names (`disposition.l1 is
 * required`): one template keeps every message clear and the shipped scripts small.
 */
export function invalid(field: string, reason: string): { ok: false; field: string; message: string } {
  return { ok: false, field, message: `${field} ${reason}` };
}

/**
 * True for an object literal (of any realm, so also one from `postMessage`) — not an array, a
 * `Date`, a class instance, or an object whose prototype was swapped.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  // Object() boxes a primitive (its prototype has a prototype: refused) and turns null or
  // undefined into `{}` (refused by the tag check, which also refuses arrays and dates)
  const proto = Object.getPrototypeOf(Object(value));
  return proto === null || (Object.getPrototypeOf(proto) === null && Object.prototype.toString.call(value) == '[object Object]');
}
