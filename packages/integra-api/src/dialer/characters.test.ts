import { describe, expect, it } from 'vitest';
import { FORBIDDEN_RE, describeForbidden, isForbiddenCodePoint } from './characters.js';
import { checkCampaign, checkVarValue } from './rules.js';

describe('the forbidden characters (one table, two forms)', () => {
  it('the regex of the ordinary path and the function of the fast path agree on every code point', () => {
    const disagree: number[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue; // lone surrogates are checked apart (isWellFormed)
      if (FORBIDDEN_RE.test(String.fromCodePoint(cp)) !== isForbiddenCodePoint(cp)) disagree.push(cp);
    }
    expect(disagree).toEqual([]);
  });

  it('holds controls, C1, the Unicode line breaks, bidi controls and zero-width characters, and not letters or spaces', () => {
    for (const cp of [0x00, 0x09, 0x0a, 0x0d, 0x1f, 0x7f, 0x80, 0x85, 0x93, 0x9f, 0x061c, 0x180e, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2028, 0x2029, 0x202a, 0x202e, 0x2060, 0x2066, 0x2069, 0xfeff, 0xfffd]) {
      expect(isForbiddenCodePoint(cp), cp.toString(16)).toBe(true);
    }
    for (const cp of [0x20, 0x41, 0x7e, 0xa0, 0xe9, 0xf1, 0x20ac, 0x201c, 0x2013, 0x2027, 0x202f, 0x2065, 0x1f600, 0x65e5]) {
      expect(isForbiddenCodePoint(cp), cp.toString(16)).toBe(false);
    }
  });

  it('says what a C1 control was in Windows-1252, so the person knows where it came from', () => {
    expect(describeForbidden(0x93)).toContain('in Windows-1252 the byte 0x93 is "“"');
    expect(describeForbidden(0x80)).toContain('"€"');
    expect(describeForbidden(0x2028)).toBe('U+2028, a Unicode line or paragraph separator, a line break for many readers');
  });

  it('refuses the same characters in a campaign', () => {
    expect(checkCampaign('Sales\u2028<-')).toContain('U+2028');
    expect(checkCampaign('Sales\u202e<-')).toContain('bidi control');
    expect(checkCampaign('Ventas\u200b<-')).toContain('zero-width');
    expect(checkCampaign('Sales<-')).toBeUndefined();
    expect(checkVarValue('José “Pepe” Núñez – 20 €')).toBeUndefined();
  });
});
