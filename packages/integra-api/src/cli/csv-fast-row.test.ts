import { describe, expect, it } from 'vitest';
import { DialerBaseBuilder } from '../dialer/builder.js';
import type { DialerBase } from '../dialer/types.js';
import { planColumns } from './columns.js';
import { FastCsvRows, bytesToText, csvContact, isBlankBytes, textToBytes } from './csv-fast-row.js';

const HEADER = ['phone', 'nombre', 'altPhones', 'priority', 'agentPhone', 'Dirección'];
const b = (text: string): string => textToBytes(text);
/** Raw bytes as a byte string, for sequences that are not valid UTF-8. */
const raw = (...bytes: number[]): string => String.fromCharCode(...bytes);

const PHONES = ['098344484', '+59899123456', ' 098344484', '09834A484', '', '12', b('0983\u00a044484'), 'M=0=098447120'];
const VALUES = ['Ana', b('Pérez, Juan'), 'a:b', 'a;b', 'x=y', 'tab\there', 'c\u0001', '\u007f', b('€ 😀'), b('\ufffd'), ' sp ', '', b('NBSP\u00a0'), b('à'), 'two\nlines',
  raw(0xed, 0xa0, 0x80), raw(0xc3), raw(0xff), raw(0xe0, 0x80, 0x80), raw(0xf4, 0x90, 0x80, 0x80), raw(0xc3, 0xa9, 0x41), raw(0xf0, 0x9f, 0x98),
  // issue 11 case 7: every kind of forbidden character, as UTF-8 bytes, beside allowed neighbours
  b('hello\u2028Other->'), b('a\u2029b'), b('a\u0085b'), b('\u0093Hola\u0094'), b('\u0080'), b('\u009f'), b('a\u200bb'), b('a\u200db'), b('\u200e'), b('\u202e'), b('\u2066'),
  b('\u2069'), b('\u061c'), b('\u180e'), b('\u2060'), b('\u2064'), b('\ufeff'), b('\u00a0\u00ad\u2027\u202f\u2065\u2070'), b('ok \u200a \u2010'), b('日本語'), b('\u{1F600}')];
const ALTS = ['', '099124484', '099124484|M=0=099111111', '099124484:099111111', ' 099124484 ', 'X=0=099111111', '099|', 'M=1=099'];
const PRIORITIES = ['', '5', '9999', '10000', '0', '007', 'alta', ' 5'];
const AGENTS = ['', '1001', '+1', 'x1', ' 1001'];

function base(rows: string[][], fast: boolean): DialerBase {
  const builder = new DialerBaseBuilder({ campaign: 'Ventas<-', filename: 'x', maxLines: 50, maxProblems: 100_000 });
  const { plan } = planColumns(HEADER);
  const rowsIn = new FastCsvRows(builder, plan);
  rows.forEach((row, i) => (fast ? rowsIn.add(row, i + 2) : builder.add(csvContact(row.map(bytesToText), plan), i + 2)));
  return builder.finish();
}

const bytesOf = (d: DialerBase): string[] => d.parts.map((p) => Buffer.concat(p.chunks).toString('utf8'));

describe('FastCsvRows (the CLI fast path)', () => {
  it('gives the same lines, parts and problems as the ordinary path, row by row', () => {
    let seed = 3;
    const pick = <T>(xs: readonly T[]): T => xs[((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % xs.length]!;
    const rows = Array.from({ length: 12_000 }, () => [pick(PHONES), pick(VALUES), pick(ALTS), pick(PRIORITIES), pick(AGENTS), pick(VALUES)]);
    const fast = base(rows, true);
    const plain = base(rows, false);
    expect(fast.contacts).toBeGreaterThan(50); // some valid rows, several parts
    expect(fast.parts.length).toBeGreaterThan(1);
    expect(bytesOf(fast)).toEqual(bytesOf(plain));
    expect(fast.problems).toEqual(plain.problems);
    expect(fast.problemCount).toBe(plain.problemCount);
  });

  it('writes accents as their UTF-8 bytes and | as :', () => {
    const d = base([['098344484', b('José Núñez €'), '099124484|M=0=099111111', '5', '1001', b('Av. 18 de Julio, Montevideo')]], true);
    expect(bytesOf(d)).toEqual(['Ventas<-;098344484;nombre=José Núñez €:Dirección=Av. 18 de Julio, Montevideo;099124484:M=0=099111111;5;1001']);
  });

  it('reports bytes that are not UTF-8 as U+FFFD, like a decoder would', () => {
    const d = base([['098344484', raw(0x50, 0xe9, 0x72, 0x65, 0x7a), '', '', '', '']], true);
    expect(d.problems).toMatchObject([{ line: 2, field: 'vars.nombre', value: 'P\ufffdrez' }]);
    expect(d.problems[0]!.reason).toContain('U+FFFD');
    expect(d.problems[0]!.reason).not.toContain('--encoding'); // the file's encoding is chosen before: no hint that could fail
  });

  it('isBlankBytes: blank once decoded', () => {
    expect(isBlankBytes('')).toBe(true);
    expect(isBlankBytes(' \t')).toBe(true);
    expect(isBlankBytes(b('\u00a0 '))).toBe(true);
    expect(isBlankBytes(raw(0xa0))).toBe(false); // a lone continuation byte is U+FFFD, not a space
  });
});
