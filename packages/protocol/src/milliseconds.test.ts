import { describe, expect, it } from 'vitest';
import { MAX_TIMER_MS, checkMilliseconds } from './milliseconds.js';

describe('checkMilliseconds: the one rule for every millisecond option', () => {
  it('gives the default for undefined and takes 0 < n <= 2^31-1 or Infinity', () => {
    expect(checkMilliseconds('timeoutMs', undefined, 15_000)).toBe(15_000);
    expect(checkMilliseconds('timeoutMs', 1, 15_000)).toBe(1);
    expect(checkMilliseconds('timeoutMs', 0.5, 15_000)).toBe(0.5);
    expect(checkMilliseconds('timeoutMs', MAX_TIMER_MS, 15_000)).toBe(2_147_483_647);
    expect(checkMilliseconds('timeoutMs', Infinity, 15_000)).toBe(Infinity);
  });

  it.each([0, -5, NaN, -Infinity, 2 ** 31, 30 * 86_400_000, '100', null, 10n])('refuses %s with a TypeError naming the option and the range', (value) => {
    expect(() => checkMilliseconds('platformTimeoutMs', value, 30_000)).toThrow(TypeError);
    expect(() => checkMilliseconds('platformTimeoutMs', value, 30_000)).toThrow(/platformTimeoutMs must be .*2147483647.*Infinity/);
  });
});
