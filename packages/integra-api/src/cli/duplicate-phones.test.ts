import { describe, expect, it } from 'vitest';
import { DuplicatePhones } from './duplicate-phones.js';

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
