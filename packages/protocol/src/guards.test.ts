import { describe, expect, it } from 'vitest';
import { checkHello, checkLegacy, checkRequest, isBridgeMessage } from './guards.js';

const disposition = { campaign: 'c', callerid: '1', guid: 'g', l1: 'sale', l2: '', l3: '', d1: '', d2: '', comment: '', schedule: '' };

describe('isBridgeMessage', () => {
  it('is true only for objects carrying ucbridge: 1', () => {
    expect(isBridgeMessage({ ucbridge: 1, type: 'HELLO' })).toBe(true);
    expect(isBridgeMessage({ ucbridge: '1' })).toBe(false);
    expect(isBridgeMessage({ ucbridge: 2 })).toBe(false);
    expect(isBridgeMessage({ ucbridge: true })).toBe(false);
    expect(isBridgeMessage({ action: 'CLOSE_TAB' })).toBe(false);
    expect(isBridgeMessage(null)).toBe(false);
    expect(isBridgeMessage('{"ucbridge":1}')).toBe(false);
    expect(isBridgeMessage(1)).toBe(false);
  });
});

describe('checkHello', () => {
  it('accepts a HELLO and returns a fresh copy', () => {
    const hello = { ucbridge: 1, type: 'HELLO', id: 'abc_123-XYZ', versions: [1, 2], extra: 'ignored' };
    const r = checkHello(hello);
    // a HELLO without `handshake` (a client before 0.3) is a handshake of its own
    expect(r).toEqual({ ok: true, value: { ucbridge: 1, type: 'HELLO', id: 'abc_123-XYZ', handshake: 'abc_123-XYZ', versions: [1, 2] } });
    if (r.ok) expect(r.value.versions).not.toBe(hello.versions);
  });

  it('refuses another type or a non-object, naming "type"', () => {
    for (const bad of [{ ucbridge: 1, type: 'WELCOME', id: 'a', versions: [1] }, null, 'HELLO', [], { ucbridge: 1, id: 'a', versions: [1] }]) {
      expect(checkHello(bad)).toMatchObject({ ok: false, field: 'type' });
    }
  });

  it.each([[undefined], [''], [42], ['a'.repeat(65)], ['a b'], ['a/b'], ['<script>'], [{}]])('refuses the id %j, naming "id"', (id) => {
    expect(checkHello({ ucbridge: 1, type: 'HELLO', id, versions: [1] })).toMatchObject({ ok: false, field: 'id' });
  });

  it.each([[undefined], [1], ['1'], [[1.5]], [['1']], [[null]], [Array.from({ length: 17 }, () => 1)], [{ length: 1, 0: 1 }]])('refuses versions %j, naming "versions"', (versions) => {
    expect(checkHello({ ucbridge: 1, type: 'HELLO', id: 'a', versions })).toMatchObject({ ok: false, field: 'versions' });
  });

  it('refuses a sparse versions array (holes are not integers)', () => {
    // eslint-disable-next-line no-sparse-arrays
    const versions = structuredClone([1, , 3]);
    expect(checkHello({ ucbridge: 1, type: 'HELLO', id: 'a', versions })).toMatchObject({ ok: false, field: 'versions' });
    expect(checkHello({ ucbridge: 1, type: 'HELLO', id: 'a', versions: new Array(4) })).toMatchObject({ ok: false, field: 'versions' });
  });

  it('accepts an empty versions list (the host answers REFUSED with VERSION_MISMATCH)', () => {
    expect(checkHello({ ucbridge: 1, type: 'HELLO', id: 'a', versions: [] })).toMatchObject({ ok: true });
  });
});

describe('checkRequest', () => {
  it('accepts CLOSE_TAB', () => {
    expect(checkRequest({ ucbridge: 1, id: 'r1', action: 'CLOSE_TAB' })).toEqual({ ok: true, value: { ucbridge: 1, id: 'r1', action: 'CLOSE_TAB' } });
  });

  it('accepts DISPOSITION_CALL with a cleaned disposition', () => {
    const r = checkRequest({ ucbridge: 1, id: 'r2', action: 'DISPOSITION_CALL', disposition: { campaign: 'c', callerid: '1', guid: 'g', l1: 'sale' } });
    expect(r).toEqual({ ok: true, value: { ucbridge: 1, id: 'r2', action: 'DISPOSITION_CALL', disposition } });
  });

  it('refuses DISPOSITION_CALL with a bad or missing disposition, naming its field', () => {
    expect(checkRequest({ ucbridge: 1, id: 'r', action: 'DISPOSITION_CALL' })).toMatchObject({ ok: false, field: 'disposition' });
    expect(checkRequest({ ucbridge: 1, id: 'r', action: 'DISPOSITION_CALL', disposition: { ...disposition, schedule: '2019-02-30 10:00:00' } })).toMatchObject({
      ok: false,
      field: 'disposition.schedule',
    });
    expect(checkRequest({ ucbridge: 1, id: 'r', action: 'DISPOSITION_CALL', disposition: { ...disposition, guid: 7 } })).toMatchObject({ ok: false, field: 'disposition.guid' });
  });

  it('passes params of a custom action through as they are', () => {
    const params = { ticket: 42, tags: ['a'] };
    expect(checkRequest({ ucbridge: 1, id: 'r3', action: 'crm.openTicket', params })).toEqual({ ok: true, value: { ucbridge: 1, id: 'r3', action: 'crm.openTicket', params } });
  });

  it('drops unknown top-level fields', () => {
    const r = checkRequest(JSON.parse('{"ucbridge":1,"id":"r4","action":"CLOSE_TAB","evil":true,"__proto__":{"x":1}}'));
    expect(r).toEqual({ ok: true, value: { ucbridge: 1, id: 'r4', action: 'CLOSE_TAB' } });
  });

  it('refuses a non-object, naming "request"', () => {
    for (const bad of [null, 'CLOSE_TAB', [], 1, new Date()]) expect(checkRequest(bad)).toMatchObject({ ok: false, field: 'request' });
  });

  it.each([[undefined], [''], [1], ['x'.repeat(65)], ['a.b'], ['a b']])('refuses the id %j, naming "id"', (id) => {
    expect(checkRequest({ ucbridge: 1, id, action: 'CLOSE_TAB' })).toMatchObject({ ok: false, field: 'id' });
  });

  it.each([[undefined], [''], [1], ['__proto__'], ['1abc'], ['_x'], ['a b'], ['a/b'], ['x'.repeat(65)], [['CLOSE_TAB']]])('refuses the action %j, naming "action"', (action) => {
    expect(checkRequest({ ucbridge: 1, id: 'r', action })).toMatchObject({ ok: false, field: 'action' });
  });
});

describe('checkLegacy', () => {
  it('returns undefined for messages without an own action (not meant for us)', () => {
    expect(checkLegacy({ ucbridge: 1, type: 'HELLO' })).toBeUndefined();
    expect(checkLegacy({ type: 'webpackOk' })).toBeUndefined();
    expect(checkLegacy('CLOSE_TAB')).toBeUndefined();
    expect(checkLegacy(null)).toBeUndefined();
    expect(checkLegacy(Object.create({ action: 'CLOSE_TAB' }))).toBeUndefined();
  });

  it('accepts { action: "CLOSE_TAB" } and ignores other keys', () => {
    expect(checkLegacy({ action: 'CLOSE_TAB', junk: 1 })).toEqual({ ok: true, value: { action: 'CLOSE_TAB' } });
  });

  it('accepts the documented DISPOSITION_CALL message', () => {
    const documented = {
      action: 'DISPOSITION_CALL',
      disposition: { campaign: 'CampanaTest', callerid: '123456Test', guid: '3123-3123-3123-312-3123', l1: 'nivel1', l2: 'nivel2', l3: 'nivel3', d1: 'data1', d2: 'data2', comment: 'ComentarioTest', schedule: '2019-05-04 15:55:55' },
    };
    expect(checkLegacy(documented)).toEqual({ ok: true, value: documented });
  });

  it('accepts what the client sends in legacy mode (ucbridge fields beside action)', () => {
    expect(checkLegacy({ ucbridge: 1, id: 'r1', action: 'DISPOSITION_CALL', disposition })).toEqual({ ok: true, value: { action: 'DISPOSITION_CALL', disposition } });
  });

  it('refuses an unknown action, naming "action" with a cut, quoted name', () => {
    const r = checkLegacy({ action: 'HANG_UP' });
    expect(r).toEqual({ ok: false, field: 'action', message: 'action is not a legacy action: "HANG_UP"' });
    const long = checkLegacy({ action: 'x'.repeat(100_000) });
    expect(long && !long.ok && long.message.length).toBeLessThan(80);
    // both survive structured clone; String() of either throws, which must not escape the check
    expect(checkLegacy(structuredClone({ action: { toString: 'x', valueOf: 'y' } }))).toMatchObject({ ok: false, field: 'action' });
    expect(checkLegacy({ action: Object.create(null) })).toMatchObject({ ok: false, field: 'action' });
    expect(checkLegacy({ action: 7 })).toMatchObject({ ok: false, field: 'action' });
  });

  it('refuses a DISPOSITION_CALL whose disposition fails its check', () => {
    expect(checkLegacy({ action: 'DISPOSITION_CALL' })).toMatchObject({ ok: false, field: 'disposition' });
    expect(checkLegacy({ action: 'DISPOSITION_CALL', disposition: { ...disposition, l1: ['x'] } })).toMatchObject({ ok: false, field: 'disposition.l1' });
    expect(checkLegacy({ action: 'DISPOSITION_CALL', disposition: JSON.parse('{"campaign":"c","callerid":"1","guid":"g","l1":"x","__proto__":{}}') })).toMatchObject({
      ok: false,
      field: 'disposition.__proto__',
    });
  });
});
