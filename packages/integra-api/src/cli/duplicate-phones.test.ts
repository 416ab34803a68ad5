import { describe, expect, it } from 'vitest';
import { DuplicatePhones, PhoneLog } from './duplicate-phones.js';

describe('DuplicatePhones', () => {
  it('finds a phone seen before, and tells apart phones that differ only by leading zeros or the +', () => {
    const seen = new DuplicatePhones(10);
    for (const phone of ['099123456', '99123456', '+099123456', '0099123456', '+59899123456', '598991234560']) expect(seen.add(phone), phone).toBe(false);
    expect(seen.add('099123456')).toBe(true);
    expect(seen.add('+59899123456')).toBe(true);
    expect(seen.add('59899123456')).toBe(false);
  });

  it('is exact for every length up to 17 digits, and hashes longer phones apart', () => {
    const seen = new DuplicatePhones(100);
    const phones: string[] = [];
    for (let digits = 3; digits <= 20; digits++) {
      phones.push('1'.repeat(digits), `+${'1'.repeat(digits)}`, `0${'9'.repeat(digits - 1)}`, `${'9'.repeat(digits - 1)}8`);
    }
    for (const phone of phones) expect(seen.add(phone), phone).toBe(false);
    for (const phone of phones) expect(seen.add(phone), phone).toBe(true);
  });

  it('keeps every phone when more come than expected (the table grows)', () => {
    const seen = new DuplicatePhones(10);
    const n = 50_000;
    let repeats = 0;
    for (let i = 0; i < n; i++) if (seen.add(`09${String(i).padStart(7, '0')}`)) repeats++;
    expect(repeats).toBe(0);
    for (let i = 0; i < n; i += 7) if (seen.add(`09${String(i).padStart(7, '0')}`)) repeats++;
    expect(repeats).toBe(Math.ceil(n / 7));
  });
});

describe('PhoneLog (duplicates checked at the end)', () => {
  it('finds the same repeats, with their lines, as the table that decides row by row', () => {
    let seed = 7;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const phones = Array.from({ length: 30_000 }, () => {
      const r = next();
      return r % 5 === 0 ? `+598${String(r % 5000).padStart(8, '0')}` : `09${String(r % 20_000).padStart(7, '0')}`;
    });
    const table = new DuplicatePhones(100);
    const expected = phones.flatMap((p, i) => (table.add(p) ? [{ line: i + 2, phone: p }] : []));
    const log = new PhoneLog();
    phones.forEach((p, i) => log.add(p, i + 2));
    const found = log.finish(100);
    expect(expected.length).toBeGreaterThan(1000);
    expect(found.count).toBe(expected.length);
    expect(found.first).toEqual(expected.slice(0, 100));
    // every one of them, listed
    const all = new PhoneLog();
    phones.forEach((p, i) => all.add(p, i + 2));
    expect(all.finish(expected.length).first).toEqual(expected);
  });

  it('gives each repeat its own line when lines skip (blank rows, bad rows, values over several lines)', () => {
    const rows: [string, number][] = [['099000001', 2], ['099000002', 3], ['099000001', 7], ['+59899000001', 8], ['099000002', 40], ['+59899000001', 41], ['099000001', 1_000_000]];
    const log = new PhoneLog();
    for (const [phone, line] of rows) log.add(phone, line);
    expect(log.finish(100)).toEqual({
      count: 4,
      first: [
        { line: 7, phone: '099000001' },
        { line: 40, phone: '099000002' },
        { line: 41, phone: '+59899000001' },
        { line: 1_000_000, phone: '099000001' },
      ],
      all: new Int32Array([7, 40, 41, 1_000_000]),
    });
  });

  it('gives the phone back from its key, leading zeros and + included', () => {
    const log = new PhoneLog();
    ['0001234', '0001234', '+00598991234567', '+00598991234567', '12345678901234567890', '12345678901234567890'].forEach((phone, i) => log.add(phone, i + 1));
    expect(log.finish(10).first).toEqual([
      { line: 2, phone: '0001234' },
      { line: 4, phone: '+00598991234567' },
      { line: 6, phone: '(a phone of more than 17 digits)' },
    ]);
  });

  it('gives every repeat\'s line (for --dedupe to leave out), ascending, the first of each phone never among them, beyond the few it lists', () => {
    let seed = 11;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    // two kinds of phone (two key widths), lines that skip now and then
    const rows = Array.from({ length: 40_000 }, (_, i) => {
      const r = next();
      return { phone: r % 4 === 0 ? `+598${String(r % 3000).padStart(8, '0')}` : `09${String(r % 25_000).padStart(7, '0')}`, line: i * 3 + (i % 7 === 0 ? 2 : 0) + 2 };
    });
    const firstSeen = new Set<string>();
    const expected = rows.filter(({ phone }) => firstSeen.has(phone) || !firstSeen.add(phone)).map((r) => r.line);
    const log = new PhoneLog();
    for (const { phone, line } of rows) log.add(phone, line);
    const found = log.finish(10, true);
    expect(expected.length).toBeGreaterThan(10_000);
    expect(found.count).toBe(expected.length);
    expect([...found.all]).toEqual(expected);
    expect(found.first.map((f) => f.line)).toEqual(expected.slice(0, 10));
    // without allLines, only the listed ones
    const few = new PhoneLog();
    for (const { phone, line } of rows) few.add(phone, line);
    expect([...few.finish(10).all]).toEqual(expected.slice(0, 10));
  });
});
