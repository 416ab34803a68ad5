import { describe, expect, it } from 'vitest';
import { normalizePhone } from '@ucbridge/integra-api';
import { checkPhone } from './rules.js';

describe('normalizePhone', () => {
  it.each([
    ['+598 99 123 456', '+59899123456'],
    ['(099) 123-456', '099123456'],
    ['099.123.456', '099123456'],
    ["'099123456", '099123456'],
    ['="099123456"', '099123456'],
    ['  099\u00a0123\u202f456 ', '099123456'],
    ['099–123—456', '099123456'],
    ['M=0=099 111 111', 'M=0=099111111'],
  ])('%j → %j, a phone the check takes', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
    expect(checkPhone(normalizePhone(input), true)).toBeUndefined();
  });

  it('leaves what is not layout, so the check still says what is wrong', () => {
    expect(normalizePhone('09834A484')).toBe('09834A484');
    expect(checkPhone(normalizePhone('9.83445E+08'), false)).toContain('Excel rounded this number, digits are lost');
    expect(checkPhone(normalizePhone('9,83445E+08'), false)).toContain('Excel rounded this number, digits are lost');
  });
});
