import { isOutcomeUnknown } from '@ucbridge/protocol';

/**
 * Runs `start` for a disposition not seen before and remembers its outcome; for one already
 * remembered it returns the first call's promise instead (so a retry joins a pending call, or gets
 * its outcome) and never starts the platform call again: then `joined` is true.
 */
export type Remember = (fields: readonly unknown[], start: () => Promise<unknown>) => [outcome: Promise<unknown>, joined: boolean];

/** The most dispositions one form page remembers; the oldest is forgotten first. A form serves one call. */
const LIMIT = 256;

/** A form window's memory: each disposition's promise, and which of them have their outcome in (only those may be forgotten). */
interface Memory {
  known: Map<string, Promise<unknown>>;
  settled: WeakSet<Promise<unknown>>;
}

/**
 * Where a window keeps its memory: a property under a registered symbol, not a module variable, so
 * that every copy of this library on the form (the script tag and a bundled copy) shares it, as every
 * bridge installed on it does (a restarted bridge remembers too).
 */
const MEMORY = Symbol.for('ucbridge.dispositions');

/**
 * Forgets the oldest disposition whose outcome is in. A pending one is never forgotten: its retry
 * would reach the platform a second time while the first may still succeed. (Pending ones are few:
 * the per-frame limit bounds them.)
 */
function forgetOldestSettled({ known, settled }: Memory): void {
  for (const [key, promise] of known) {
    if (settled.has(promise)) return void known.delete(key);
  }
}

/** A value's text in a key; an object or a function, whose text says nothing, by its kind. */
const asText = (value: unknown) => (value == null ? '' : typeof value == 'object' || typeof value == 'function' ? typeof value : String(value));

/**
 * The memory that makes dispositions idempotent. Where it lives: in the form page (on its window,
 * shared by every bridge and every copy of this library there), not in the CRM: a CRM that reloads,
 * times out or reconnects retries into the same memory. How long: as long as the form page (one
 * call's form, as a rule), at most {@link LIMIT} dispositions whose outcome is in (a pending one is
 * never forgotten). A disposition's key is its ten fields: the same guid with another level or
 * comment is a correction, a new call. What is kept: a pending call, a done one and one whose
 * outcome is unknown (it may have reached the platform); a call that was not done (the platform's
 * error callback, a missing platform function) is forgotten, so a retry may try again.
 */
export function rememberDispositions(win: object): Remember {
  const holder = win as { [MEMORY]?: Memory };
  const memory: Memory = (holder[MEMORY] ??= { known: new Map(), settled: new WeakSet() });
  const { known, settled } = memory;
  return (fields, start) => {
    // the ten values as the platform receives them, as text: a form's own call may pass a number
    // (callerid 59899111222 and 59899333444 are two dispositions; 5 and '5' one), undefined for a missing one
    const key = JSON.stringify(fields.slice(0, 10).map(asText));
    const first = known.get(key);
    if (first) return [first, true];
    const promise = start();
    known.set(key, promise);
    if (known.size > LIMIT) forgetOldestSettled(memory);
    promise.then(
      () => settled.add(promise),
      (error: unknown) => {
        settled.add(promise);
        if (!isOutcomeUnknown(error) && known.get(key) === promise) known.delete(key);
      },
    );
    return [promise, false];
  };
}
