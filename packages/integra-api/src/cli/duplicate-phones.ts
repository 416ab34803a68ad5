/**
 * Finding main phones that an earlier row has, in flat memory: typed arrays only, no string or
 * object per contact. Two ways share one key:
 *
 * - {@link PhoneLog} (every reading of a file): each row's key is appended to one of
 *   64 partitions, so writes are sequential and cheap; at the end each partition, small enough
 *   for the CPU's cache, is checked in row order with a small table. 5 bytes per row for phones
 *   that share the first phone's length and leading digits (one country's numbers: the usual
 *   list), 9 for the others (10 M rows: 50–90 MB); lines are not kept but found again from the
 *   order of the rows: the few the report lists, or, for `--dedupe`, every repeat's line (4 bytes
 *   each), which a second reading then leaves out. A hash table the size of the whole file is
 *   random access on every row: measured about 3× slower on the 1 M-row benchmark, and at 10 M
 *   rows it pushed `--dedupe`'s peak RSS to 306 MiB (bench/results/dialer-2026-12-01.md).
 * - {@link DuplicatePhones}: the open addressing table (8 bytes per slot at 0.75 load, doubled
 *   if more keys come than expected) that checks one partition at a time.

 * The key of a phone is exact, not a hash, for every phone of up to 17 digits (E.164 numbers
 * have at most 15): the last 9 digits as a number (< 2^30) with the leading `+` in bit 30, and
 * the digits before them (at most 8, < 2^27) with the digit count in the top 5 bits, so leading
 * zeros count (`099…` is not `99…`). Equal keys are equal phones: there is no collision to
 * re-check. Longer phones (18–20 digits, which no numbering plan uses) take a 59-bit hash in a
 * key space of their own (digit count 31); two of them could collide with a chance near 2^-59.
 */

const MAX_EXACT_DIGITS = 17;
const LONG = 31;
const TWO_27 = 1 << 27;
const TWO_30 = 1 << 30;
const LOAD = 0.75;
const MAX_LOAD = 0.85;
const MIN_SLOTS = 1 << 10;

// the key of the last phone given to computeKey: two int32 (`| 0` keeps V8 from boxing them)
let keyHigh = 0;
let keyLow = 0;

/** Sets keyHigh/keyLow for a valid phone (digits with an optional leading `+`); keyHigh is never 0. */
function computeKey(phone: string): void {
  const length = phone.length;
  const plus = phone.charCodeAt(0) === 43 ? 1 : 0;
  const digits = length - plus;
  if (digits > MAX_EXACT_DIGITS) {
    let first = 0x811c9dc5;
    let second = 0x01000193;
    for (let i = 0; i < length; i++) {
      const c = phone.charCodeAt(i);
      first = Math.imul(first ^ c, 0x01000193);
      second = Math.imul(second ^ c, 0x5bd1e995) ^ (second >>> 13);
    }
    keyHigh = (LONG * TWO_27 + (first & (TWO_27 - 1))) | 0;
    keyLow = second | 0;
    return;
  }
  const split = Math.max(plus, length - 9);
  let head = 0;
  for (let i = plus; i < split; i++) head = head * 10 + (phone.charCodeAt(i) - 48);
  let tail = 0;
  for (let i = split; i < length; i++) tail = tail * 10 + (phone.charCodeAt(i) - 48);
  keyHigh = (digits * TWO_27 + head) | 0;
  keyLow = (plus * TWO_30 + tail) | 0;
}

/** The phone an exact key stands for (a long phone's key is a hash: it says so instead). */
export function phoneOfKey(high: number, low: number): string {
  const digits = Math.floor((high >>> 0) / TWO_27);
  if (digits === LONG) return '(a phone of more than 17 digits)';
  const head = (high >>> 0) % TWO_27;
  const tail = (low >>> 0) % TWO_30;
  const plus = (low >>> 0) >= TWO_30 ? '+' : '';
  return digits > 9 ? `${plus}${String(head).padStart(digits - 9, '0')}${String(tail).padStart(9, '0')}` : `${plus}${String(tail).padStart(digits, '0')}`;
}

/** A 32-bit murmur3-style mix of a key. */
function mix(high: number, low: number): number {
  let h = Math.imul(high, 0xcc9e2d51) ^ low;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A set of phones seen so far, answering as each comes (one {@link PhoneLog} partition at a time). */
export class DuplicatePhones {
  private table: Int32Array;
  private slots: number;
  private count = 0;

  /** `expected`: about how many phones will be added (the table is sized for it once). */
  constructor(expected: number) {
    this.slots = Math.max(MIN_SLOTS, Math.ceil(expected / LOAD));
    this.table = new Int32Array(this.slots * 2);
  }

  /** Forgets every key, keeping the table's size (one table serves each partition in turn). */
  clear(): void {
    this.table.fill(0);
    this.count = 0;
  }

  /** Adds `phone` (valid: digits with an optional leading `+`); `true` when it was added before. */
  add(phone: string): boolean {
    computeKey(phone);
    return this.addKey(keyHigh, keyLow);
  }

  /** Adds a key; `true` when it was added before. */
  addKey(high: number, low: number): boolean {
    const table = this.table;
    const slots = this.slots;
    let slot = Math.floor((mix(high, low) / 4294967296) * slots);
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
    this.count = 0;
    for (let s = 0; s < oldSlots; s++) if (old[s * 2] !== 0) this.addKey(old[s * 2]!, old[s * 2 + 1]!);
  }
}

/** Duplicates found: how many, and the first lines with their phone. */
export interface DuplicatesFound {
  count: number;
  /** The first `listed` of them (by line) with the phone. */
  first: { line: number; phone: string }[];
  /** The lines of all of them, ascending, when asked for (`allLines`); else the first `listed`. */
  all: Int32Array;
}

const PARTITIONS = 64;
const BLOCK_RECORDS = 4096;
const ORDER_BLOCK = 1 << 20;

/** A list of int32 records of one width, appended in 4,096-record blocks (growing copies nothing). */
class Records {
  readonly blocks: Int32Array[] = [];
  size = 0;
  /** Where {@link reserve} placed the record, in the block it returned. */
  offset = 0;

  constructor(readonly width: number) {}

  /** A block with room for one more record, the record's place in {@link offset}. */
  reserve(): Int32Array {
    const n = this.size++ % BLOCK_RECORDS;
    if (n === 0) this.blocks.push(new Int32Array(BLOCK_RECORDS * this.width));
    this.offset = n * this.width;
    return this.blocks[this.blocks.length - 1]!;
  }
}

/**
 * Phones with their lines, appended as they come and checked for repeats at the end (see the
 * module comment). Most lists are one country's numbers of one length, whose keys share their
 * high half: those phones keep only the low half (4 bytes), the others both (8 bytes), in 64 + 64
 * partitions; one byte per phone says which partition it went to, so a repeat's place in its
 * partition gives back its order in the file, and its line (the lines are kept only where the
 * line stops being the order plus a constant: a skipped or bad row). 10 M rows: about 50 MB.
 */
export class PhoneLog {
  private common: number | undefined;
  /** Partitions 0–63: the low half of phones whose high half is `common`; 64–127: (high, low) of the others. */
  private readonly partitions: Records[] = [...Array.from({ length: PARTITIONS }, () => new Records(1)), ...Array.from({ length: PARTITIONS }, () => new Records(2))];
  /** The partition of each phone, in the order added, in 1 MiB blocks. */
  private readonly order: Uint8Array[] = [];
  private added = 0;
  /** Pairs (order, line − order) where `line − order` changes, ascending. */
  private readonly shifts = new IntList();
  private shift = Number.NaN;

  /** Notes a valid phone (digits with an optional leading `+`) on file line `line` (lines ascending). */
  add(phone: string, line: number): void {
    computeKey(phone);
    this.common ??= keyHigh;
    const at = this.added++;
    if (line - at !== this.shift) {
      this.shift = line - at;
      this.shifts.push(at, this.shift);
    }
    // the mix's low bits: a slot in a table is taken from its high bits, which must not all be alike
    const partition = keyHigh === this.common ? keyLow & (PARTITIONS - 1) : PARTITIONS + (mix(keyHigh, keyLow) & (PARTITIONS - 1));
    const records = this.partitions[partition]!;
    const block = records.reserve();
    if (records.width === 1) block[records.offset] = keyLow;
    else {
      block[records.offset] = keyHigh;
      block[records.offset + 1] = keyLow;
    }
    if (at % ORDER_BLOCK === 0) this.order.push(new Uint8Array(ORDER_BLOCK));
    this.order[this.order.length - 1]![at % ORDER_BLOCK] = partition;
  }

  /**
   * Checks every partition in order; lists the first `listed` duplicates with their phone and,
   * with `allLines`, gives every duplicate's line (ascending, 4 bytes each: `--dedupe`'s lines to
   * leave out; the first row of each phone is never among them). Frees the log.
   */
  finish(listed: number, allLines = false): DuplicatesFound {
    const common = this.common ?? 0;
    // one table, sized for the largest partition, cleared for each
    const seen = new DuplicatePhones(Math.max(...this.partitions.map((p) => p.size)));
    let count = 0;
    // per partition: the places of its repeats (all of them, or the first `listed`), and the first `listed` keys
    const places: IntList[] = [];
    const keys: number[][] = [];
    for (const records of this.partitions) {
      seen.clear();
      const place = new IntList();
      const key: number[] = [];
      const { width } = records;
      for (let b = 0; b < records.blocks.length; b++) {
        const block = records.blocks[b]!;
        const end = Math.min(BLOCK_RECORDS, records.size - b * BLOCK_RECORDS) * width;
        for (let at = 0; at < end; at += width) {
          const high = width === 2 ? block[at]! : common;
          if (!seen.addKey(high, block[at + width - 1]!)) continue;
          count++;
          if (key.length < listed * 2) key.push(high, block[at + width - 1]!);
          if (allLines || place.size < listed) place.push(b * BLOCK_RECORDS + at / width);
        }
      }
      records.blocks.length = 0;
      places.push(place);
      keys.push(key);
    }
    return { count, ...this.lines(places, keys, listed, allLines ? count : listed) };
  }

  /**
   * Walks the order of partitions to turn each partition's repeats (by place) into file lines,
   * ascending, until `wanted` are found: the first `listed` with their phone, all in `all`.
   */
  private lines(places: IntList[], keys: number[][], listed: number, wanted: number): Pick<DuplicatesFound, 'first' | 'all'> {
    const placed = new Int32Array(2 * PARTITIONS);
    const next = new Int32Array(2 * PARTITIONS);
    const lists = places.map((p) => p.values());
    const shifts = this.shifts.values();
    const first: DuplicatesFound['first'] = [];
    const all = new Int32Array(wanted);
    let found = 0;
    let shift = 0;
    for (let at = 0; at < this.added && found < wanted; at++) {
      const partition = this.order[Math.floor(at / ORDER_BLOCK)]![at % ORDER_BLOCK]!;
      const place = placed[partition]!++;
      const list = lists[partition]!;
      const i = next[partition]!;
      if (i >= list.length || list[i] !== place) continue;
      next[partition] = i + 1;
      while (shift + 2 < shifts.length && shifts[shift + 2]! <= at) shift += 2;
      const line = at + shifts[shift + 1]!;
      all[found++] = line;
      const key = keys[partition]!;
      if (first.length < listed && i * 2 < key.length) first.push({ line, phone: phoneOfKey(key[i * 2]!, key[i * 2 + 1]!) });
    }
    this.order.length = 0;
    return { first, all: all.subarray(0, found) };
  }
}

/** A growable list of int32 (4 bytes each, where a JS array of numbers takes 8). */
export class IntList {
  private data = new Int32Array(16);
  private length = 0;

  /** How many int32 it holds. */
  get size(): number {
    return this.length;
  }

  push(first: number, second?: number): void {
    if (this.length + 2 > this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = first;
    if (second !== undefined) this.data[this.length++] = second;
  }

  values(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}
