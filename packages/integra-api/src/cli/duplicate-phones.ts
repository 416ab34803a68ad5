/**
 * Finds main phones that appeared before, in flat memory: 8 bytes per table slot, one typed
 * array, no string or object per contact (10 M contacts: about 107 MB at the 0.75 load the
 * table is sized for, allocated once from the expected row count).
 *
 * The key of a phone is exact, not a hash, for every phone of up to 17 digits (E.164 numbers
 * have at most 15): the last 9 digits as a number (< 2^30) with the leading `+` in bit 30, and
 * the digits before them (at most 8, < 2^27) with the digit count in the top 5 bits, so leading
 * zeros count (`099…` is not `99…`). Equal keys are equal phones: no collision to re-check.
 * Longer phones (18–20 digits, which no plan uses) take a 59-bit hash in a key space of their
 * own (digit count 31): two of them could collide with a chance near 2^-59 per pair.
 *
 * Open addressing with linear probing; the slot is `key * slots / 2^32` of a mixed 32-bit hash
 * (any table size, no power of two to round up to). Over 0.85 load (more rows than expected)
 * the table doubles.
 */

const MAX_EXACT_DIGITS = 17;
const TWO_27 = 1 << 27;
const TWO_30 = 1 << 30;
const LOAD = 0.75;
const MAX_LOAD = 0.85;
const MIN_SLOTS = 1 << 12;

/** A set of phones seen so far. Phones must be valid: digits with an optional leading `+`. */
export class DuplicatePhones {
  // int32 halves (`| 0`): V8 keeps them unboxed, where uint32 above 2^30 would be heap numbers
  private table: Int32Array;
  private slots: number;
  private count = 0;

  /** `expected`: about how many phones will be added (the table is sized for it once). */
  constructor(expected: number) {
    this.slots = Math.max(MIN_SLOTS, Math.ceil(expected / LOAD));
    this.table = new Int32Array(this.slots * 2);
  }

  /** Adds `phone`; `true` when it was added before (a duplicate). */
  add(phone: string): boolean {
    const length = phone.length;
    const plus = phone.charCodeAt(0) === 43 ? 1 : 0;
    const digits = length - plus;
    let high: number;
    let low: number;
    if (digits > MAX_EXACT_DIGITS) {
      [high, low] = longKey(phone);
    } else {
      const split = Math.max(plus, length - 9);
      let head = 0;
      for (let i = plus; i < split; i++) head = head * 10 + (phone.charCodeAt(i) - 48);
      let tail = 0;
      for (let i = split; i < length; i++) tail = tail * 10 + (phone.charCodeAt(i) - 48);
      high = (digits * TWO_27 + head) | 0;
      low = (plus * TWO_30 + tail) | 0;
    }
    const table = this.table;
    const slots = this.slots;
    let slot = slotOf(high, low, slots);
    for (;;) {
      const stored = table[slot * 2]!;
      if (stored === 0) break;
      if (stored === high && table[slot * 2 + 1] === low) return true;
      slot = slot + 1 === slots ? 0 : slot + 1;
    }
    table[slot * 2] = high;
    table[slot * 2 + 1] = low;
    if (++this.count > this.slots * MAX_LOAD) this.grow();
    return false;
  }

  private grow(): void {
    const old = this.table;
    const oldSlots = this.slots;
    this.slots = oldSlots * 2;
    this.table = new Int32Array(this.slots * 2);
    for (let s = 0; s < oldSlots; s++) {
      const high = old[s * 2]!;
      if (high === 0) continue;
      const low = old[s * 2 + 1]!;
      let slot = slotOf(high, low, this.slots);
      while (this.table[slot * 2] !== 0) slot = slot + 1 === this.slots ? 0 : slot + 1;
      this.table[slot * 2] = high;
      this.table[slot * 2 + 1] = low;
    }
  }
}

/** The key of a phone of more than 17 digits: a 59-bit hash, with the digit count field at 31 (never an exact key's). */
function longKey(phone: string): [number, number] {
  let first = 0x811c9dc5;
  let second = 0x01000193;
  for (let i = 0; i < phone.length; i++) {
    const c = phone.charCodeAt(i);
    first = Math.imul(first ^ c, 0x01000193);
    second = Math.imul(second ^ c, 0x5bd1e995) ^ (second >>> 13);
  }
  return [(31 * TWO_27 + (first & (TWO_27 - 1))) | 0, second | 0];
}

/** A slot for a key: a murmur3-style mix of both halves, scaled to the table. */
function slotOf(high: number, low: number, slots: number): number {
  let h = Math.imul(high, 0xcc9e2d51) ^ low;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return Math.floor(((h >>> 0) / 4294967296) * slots);
}
