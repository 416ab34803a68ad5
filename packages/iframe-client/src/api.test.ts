/** The public surface, imported by the package name (which also tests the `exports` map), at type level and at run time. */
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as api from '@ucbridge/iframe-client';
import {
  BridgeError,
  connectToHost,
  isBridgeError,
  type CallContext,
  type CallDispositionInput,
  type CallOptions,
  type CallResult,
  type ConnectOptions,
  type DispositionInput,
  type ErrorCode,
  type MakeCallInput,
  type HostConnection,
  type HostInfo,
} from '@ucbridge/iframe-client';

describe('@ucbridge/iframe-client', () => {
  it('exports connectToHost, connectionTo, BridgeError, isBridgeError and isOutcomeUnknown, and nothing else at run time', () => {
    expect(Object.keys(api).sort()).toEqual(['BridgeError', 'connectToHost', 'connectionTo', 'isBridgeError', 'isOutcomeUnknown']);
  });

  it('types connectToHost: options in, a HostConnection out', () => {
    expectTypeOf(connectToHost).parameters.toEqualTypeOf<[ConnectOptions]>();
    expectTypeOf(connectToHost).returns.toEqualTypeOf<HostConnection>();
    expectTypeOf<ConnectOptions['hostOrigin']>().toEqualTypeOf<string | readonly string[]>();
    expectTypeOf<ConnectOptions>().toHaveProperty('dangerouslyAllowAnyHostOrigin').toEqualTypeOf<boolean | undefined>();
    expectTypeOf<ConnectOptions>().toHaveProperty('onDisconnect').toEqualTypeOf<((reason: BridgeError) => void) | undefined>();
    // hostOrigin is the one required option
    expectTypeOf<{ timeoutMs: 5 }>().not.toExtend<ConnectOptions>();
  });

  it('types every call as a promise of CallResult', () => {
    expectTypeOf<HostConnection['closeTab']>().toEqualTypeOf<(options?: CallOptions) => Promise<CallResult>>();
    expectTypeOf<HostConnection['dispositionCall']>().parameters.toEqualTypeOf<[CallDispositionInput, CallOptions?]>();
    expectTypeOf<HostConnection['callContext']>().toEqualTypeOf<CallContext | undefined>();
    expectTypeOf<HostConnection['makeCall']>().toEqualTypeOf<(call: MakeCallInput, options?: CallOptions) => Promise<CallResult>>();
    expectTypeOf<HostConnection['dispositionCall']>().returns.toEqualTypeOf<Promise<CallResult>>();
    expectTypeOf<HostConnection['call']>().toEqualTypeOf<(action: string, params?: unknown, options?: CallOptions) => Promise<CallResult>>();
    expectTypeOf<CallResult>().toEqualTypeOf<{ confirmed: boolean; result?: unknown }>();
    expectTypeOf<HostConnection['connected']>().toEqualTypeOf<Promise<HostInfo>>();
    expectTypeOf<HostConnection['info']>().toEqualTypeOf<HostInfo | undefined>();
    expectTypeOf<HostInfo>().toEqualTypeOf<{ version: number; actions: string[]; origin: string; platformTimeoutMs: number }>();
  });

  it('accepts a Date or a string as schedule, and requires the four call fields', () => {
    expectTypeOf<{ campaign: string; callerid: string; guid: string; l1: string; schedule: Date }>().toExtend<DispositionInput>();
    expectTypeOf<{ campaign: string; callerid: string; guid: string; l1: string; schedule: string }>().toExtend<DispositionInput>();
    expectTypeOf<{ campaign: string; callerid: string; guid: string }>().not.toExtend<DispositionInput>();
    expectTypeOf<{ campaign: string; callerid: string; guid: string; l1: string; schedule: number }>().not.toExtend<DispositionInput>();
  });

  it('narrows an unknown error to a BridgeError with a code and an optional field', () => {
    const error: unknown = new BridgeError('TIMEOUT', 'ucbridge TIMEOUT: CLOSE_TAB got no answer in 1 ms');
    expect(isBridgeError(error)).toBe(true);
    if (isBridgeError(error)) {
      expectTypeOf(error.code).toEqualTypeOf<ErrorCode>();
      expectTypeOf(error.field).toEqualTypeOf<string | undefined>();
    }
    expectTypeOf<'TIMEOUT' | 'NOT_CONNECTED' | 'UNCONFIRMED' | 'CONNECTION_LOST' | 'DESTROYED' | 'VERSION_MISMATCH' | 'ORIGIN_NOT_ALLOWED' | 'INVALID_ARGUMENT'>().toExtend<ErrorCode>();
  });
});
