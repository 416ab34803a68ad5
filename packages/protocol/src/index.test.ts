import { describe, expect, expectTypeOf, it } from 'vitest';
import * as protocol from '@ucbridge/protocol';
import type { Disposition, DispositionInput, ErrorCode, Hello, LegacyMessage, Reply, Request, Welcome } from '@ucbridge/protocol';

describe('@ucbridge/protocol (by its package name)', () => {
  it('exports exactly its public functions and constants', () => {
    expect(Object.keys(protocol).sort()).toEqual(
      [
        'BridgeError',
        'CALL_FIELDS',
        'FORM_FUNCTIONS',
        'FORM_FUNCTION_PARAMS',
        'checkCallContext',
        'checkFields',
        'checkFormFunction',
        'DISPOSITION_FIELDS',
        'DISPOSITION_MAX_LENGTH',
        'PROTOCOL_VERSION',
        'bridgeMessage',
        'checkDisposition',
        'checkHello',
        'checkLegacy',
        'checkRequest',
        'formatSchedule',
        'fromWireError',
        'isBridgeError',
        'isOutcomeUnknown',
        'checkMilliseconds',
        'MAX_HELLO_REQUESTS',
        'MAX_TIMER_MS',
        'timerAt',
        'isBridgeMessage',
        'isPlainObject',
        'isSchedule',
        'originMatcher',
        'originsMatcher',
        'sharedSuffix',
        'SHARED_DOMAINS',
        'toWireError',
      ].sort(),
    );
    expect(protocol.PROTOCOL_VERSION).toBe(1);
  });

  it('validates a whole v1 exchange: HELLO, request, reply error', () => {
    expect(protocol.checkHello({ ucbridge: 1, type: 'HELLO', id: 'h1', versions: [protocol.PROTOCOL_VERSION] }).ok).toBe(true);
    const request = protocol.checkRequest({ ucbridge: 1, id: 'r1', action: 'DISPOSITION_CALL', disposition: { campaign: 'c', callerid: '1', guid: 'g', l1: 'x', schedule: 'soon' } });
    expect(request).toMatchObject({ ok: false, field: 'disposition.schedule' });
    if (!request.ok) {
      const reply: Reply = { ucbridge: 1, replyTo: 'r1', ok: false, error: protocol.toWireError(new protocol.BridgeError('INVALID_ARGUMENT', request.message, request.field)) };
      expect(protocol.fromWireError(reply.error)).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'disposition.schedule' });
    }
  });

  it('isPlainObject accepts literals and null-prototype objects only', () => {
    expect(protocol.isPlainObject({})).toBe(true);
    expect(protocol.isPlainObject(Object.create(null))).toBe(true);
    expect(protocol.isPlainObject([])).toBe(false);
    expect(protocol.isPlainObject(new Map())).toBe(false);
    expect(protocol.isPlainObject(Object.create({}))).toBe(false);
  });

  it('types: messages and inputs have the documented shapes', () => {
    expectTypeOf<Disposition['schedule']>().toEqualTypeOf<string>();
    expectTypeOf<DispositionInput['schedule']>().toEqualTypeOf<string | Date | undefined>();
    expectTypeOf<Hello['versions']>().toEqualTypeOf<number[]>();
    expectTypeOf<Welcome['actions']>().toEqualTypeOf<string[]>();
    expectTypeOf<LegacyMessage['action']>().toEqualTypeOf<'CLOSE_TAB' | 'DISPOSITION_CALL'>();
    expectTypeOf<Request['action']>().toEqualTypeOf<string>();
    expectTypeOf<'PLATFORM_TIMEOUT'>().toExtend<ErrorCode>();
    expectTypeOf<'WRONG_CALL'>().toExtend<ErrorCode>();
    expectTypeOf<Welcome['callContext']>().toEqualTypeOf<protocol.CallContext | undefined>();
    expectTypeOf<protocol.CallDispositionInput>().toExtend<{ l1: string; guid?: string }>();
    expectTypeOf(protocol.checkLegacy).returns.toEqualTypeOf<protocol.Checked<LegacyMessage> | undefined>();
  });
});
