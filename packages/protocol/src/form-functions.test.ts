import { describe, expect, it } from 'vitest';
import { FORM_FUNCTIONS, checkFields, checkFormFunction } from '@ucbridge/protocol';

describe('checkFormFunction', () => {
  it('maps each client method to its wire action', () => {
    expect(FORM_FUNCTIONS).toEqual({ closeForm: 'CLOSE_FORM', tagRecord: 'TAG_RECORD', makeCall: 'MAKE_CALL', notify: 'NOTIFY', hangUp: 'HANG_UP' });
  });

  it('returns every parameter, missing optional ones as empty strings', () => {
    expect(checkFormFunction('TAG_RECORD', { guid: 'g', l1: 'Sale' })).toEqual({ ok: true, value: { guid: 'g', l1: 'Sale', l2: '', l3: '' } });
    expect(checkFormFunction('MAKE_CALL', { campaign: 'Out->', destination: '+59899123456' })).toEqual({ ok: true, value: { campaign: 'Out->', callerid: '', destination: '+59899123456' } });
    expect(checkFormFunction('NOTIFY', { title: 'Hi', message: 'There' })).toEqual({ ok: true, value: { title: 'Hi', message: 'There', icon: '', type: '' } });
    expect(checkFormFunction('CLOSE_FORM', undefined)).toEqual({ ok: true, value: {} });
    expect(checkFormFunction('HANG_UP', {})).toEqual({ ok: true, value: {} });
  });

  it.each([
    ['TAG_RECORD', { guid: 'g' }, 'params.l1', 'params.l1 is required'],
    ['TAG_RECORD', { guid: 'g', l1: 'a|b' }, 'params.l1', 'params.l1 must not contain | (it separates the levels)'],
    ['TAG_RECORD', { l1: 'Sale' }, 'params.guid', 'params.guid is required'],
    ['MAKE_CALL', { campaign: 'Out->', destination: '099 123' }, 'params.destination', 'params.destination must be digits with an optional leading +'],
    ['MAKE_CALL', { campaign: 'Out->', destination: '09912345a' }, 'params.destination', 'params.destination must be digits with an optional leading +'],
    ['MAKE_CALL', { destination: '099' }, 'params.campaign', 'params.campaign is required'],
    ['NOTIFY', { title: 'x', message: 7 }, 'params.message', 'params.message must be a string'],
    ['NOTIFY', { title: 'x', message: 'y'.repeat(1025) }, 'params.message', 'params.message is longer than 1024 characters'],
    ['NOTIFY', { title: 'x\u0000', message: 'y' }, 'params.title', 'params.title contains a control character'],
    ['CLOSE_FORM', { force: true }, 'params.force', 'params.force is an unknown field'],
    ['CLOSE_FORM', 'now', 'params', 'params must be an object'],
  ] as const)('%s %j fails on %s', (action, params, field, message) => {
    expect(checkFormFunction(action, params)).toEqual({ ok: false, field, message });
  });

  it('ignores fields of a polluted Object.prototype and refuses own prototype keys', () => {
    (Object.prototype as Record<string, unknown>).l1 = 'polluted';
    try {
      expect(checkFormFunction('TAG_RECORD', { guid: 'g' })).toMatchObject({ ok: false, field: 'params.l1' });
    } finally {
      delete (Object.prototype as Record<string, unknown>).l1;
    }
    expect(checkFormFunction('NOTIFY', JSON.parse('{"title":"t","message":"m","__proto__":{}}'))).toMatchObject({ ok: false, field: 'params.__proto__' });
  });
});

describe('checkFields', () => {
  it('applies a rule pattern only to a non-empty value', () => {
    const rules = [['code', 4, false, /^\d+$/, 'must be digits']] as const;
    expect(checkFields({}, 'x', rules)).toEqual({ ok: true, value: { code: '' } });
    expect(checkFields({ code: 'ab' }, 'x', rules)).toEqual({ ok: false, field: 'x.code', message: 'x.code must be digits' });
  });
});
