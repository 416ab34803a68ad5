/**
 * Finding main phones that an earlier row has, in flat memory: typed arrays only, no string or
 * object per contact. Two ways share one key:
 *
 * - {@link PhoneLog} (the default, which only reports): each row's key and line are appended to
 *   one of 64 partitions, so writes are sequential and cheap; at the end each partition, small
 *   enough for the CPU's cache, is checked in row order with a small table. 8 bytes per row for
 *   phones that share the first phone's length and leading digits (one country's numbers: the
 *   usual list), 12 for the others (10 M rows: 80–120 MB). A hash table the size of the whole
 *   file is random access on every row: measured about 3× slower on the 1 M-row benchmark.
 * - {@link DuplicatePhones} (`--dedupe`, which must decide on each row as it comes): one open
 *   addressing table sized once from the expected row count, 8 bytes per slot at 0.75 load
 *   (10 M rows: 107 MB, more with the estimate's margin), doubled if more rows come. The CLI's
 *   second pass needs neither: it leaves out exactly the lines the first pass left out.
 *
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

/** A set of phones seen so far, answering as each comes (for `--dedupe`). */
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
}

/**
 * The `listed` smallest lines given to {@link offer}, with their keys, and how many were offered:
 * a report's first lines without holding every duplicate (10 M rows can hold millions).
 */
class FirstLines {
  count = 0;
  readonly lines: number[] = [];
  readonly keys: [number, number][] = [];

  constructor(private readonly listed: number) {}

  offer(line: number, high: number, low: number): void {
    this.count++;
    const lines = this.lines;
    if (lines.length === this.listed && line > lines[lines.length - 1]!) return;
    let at = lines.length;
    while (at > 0 && lines[at - 1]! > line) at--;
    lines.splice(at, 0, line);
    this.keys.splice(at, 0, [high, low]);
    if (lines.length > this.listed) {
      lines.pop();
      this.keys.pop();
    }
  }
}

const PARTITIONS = 64;
const BLOCK_RECORDS = 4096;

/** 64 lists of fixed-width int32 records, each appended in order in 4,096-record blocks. */
class Partitions {
  readonly blocks: Int32Array[][] = Array.from({ length: PARTITIONS }, () => []);
  readonly sizes = new Int32Array(PARTITIONS);
  /** Where {@link reserve} placed the record, in the block it returned. */
  offset = 0;

  constructor(readonly width: number) {}

  /** A block with room for one more record of `partition`, the record's place in {@link offset}. */
  reserve(partition: number): Int32Array {
    const list = this.blocks[partition]!;
    const n = this.sizes[partition]! % BLOCK_RECORDS;
    let block = list[list.length - 1];
    if (block === undefined || n === 0) {
      block = new Int32Array(BLOCK_RECORDS * this.width);
      list.push(block);
    }
    this.sizes[partition]!++;
    this.offset = n * this.width;
    return block;
  }

  /**
   * Adds every record's key of `partition` to `seen`, in order, and offers the line and key of
   * each repeat to `found`; then frees the partition. `common`: the high half of records that hold none.
   */
  check(partition: number, seen: DuplicatePhones, common: number, found: FirstLines): void {
    const list = this.blocks[partition]!;
    const size = this.sizes[partition]!;
    const width = this.width;
    for (let b = 0; b < list.length; b++) {
      const block = list[b]!;
      const end = Math.min(BLOCK_RECORDS, size - b * BLOCK_RECORDS) * width;
      for (let at = 0; at < end; at += width) {
        const high = width === 3 ? block[at]! : common;
        const low = block[at + width - 2]!;
        if (seen.addKey(high, low)) found.offer(block[at + width - 1]!, high, low);
      }
    }
    list.length = 0;
  }
}

/**
 * Phones with their lines, appended as they come and checked for repeats at the end (see the
 * module comment). Most lists are one country's numbers of one length, whose keys share their
 * high half: those rows keep only the low half and the line (8 bytes); others keep all three
 * (12 bytes).
 */
export class PhoneLog {
  private common: number | undefined;
  /** (low, line) of phones whose high half is `common`, by the low half's last bits. */
  private readonly same = new Partitions(2);
  /** (high, low, line) of the others, by a mix of the key. */
  private readonly other = new Partitions(3);

  /** Notes a valid phone (digits with an optional leading `+`) on file line `line`. */
  add(phone: string, line: number): void {
    computeKey(phone);
    this.common ??= keyHigh;
    if (keyHigh === this.common) {
      const block = this.same.reserve(keyLow & (PARTITIONS - 1));
      const at = this.same.offset;
      block[at] = keyLow;
      block[at + 1] = line;
      return;
    }
    // the mix's low bits: a slot in a table is taken from its high bits, which must not all be alike
    const block = this.other.reserve(mix(keyHigh, keyLow) & (PARTITIONS - 1));
    const at = this.other.offset;
    block[at] = keyHigh;
    block[at + 1] = keyLow;
    block[at + 2] = line;
  }

  /** Checks every partition in row order; lists the first `listed` duplicates with their phone. Frees the log. */
  finish(listed: number): DuplicatesFound {
    const found = new FirstLines(listed);
    const common = this.common ?? 0;
    // one table, sized for the largest partition, cleared for each
    const seen = new DuplicatePhones(Math.max(...this.same.sizes, ...this.other.sizes));
    for (let p = 0; p < PARTITIONS; p++) {
      seen.clear();
      this.same.check(p, seen, common, found);
      seen.clear();
      this.other.check(p, seen, common, found);
    }
    return { count: found.count, first: found.lines.map((line, i) => ({ line, phone: phoneOfKey(...found.keys[i]!) })) };
  }
}

/** A growable list of int32 (4 bytes each, where a JS array of numbers takes 8). */
export class IntList {
  private data = new Int32Array(1024);
  private length = 0;

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
