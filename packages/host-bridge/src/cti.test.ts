import { describe, expect, it } from 'vitest';
import { parseParAndValues, readCti } from './cti.js';

// The CTI of reference/ucontact-facts.md, as the console writes it: a JSON string.
const CTI = { Guid: '824da669-5c0b-4d3c-9d4a-1f2e3d4c5b6a', Screen: 'FALSE', Form: 'testCapacitacion', Campaign: 'SalienteTest->', Callerid: '17410632', ParAndValues: 'state=KY:variable2=val2', Beep: 'FALSE', Answer: 'FALSE' };
const form = (cti: unknown, agent?: unknown) => ({ CTI: cti, Agent: agent === undefined ? undefined : { accountcode: agent } });

describe('readCti', () => {
  it('reads a good CTI string into { guid, campaign, callerid, vars }', () => {
    expect(readCti(form(JSON.stringify(CTI)))).toEqual({
      context: { guid: CTI.Guid, campaign: 'SalienteTest->', callerid: '17410632', vars: { state: 'KY', variable2: 'val2' } },
    });
  });

  it('adds the agent from Agent.accountcode when there is one', () => {
    expect(readCti(form(JSON.stringify(CTI), 'agent007')).context).toMatchObject({ agent: 'agent007' });
    expect(readCti(form(JSON.stringify(CTI), 1001)).context).toMatchObject({ agent: '1001' });
    expect(readCti(form(JSON.stringify(CTI), '')).context).not.toHaveProperty('agent');
    expect(readCti({ CTI: JSON.stringify(CTI), Agent: null }).context).not.toHaveProperty('agent');
  });

  it('takes a CTI that is already an object, and a numeric Callerid as text', () => {
    expect(readCti(form({ ...CTI, Callerid: 17410632 })).context).toMatchObject({ guid: CTI.Guid, callerid: '17410632' });
  });

  it.each([
    ['missing', undefined, 'no CTI (the form is on no call)'],
    ['null', null, 'no CTI (the form is on no call)'],
    ['empty', '', 'no CTI (the form is on no call)'],
    ['not JSON', '{"Guid":"g"', 'CTI is not JSON'],
    ['JSON but not an object', '"g-1"', 'CTI is not a JSON object'],
    ['a JSON array', '[{"Guid":"g"}]', 'CTI is not a JSON object'],
    ['without a Guid', JSON.stringify({ ...CTI, Guid: undefined }), 'CTI has no Guid'],
    ['with a blank Guid', JSON.stringify({ ...CTI, Guid: '  ' }), 'CTI has no Guid'],
    ['with a non-string Guid', JSON.stringify({ ...CTI, Guid: { id: 1 } }), 'CTI has no Guid'],
    ['with a control character in the Campaign', JSON.stringify({ ...CTI, Campaign: 'a\u0000b' }), 'CTI.campaign contains a control character'],
  ])('%s: no call, with the reason', (_, cti, problem) => {
    expect(readCti(form(cti))).toEqual({ context: undefined, problem });
  });

  it('never throws, even when reading the global throws', () => {
    const hostile = Object.defineProperty({}, 'CTI', {
      get() {
        throw new Error('SecurityError');
      },
    });
    expect(readCti(hostile)).toEqual({ context: undefined, problem: 'no CTI (the form is on no call)' });
  });

  it('missing Campaign and Callerid become empty strings (the disposition check then names them)', () => {
    expect(readCti(form(JSON.stringify({ Guid: 'g' }))).context).toEqual({ guid: 'g', campaign: '', callerid: '', vars: {} });
  });
});

describe('parseParAndValues', () => {
  it('splits k=v:k2=v2', () => {
    expect(parseParAndValues('a=1:b=2')).toEqual({ a: '1', b: '2' });
  });

  it('keeps every = after the first in the value', () => {
    expect(parseParAndValues('url=https://x.test/?a=1&b=2:eq==')).toEqual({ url: 'https', '//x.test/?a': '1&b=2', eq: '=' });
    expect(parseParAndValues('token=abc==:sum=1+1=2')).toEqual({ token: 'abc==', sum: '1+1=2' });
  });

  it('skips empty pairs and pairs without a name; a name alone gets an empty value', () => {
    expect(parseParAndValues('')).toEqual({});
    expect(parseParAndValues('a=1::b=2:')).toEqual({ a: '1', b: '2' });
    expect(parseParAndValues(':::')).toEqual({});
    expect(parseParAndValues('=orphan:flag:c=')).toEqual({ flag: '', c: '' });
  });

  it('keeps spaces in values; a later pair with the same name wins', () => {
    expect(parseParAndValues('name=Ana María:name=Ana')).toEqual({ name: 'Ana' });
    expect(parseParAndValues('city=Punta del Este')).toEqual({ city: 'Punta del Este' });
  });

  it('keeps a variable named __proto__ as a plain own variable', () => {
    const vars = parseParAndValues('__proto__=x:constructor=y');
    expect(Object.getPrototypeOf(vars)).toBe(Object.prototype);
    expect(Object.keys(vars)).toEqual(['__proto__', 'constructor']);
    expect(vars.constructor).toBe('y');
  });
});
