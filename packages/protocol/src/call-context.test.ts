import { describe, expect, it } from 'vitest';
import { checkCallContext } from '@ucbridge/protocol';

const call = { guid: '824da669-0000', campaign: 'SalienteTest->', callerid: '17410632', vars: { state: 'KY' } };

describe('checkCallContext', () => {
  it('returns a fresh copy of a good context, agent only when given', () => {
    const checked = checkCallContext(call);
    expect(checked).toEqual({ ok: true, value: call });
    if (checked.ok) {
      expect(checked.value).not.toBe(call);
      expect(checked.value.vars).not.toBe(call.vars);
      expect(checked.value).not.toHaveProperty('agent');
    }
    expect(checkCallContext({ ...call, agent: 'agent007' })).toEqual({ ok: true, value: { ...call, agent: 'agent007' } });
  });

  it('fills what is left out: vars {}, campaign and callerid empty', () => {
    expect(checkCallContext({ guid: 'g' })).toEqual({ ok: true, value: { guid: 'g', campaign: '', callerid: '', vars: {} } });
  });

  it.each([
    [null, 'callContext'],
    ['g-1', 'callContext'],
    [[], 'callContext'],
    [{ ...call, guid: '' }, 'callContext.guid'],
    [{ ...call, guid: 42 }, 'callContext.guid'],
    [{ campaign: 'x' }, 'callContext.guid'],
    [{ ...call, campaign: 'c'.repeat(129) }, 'callContext.campaign'],
    [{ ...call, callerid: '1\n2' }, 'callContext.callerid'],
    [{ ...call, agent: 7 }, 'callContext.agent'],
    [{ ...call, extra: 1 }, 'callContext.extra'],
    [{ ...call, vars: 'a=b' }, 'callContext.vars'],
    [{ ...call, vars: { a: 1 } }, 'callContext.vars.a'],
    [{ ...call, vars: { '': 'x' } }, 'callContext.vars.'],
    [{ ...call, vars: Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`v${i}`, ''])) }, 'callContext.vars'],
  ])('refuses %j naming %s', (input, field) => {
    expect(checkCallContext(input)).toMatchObject({ ok: false, field });
  });

  it('refuses an own __proto__ key at the top, and keeps one among the vars as a plain variable', () => {
    expect(checkCallContext(JSON.parse('{"guid":"g","__proto__":{"polluted":1}}'))).toMatchObject({ ok: false, field: 'callContext.__proto__' });
    const checked = checkCallContext(JSON.parse('{"guid":"g","vars":{"__proto__":"x"}}'));
    expect(checked.ok && Object.getOwnPropertyDescriptor(checked.value.vars, '__proto__')?.value).toBe('x');
    expect(checked.ok && Object.getPrototypeOf(checked.value.vars)).toBe(Object.prototype);
  });

  it('names the field under the path it is given', () => {
    expect(checkCallContext({ guid: '' }, 'setCallContext()')).toMatchObject({ ok: false, field: 'setCallContext().guid', message: 'setCallContext().guid is required' });
  });
});
