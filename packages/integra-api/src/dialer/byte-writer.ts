/**
 * A growable byte buffer: the upload body is written into one `Uint8Array` sized from an
 * estimate, so sending it needs no concatenation (`integraPost` takes one `Uint8Array`).
 */
export class ByteWriter {
  /** The storage; bytes `[0, pos)` are written. Replaced when it grows. */
  buf: Uint8Array;
  /** Bytes written so far. */
  pos = 0;

  constructor(capacity: number) {
    this.buf = new Uint8Array(Math.max(16, capacity));
  }

  /** Makes room for `n` more bytes (doubling, so appends stay linear). */
  ensure(n: number): void {
    const need = this.pos + n;
    if (need <= this.buf.length) return;
    const next = new Uint8Array(Math.max(need, this.buf.length * 2));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  /** Appends bytes. */
  write(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  /** Appends three bytes (room must have been ensured); returns the new `pos`. */
  put3(a: number, b: number, c: number): number {
    const { buf } = this;
    buf[this.pos] = a;
    buf[this.pos + 1] = b;
    buf[this.pos + 2] = c;
    return (this.pos += 3);
  }

  /** The bytes written (a view, not a copy). */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }
}
