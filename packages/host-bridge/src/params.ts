import { isPlainObject } from '@ucbridge/protocol';

/** Keys that reach an object's prototype when a handler copies or merges params with plain assignment. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * What a form's own action receives as `params`: a copy of what the client sent in which no object,
 * at any depth, has a `__proto__`, `constructor` or `prototype` key (they are left out). Structured
 * clone keeps an own `__proto__` key (`JSON.parse('{"__proto__": {…}}')` makes one), and a handler
 * that deep-merges such params into its own objects would pollute the form's `Object.prototype`.
 * Plain objects and arrays are copied (cycles kept); every other value (a string, a Date, a Map) is
 * passed as it came.
 */
export function safeParams(value: unknown, copies = new Map<object, unknown>()): unknown {
  if (typeof value != 'object' || value === null) return value;
  const done = copies.get(value);
  if (done) return done;
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    copies.set(value, copy);
    for (const item of value) copy.push(safeParams(item, copies));
    return copy;
  }
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  copies.set(value, copy);
  for (const [key, item] of Object.entries(value)) if (!PROTOTYPE_KEYS.has(key)) copy[key] = safeParams(item, copies);
  return copy;
}
