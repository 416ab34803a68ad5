import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCurrentCall } from './current-call.js';
import type { HostBridgeOptions } from './types.js';

const CTI = JSON.stringify({ Guid: 'g-1', Campaign: 'Sales<-', Callerid: '099123456', ParAndValues: 'a=1' });
const call = { guid: 'g-1', campaign: 'Sales<-', callerid: '099123456', vars: { a: '1' } };

function setup(options: Partial<HostBridgeOptions>, globals: Record<string, unknown> = {}) {
  const win = { ...globals } as unknown as Window & Record<string, unknown>;
  return { win, current: createCurrentCall({ allowedOrigins: 'https://crm.example.com', ...options }, win) };
}

afterEach(() => vi.restoreAllMocks());

describe('createCurrentCall', () => {
  it('without the callContext option shares nothing and locks nothing', () => {
    const { current } = setup({}, { CTI });
    expect(current.shared).toBe(false);
    expect(current.get()).toBeUndefined();
    expect(() => current.lock('disposition', 'other')).not.toThrow();
    expect(() => current.set(call)).toThrow(/setCallContext needs the callContext option/);
  });

  it("'cti' reads the CTI global when the bridge starts", () => {
    expect(setup({ callContext: 'cti' }, { CTI }).current.get()).toEqual(call);
  });

  it('a function source is checked; undefined means no call', () => {
    expect(setup({ callContext: () => call }).current.get()).toEqual(call);
    expect(setup({ callContext: () => undefined }).current.get()).toBeUndefined();
  });

  it('a missing, malformed or Guid-less CTI is no call, reported once per reason with console.warn, never thrown', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { current, win } = setup({ callContext: 'cti' }, { CTI: '{oops' });
    expect(current.get()).toBeUndefined();
    current.refresh();
    current.refresh();
    win.CTI = JSON.stringify({ Campaign: 'x' });
    current.refresh();
    expect(warn.mock.calls).toEqual([['ucbridge NO_CALL_CONTEXT: CTI is not JSON: no call context'], ['ucbridge NO_CALL_CONTEXT: CTI has no Guid: no call context']]);
  });

  it('a function that throws or returns a bad context is no call, reported, never thrown', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(
      setup({
        callContext: () => {
          throw new Error('boom');
        },
      }).current.get(),
    ).toBeUndefined();
    expect(setup({ callContext: () => ({ guid: '' }) as never }).current.get()).toBeUndefined();
    expect(warn.mock.calls.map((c) => c[0])).toEqual(['ucbridge NO_CALL_CONTEXT: callContext() threw: boom: no call context', 'ucbridge NO_CALL_CONTEXT: callContext().guid is required: no call context']);
  });

  it('refresh re-reads the source and says whether the call changed', () => {
    const { current, win } = setup({ callContext: 'cti' }, { CTI });
    expect(current.refresh()).toBe(false);
    win.CTI = JSON.stringify({ Guid: 'g-2', Campaign: 'Sales<-' });
    expect(current.refresh()).toBe(true);
    expect(current.get()).toMatchObject({ guid: 'g-2' });
  });

  it('set takes over from the source: checked, a copy kept, the source not read again', () => {
    const { current, win } = setup({ callContext: 'cti' }, { CTI });
    const next = { ...call, guid: 'g-9' };
    expect(current.set(next)).toBe(true);
    expect(current.get()).toEqual(next);
    expect(current.get()).not.toBe(next);
    expect(current.set({ ...next })).toBe(false);
    win.CTI = JSON.stringify({ Guid: 'g-3' });
    expect(current.refresh()).toBe(false);
    expect(current.get()).toMatchObject({ guid: 'g-9' });
    expect(() => current.set({ ...call, vars: { a: 1 } } as never)).toThrow(new TypeError('ucbridge INVALID_ARGUMENT: setCallContext().vars.a must be a string of up to 1024 characters, no control characters'));
    expect(current.set(undefined)).toBe(true);
    expect(current.get()).toBeUndefined();
  });

  it('the lock refuses another guid or campaign with WRONG_CALL naming the field, without telling the current call', () => {
    const { current } = setup({ callContext: 'cti' }, { CTI });
    expect(() => current.lock('disposition', 'g-1', 'Sales<-')).not.toThrow();
    expect(() => current.lock('params', 'g-1')).not.toThrow();
    for (const [guid, campaign, field] of [['g-2', 'Sales<-', 'disposition.guid'], ['g-1', 'Other->', 'disposition.campaign']]) {
      let error: unknown;
      try {
        current.lock('disposition', guid!, campaign);
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ name: 'BridgeError', code: 'WRONG_CALL', field });
      expect((error as Error).message).not.toContain('g-1');
      expect((error as Error).message).not.toContain('Sales<-');
    }
  });

  it('with no current call every disposition is WRONG_CALL; lockToCall: false turns the lock off', () => {
    expect(() => setup({ callContext: 'cti' }).current.lock('disposition', 'g-1', 'x')).toThrow(expect.objectContaining({ code: 'WRONG_CALL', field: 'disposition.guid' }));
    expect(() => setup({ callContext: 'cti', lockToCall: false }, { CTI }).current.lock('disposition', 'g-2', 'x')).not.toThrow();
  });

  it('refuses a callContext option that is neither cti nor a function', () => {
    expect(() => setup({ callContext: 'CTI' as never })).toThrow(new TypeError("ucbridge INVALID_OPTION: callContext must be 'cti' or a function that returns the call"));
  });
});
