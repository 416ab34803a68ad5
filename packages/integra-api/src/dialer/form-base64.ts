/**
 * Base64 written straight into a form-urlencoded body: `+` and `=` come out as `%2B` and `%3D`
 * (a raw `+` would decode as a space); `/` needs no escaping in a form value (every form decoder
 * leaves it as is) and stays raw, which saves ~8 % of the body. So the 80 MB of a million-contact base never exist as one string (V8 caps
 * strings near 512 MB and a rope of them costs more) and need no second escaping pass.
 * Input arrives in chunks of any size; bytes are taken three at a time across chunk borders.
 */
import { ByteWriter } from './byte-writer.js';
import { NodeBuffer } from './node-buffer.js';

const ALPHABET = new TextEncoder().encode('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
/** Sextet 62, `+`: the only one that needs escaping. */
const PLUS = 62;
const PERCENT = 37;
const TWO = 50;
const THREE = 51;
const B = 66;
const D = 68;
/** Input bytes encoded between two capacity checks (a multiple of 3). */
const SLICE = 3 * 16384;

/** Upper bound of the output for `n` input bytes (every sextet escaped). */
function worstCase(n: number): number {
  return Math.ceil(n / 3) * 12;
}

/** Writes the base64 of 24 bits (`n`), `count` sextets of it (2–4), escaped for a form body. */
function putSextets(out: Uint8Array, o: number, n: number, count: number): number {
  for (let shift = 18, k = 0; k < count; k++, shift -= 6) {
    const s = (n >>> shift) & 63;
    if (s !== PLUS) out[o++] = ALPHABET[s]!;
    else {
      out[o++] = PERCENT;
      out[o++] = TWO;
      out[o++] = B;
    }
  }
  return o;
}

/**
 * Encodes the whole triples of `chunk` from `i` with Node's Buffer (native base64, several times
 * the JS loop's speed), slice by slice (each a
 * multiple of 3 bytes, so no padding), escaping `+`; returns where the leftover bytes start.
 */
function nativeTriples(writer: ByteWriter, chunk: Uint8Array, i: number): number {
  const B = NodeBuffer!;
  const whole = chunk.length - ((chunk.length - i) % 3);
  while (i < whole) {
    const stop = Math.min(whole, i + SLICE);
    const text = B.from(chunk.buffer, chunk.byteOffset + i, stop - i).toString('base64').replaceAll('+', '%2B');
    writer.ensure(text.length);
    writer.pos += B.from(writer.buf.buffer, writer.buf.byteOffset, writer.buf.length).write(text, writer.pos, 'latin1');
    i = stop;
  }
  return i;
}

/** Appends the form-escaped base64 of the concatenation of `chunks` to `writer`. */
export function writeFormBase64(writer: ByteWriter, chunks: readonly Uint8Array[]): void {
  let carry = 0; // pending bytes (0–2) as the high bits of a triple
  let carried = 0;
  for (const chunk of chunks) {
    let i = 0;
    const end = chunk.length;
    // complete a triple begun in the previous chunk
    while (carried > 0 && carried < 3 && i < end) {
      carry = (carry << 8) | chunk[i++]!;
      carried++;
    }
    if (carried === 3) {
      writer.ensure(12);
      writer.pos = putSextets(writer.buf, writer.pos, carry, 4);
      carry = 0;
      carried = 0;
    }
    if (NodeBuffer !== undefined) i = nativeTriples(writer, chunk, i);
    while (end - i >= 3) {
      const stop = i + Math.min(SLICE, end - i - ((end - i) % 3));
      writer.ensure(worstCase(stop - i));
      const out = writer.buf;
      let o = writer.pos;
      for (; i < stop; i += 3) {
        const n = (chunk[i]! << 16) | (chunk[i + 1]! << 8) | chunk[i + 2]!;
        // the common case inline: no sextet needs escaping
        const a = n >>> 18;
        const b = (n >>> 12) & 63;
        const c = (n >>> 6) & 63;
        const d = n & 63;
        if (a !== PLUS && b !== PLUS && c !== PLUS && d !== PLUS) {
          out[o] = ALPHABET[a]!;
          out[o + 1] = ALPHABET[b]!;
          out[o + 2] = ALPHABET[c]!;
          out[o + 3] = ALPHABET[d]!;
          o += 4;
        } else {
          o = putSextets(out, o, n, 4);
        }
      }
      writer.pos = o;
    }
    while (i < end) {
      carry = (carry << 8) | chunk[i++]!;
      carried++;
    }
  }
  if (carried > 0) {
    // 1 byte → 2 sextets + 2 pads; 2 bytes → 3 sextets + 1 pad
    writer.ensure(12);
    const n = carry << (carried === 1 ? 16 : 8);
    writer.pos = putSextets(writer.buf, writer.pos, n, carried + 1);
    for (let k = carried; k < 3; k++) writer.pos = writer.put3(PERCENT, THREE, D);
  }
}
