import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { BridgeError, fromWireError, isBridgeError, isOutcomeUnknown, toWireError } from './errors.js';

describe('BridgeError', () => {
  it('is an Error with a name, a code, a message and an optional field', () => {
    const e = new BridgeError('INVALID_ARGUMENT', 'disposition.l1 is required', 'disposition.l1');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('BridgeError');
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(e.field).toBe('disposition.l1');
    expect(new BridgeError('TIMEOUT', 't').field).toBeUndefined();
  });
});

describe('isBridgeError', () => {
  it('is true for a BridgeError, false for other errors and values', () => {
    expect(isBridgeError(new BridgeError('TIMEOUT', 't'))).toBe(true);
    expect(isBridgeError(new Error('x'))).toBe(false);
    expect(isBridgeError(Object.assign(new Error('x'), { name: 'BridgeError' }))).toBe(false);
    expect(isBridgeError(null)).toBe(false);
    expect(isBridgeError('BridgeError')).toBe(false);
  });

  it('recognizes a BridgeError made in another realm, where instanceof fails', () => {
    const foreign = vm.runInNewContext('const e = new Error("late"); e.name = "BridgeError"; e.code = "TIMEOUT"; e');
    expect(foreign instanceof Error).toBe(false);
    expect(isBridgeError(foreign)).toBe(true);
  });
});

describe('toWireError / fromWireError', () => {
  it('round-trips through structured clone', () => {
    const wire = structuredClone(toWireError(new BridgeError('INVALID_ARGUMENT', 'bad', 'disposition.guid')));
    expect(wire).toEqual({ code: 'INVALID_ARGUMENT', message: 'bad', field: 'disposition.guid', outcome: 'not-done' });
    const back = fromWireError(wire);
    expect(back).toBeInstanceOf(BridgeError);
    expect([back.code, back.message, back.field]).toEqual(['INVALID_ARGUMENT', 'bad', 'disposition.guid']);
  });

  it('drops a field that is not a string', () => {
    expect(fromWireError({ code: 'PLATFORM_ERROR', message: 'm', field: 5 }).field).toBeUndefined();
  });

  it.each([[undefined], [null], ['TIMEOUT'], [{}], [{ code: 1, message: 'm' }], [{ code: 'TIMEOUT' }], [{ message: 'm' }]])('turns the malformed error %j into INVALID_MESSAGE', (wire) => {
    const e = fromWireError(wire);
    expect(e.code).toBe('INVALID_MESSAGE');
    expect(e.message).toMatch(/malformed/);
  });
});

describe('outcome: not-done or unknown', () => {
  it('is not-done by default, unknown when said, and crosses the wire', () => {
    expect(new BridgeError('PLATFORM_ERROR', 'no').outcome).toBe('not-done');
    const unknown = new BridgeError('PLATFORM_TIMEOUT', 'late', undefined, 'unknown');
    expect(fromWireError(structuredClone(toWireError(unknown))).outcome).toBe('unknown');
    expect(isOutcomeUnknown(unknown)).toBe(true);
    expect(isOutcomeUnknown(new BridgeError('ORIGIN_NOT_ALLOWED', 'no'))).toBe(false);
  });

  it('believes only an explicit not-done from the peer; anything else, or not a BridgeError, is unknown', () => {
    expect(fromWireError({ code: 'DESTROYED', message: 'm' }).outcome).toBe('unknown');
    expect(fromWireError({ code: 'DESTROYED', message: 'm', outcome: 'maybe' }).outcome).toBe('unknown');
    expect(fromWireError({ code: 'PLATFORM_ERROR', message: 'm', outcome: 'not-done' }).outcome).toBe('not-done');
    expect(isOutcomeUnknown(new Error('x'))).toBe(true);
    expect(isOutcomeUnknown(vm.runInNewContext('const e = new Error("x"); e.name = "BridgeError"; e.code = "TIMEOUT"; e.outcome = "not-done"; e'))).toBe(false);
  });
});
