import { describe, expect, it } from 'vitest';
import { ByteWriter } from './byte-writer.js';
import { writeFormBase64 } from './form-base64.js';
import { encodeUploadBody } from './upload-body.js';

/** The reference: Node's base64 with + and = percent-encoded (/ may stay raw in a form value). */
function reference(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64').replaceAll('+', '%2B').replaceAll('=', '%3D');
}

function encodeChunks(chunks: Uint8Array[]): string {
  const w = new ByteWriter(4); // tiny on purpose: growth is exercised
  writeFormBase64(w, chunks);
  return Buffer.from(w.bytes()).toString('latin1');
}

describe('writeFormBase64', () => {
  it('equals base64 + form encoding for every length 0–64 and every split into two chunks', () => {
    let seed = 7;
    for (let n = 0; n <= 64; n++) {
      const bytes = new Uint8Array(n).map(() => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
      const expected = reference(bytes);
      for (let cut = 0; cut <= n; cut++) {
        expect(encodeChunks([bytes.subarray(0, cut), bytes.subarray(cut)])).toBe(expected);
      }
    }
  });

  it('escapes + and = but not / (bytes 0xfb 0xff give "+/" sextets), and decodes back with URLSearchParams', () => {
    expect(encodeChunks([new Uint8Array([0xfb, 0xff])])).toBe('%2B/8%3D');
    const bytes = new Uint8Array(3000).map((_, i) => (i * 197 + 89) & 255);
    const decoded = new URLSearchParams(`f=${encodeChunks([bytes])}`).get('f')!;
    expect(Buffer.from(decoded, 'base64').equals(Buffer.from(bytes))).toBe(true);
  });

  it('handles many one-byte chunks and a large input', () => {
    const big = new Uint8Array(200_003).map((_, i) => (i * 31 + (i >> 7)) & 255);
    const pieces = [big.subarray(0, 1), big.subarray(1, 2), big.subarray(2, 100_000), big.subarray(100_000)];
    expect(encodeChunks(pieces)).toBe(reference(big));
  });
});

describe('encodeUploadBody', () => {
  it('is the documented form: filename, fileb64, campaign (<- encoded), cant, username', () => {
    const file = new TextEncoder().encode('Sales<-;098344484;nombre=José;;;');
    const body = Buffer.from(encodeUploadBody({ filename: 'leads', cant: 1, bytes: file.length, chunks: [file] }, 'Sales<-', 'api')).toString();
    expect(body.startsWith('filename=leads&fileb64=')).toBe(true);
    expect(body.endsWith('&campaign=Sales%3C-&cant=1&username=api')).toBe(true);
    const fields = new URLSearchParams(body);
    expect(Buffer.from(fields.get('fileb64')!, 'base64').toString('utf8')).toBe('Sales<-;098344484;nombre=José;;;');
  });
});
