import { describe, expect, it } from 'vitest';
import { IntegraError } from '../errors.js';
import { InvalidContactsError, formatProblem } from './errors.js';
import { toDialerCsv, validateCampaign, validateContact, validateContacts, validateFilename } from './validate.js';
import type { DialerContact } from './types.js';

const SEED_LINE = 'DialerTest<-;098344484;var1=val1:var2=val2;099124484:099111111;9999;1001';

describe('toDialerCsv', () => {
  it("writes the seed's sample line byte for byte", () => {
    const text = toDialerCsv('DialerTest<-', [
      { phone: '098344484', vars: { var1: 'val1', var2: 'val2' }, altPhones: ['099124484', '099111111'], priority: 9999, agentPhone: '1001' },
    ]);
    expect(text).toBe(SEED_LINE);
  });

  it('leaves empty fields for what a contact does not have, like the platform examples', () => {
    expect(toDialerCsv('PruebaEncuesta', [{ phone: '25252961', priority: 9999 }])).toBe('PruebaEncuesta;25252961;;;9999;');
    expect(toDialerCsv('C->', [{ phone: '+59899123456' }])).toBe('C->;+59899123456;;;;');
  });

  it('keeps typed alternative phones (M=0=…), accents and numbers as they are', () => {
    const text = toDialerCsv('AutomationDialerPD<-', [
      { phone: '999444444', vars: { state: 'KY', nombre: 'José Núñez', deuda: 1520.5 }, altPhones: ['H=0=999555555', 'W=0=999666666'], priority: 9999 },
      { phone: '098447121', altPhones: ['M=0=098447120'] },
    ]);
    expect(text).toBe(
      'AutomationDialerPD<-;999444444;state=KY:nombre=José Núñez:deuda=1520.5;H=0=999555555:W=0=999666666;9999;\n' +
        'AutomationDialerPD<-;098447121;;M=0=098447120;;',
    );
  });

  it('throws INVALID_CONTACTS listing every problem of every contact, by index and field', () => {
    const contacts: DialerContact[] = [
      { phone: '09834A484' },
      { phone: '098344484', priority: 0 },
      { phone: '', vars: { 'bad name': 'x', ok: 'a;b' } },
    ];
    let error: unknown;
    try {
      toDialerCsv('Sales<-', contacts);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidContactsError);
    const e = error as InvalidContactsError;
    expect(e.code).toBe('INVALID_CONTACTS');
    expect(e.problems.map((p) => [p.index, p.field])).toEqual([
      [0, 'phone'],
      [1, 'priority'],
      [2, 'phone'],
      [2, 'vars.bad name'],
      [2, 'vars.ok'],
    ]);
    expect(e.message).toContain('5 problems');
    expect(formatProblem(e.problems[0]!)).toBe('contacts[0], phone: contains a letter ("09834A484")');
  });

  it('rejects a campaign with ; or a line break with INVALID_ARGUMENT', () => {
    expect(() => toDialerCsv('a;b', [{ phone: '123456' }])).toThrow(IntegraError);
    expect(() => toDialerCsv('a\nb', [{ phone: '123456' }])).toThrow(/line break/);
  });
});

describe('validateContact', () => {
  const reasonOf = (c: DialerContact): string[] => validateContact(c).map((p) => `${p.field}: ${p.reason}`);

  it.each([
    ['a letter in the phone', { phone: '09834A484' }, 'phone: contains a letter'],
    ['an empty phone', { phone: '' }, 'phone: is empty'],
    ['a space in the phone', { phone: '098 344' }, 'phone: contains a space'],
    ['a dash in the phone', { phone: '098-344-484' }, "phone: may only hold digits and a leading '+'"],
    ['too few digits', { phone: '12' }, 'phone: must have 3 to 20 digits'],
    ['too many digits', { phone: '1'.repeat(21) }, 'phone: must have 3 to 20 digits'],
    ['a typed main phone', { phone: 'M=0=098447120' }, 'phone: a typed phone (M=0=…) is only allowed among altPhones'],
    ['a bad phone type', { phone: '098447121', altPhones: ['X=0=098447120'] }, 'altPhones[0]: a typed phone starts with M, W or H'],
    ['a typed phone without retries', { phone: '098447121', altPhones: ['M=098447120'] }, 'altPhones[0]: a typed phone must be TYPE=RETRIES=NUMBER'],
    ['a letter in an alternative', { phone: '098447121', altPhones: ['099124484', '09912448x'] }, 'altPhones[1]: contains a letter'],
    ['priority 0', { phone: '098447121', priority: 0 }, 'priority: must be from 1 (highest) to 9999 (lowest)'],
    ['priority 10000', { phone: '098447121', priority: 10000 }, 'priority: must be from 1 (highest) to 9999 (lowest)'],
    ['a fractional priority', { phone: '098447121', priority: 1.5 }, 'priority: must be a whole number from 1 to 9999'],
    ['a ; in a value', { phone: '098447121', vars: { name: 'Pérez; Juan' } }, "vars.name: the value contains ';', the field separator"],
    ['a : in a value', { phone: '098447121', vars: { city: 'Salto: centro' } }, "vars.city: the value contains ':', which separates variables and phones"],
    ['a = in a value', { phone: '098447121', vars: { f: 'a=b' } }, "vars.f: the value contains '='"],
    ['a line break in a value', { phone: '098447121', vars: { note: 'a\nb' } }, 'vars.note: the value contains a line break'],
    ['a control character in a value', { phone: '098447121', vars: { note: 'a\u0007b' } }, 'vars.note: the value contains the control character U+0007'],
    // issue 11, case 7: characters that break lines for other readers, or hide, are refused with the field named
    ['U+2028 in a value', { phone: '098447121', vars: { note: 'hello\u2028Other->' } }, 'vars.note: the value contains U+2028, a Unicode line or paragraph separator'],
    ['U+2029 in a value', { phone: '098447121', vars: { note: 'a\u2029b' } }, 'vars.note: the value contains U+2029'],
    ['U+0085 in a value', { phone: '098447121', vars: { note: 'a\u0085b' } }, 'vars.note: the value contains U+0085 NEXT LINE'],
    ['a C1 control in a value', { phone: '098447121', vars: { note: '\u0093Hola\u0094' } }, 'the control character U+0093; in Windows-1252 the byte 0x93 is "“"'],
    ['a tab in a value', { phone: '098447121', vars: { note: 'a\tb' } }, 'vars.note: the value contains a tab'],
    ['a bidi override in a value', { phone: '098447121', vars: { name: 'abc\u202Edcba' } }, 'vars.name: the value contains U+202E, a bidi control'],
    ['a zero-width space in a value', { phone: '098447121', vars: { name: 'Ana\u200B' } }, 'vars.name: the value contains U+200B, a zero-width character'],
    ['a byte order mark inside a value', { phone: '098447121', vars: { name: '\uFEFFAna' } }, 'vars.name: the value contains U+FEFF'],
    ['a phone Excel rounded', { phone: '9.83445E+08' }, 'phone: Excel rounded this number, digits are lost'],
    ['a phone Excel rounded (Spanish decimal comma)', { phone: '9,83445E+08' }, 'phone: Excel rounded this number, digits are lost'],
    ['an alternative Excel rounded', { phone: '098447121', altPhones: ['9.91245E+08'] }, 'altPhones[0]: Excel rounded this number, digits are lost'],
    ['a lone surrogate in a value', { phone: '098447121', vars: { note: 'a\ud800b' } }, 'vars.note: the value contains a lone UTF-16 surrogate'],
    ['U+FFFD in a value', { phone: '098447121', vars: { note: 'P\ufffdrez' } }, 'vars.note: the value contains U+FFFD'],
    ['a space in a variable name', { phone: '098447121', vars: { 'first name': 'x' } }, 'vars.first name: a variable name starts with a letter'],
    ['an empty variable name', { phone: '098447121', vars: { '': 'x' } }, 'vars.: a variable needs a name'],
    ['a = in a variable name', { phone: '098447121', vars: { 'a=b': 'x' } }, "vars.a=b: the name contains '='"],
    ['a letter in the agent phone', { phone: '098447121', agentPhone: '10a1' }, "agentPhone: may only hold 1 to 20 digits and a leading '+'"],
    ['a ; in the agent phone', { phone: '098447121', agentPhone: '1001;' }, "agentPhone: may only hold 1 to 20 digits and a leading '+'"],
    ['a non-finite number value', { phone: '098447121', vars: { n: Number.NaN } }, 'vars.n: must be a finite number'],
  ])('reports %s', (_name, contact, expected) => {
    const reasons = reasonOf(contact as DialerContact);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toContain(expected);
  });

  it('accepts a valid contact with every field', () => {
    expect(validateContact({ phone: '+59899123456', vars: { a_b: 'x y', 'c.d': 3, e: '' }, altPhones: ['W=2=098447120', '099111111'], priority: 1, agentPhone: '1001' })).toEqual([]);
  });

  it('reports wrong types from untyped callers instead of throwing', () => {
    const reasons = reasonOf({ phone: 98344484, vars: ['x'], altPhones: '099', priority: '5' } as unknown as DialerContact);
    expect(reasons).toEqual([
      'phone: must be a string of digits, got number',
      'vars: must be an object of name: value',
      'altPhones: must be an array of phones',
      'priority: must be a whole number from 1 to 9999',
    ]);
    expect(validateContacts([null as unknown as DialerContact])[0]).toMatchObject({ index: 0, field: 'contact' });
  });
});

describe('validateFilename and validateCampaign', () => {
  it.each([
    ['leads_2026_11', undefined],
    ['a'.repeat(50), undefined],
    ['a'.repeat(51), 'longer than 50'],
    ['leads 2026', 'may only hold'],
    ['leads.csv', 'may only hold'],
    ['Reactivar', "may not start with 'R'"],
    ['reactivar', "may not start with 'R'"],
    ['', 'non-empty'],
  ])('filename %j', (name, expected) => {
    const reason = validateFilename(name);
    if (expected === undefined) expect(reason).toBeUndefined();
    else expect(reason).toContain(expected);
  });

  it('takes <- and -> as part of the campaign name', () => {
    expect(validateCampaign('Sales<-')).toBeUndefined();
    expect(validateCampaign('Survey->')).toBeUndefined();
    expect(validateCampaign(' Sales')).toContain('spaces');
    expect(validateCampaign('')).toContain('non-empty');
  });
});
