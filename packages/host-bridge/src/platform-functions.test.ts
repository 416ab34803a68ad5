import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDispatcher } from './dispatcher.js';
import type { HostBridgeOptions, RequestContext } from './types.js';

const ctx = (action: string): RequestContext => ({ origin: 'https://crm.example.com', action, source: 'port' });
const CTI = JSON.stringify({ Guid: 'g-1', Campaign: 'Sales<-', Callerid: '099123456' });

/** A form window with the platform's form functions, each recording its arguments. */
function formWindow() {
  const calls: [string, unknown[]][] = [];
  const record = (name: string) => (...args: unknown[]) => (calls.push([name, args]), name + ' done');
  const win = { CTI, UC_closeForm: record('UC_closeForm'), UC_TagRecord: record('UC_TagRecord'), UC_makeCall_async: record('UC_makeCall_async'), notification: record('notification') };
  return { win: win as unknown as Window, calls };
}

function dispatcher(options: Partial<HostBridgeOptions>, win = formWindow().win) {
  return createDispatcher({ allowedOrigins: 'https://crm.example.com', ...options }, win);
}

afterEach(() => vi.restoreAllMocks());

describe('platform functions: opt-in by name', () => {
  it('offers none by default', () => {
    expect(dispatcher({})[0]).toEqual(['CLOSE_TAB', 'DISPOSITION_CALL']);
  });

  it('offers the listed ones after the built-ins and before the form\'s own, in a fixed order', () => {
    const [names] = dispatcher({ platformFunctions: ['notify', 'closeForm', 'makeCall', 'tagRecord'], actions: { 'crm.note': () => 1 } });
    expect(names).toEqual(['CLOSE_TAB', 'DISPOSITION_CALL', 'CLOSE_FORM', 'TAG_RECORD', 'MAKE_CALL', 'NOTIFY', 'crm.note']);
  });

  it('calls each platform function with its arguments in the platform order and answers with what it returns', async () => {
    const { win, calls } = formWindow();
    const [, run] = dispatcher({ platformFunctions: ['closeForm', 'tagRecord', 'makeCall', 'notify'] }, win);
    await expect(run('CLOSE_FORM', undefined, ctx('CLOSE_FORM'))).resolves.toBe('UC_closeForm done');
    await run('TAG_RECORD', { guid: 'g-1', l1: 'Sale', l3: 'Visa' }, ctx('TAG_RECORD'));
    await run('MAKE_CALL', { campaign: 'Out->', callerid: '29000000', destination: '+59899123456' }, ctx('MAKE_CALL'));
    await run('NOTIFY', { title: 'Saved', message: 'Disposition saved', icon: 'ok.png', type: 'success' }, ctx('NOTIFY'));
    expect(calls).toEqual([
      ['UC_closeForm', []],
      ['UC_TagRecord', ['g-1', 'Sale||Visa']],
      ['UC_makeCall_async', ['Out->', '29000000', '+59899123456']],
      ['notification', ['Saved', 'Disposition saved', 'ok.png', 'success']],
    ]);
  });

  it('checks the parameters first: INVALID_ARGUMENT naming the field, nothing called', async () => {
    const { win, calls } = formWindow();
    const [, run] = dispatcher({ platformFunctions: ['makeCall', 'tagRecord', 'closeForm'] }, win);
    await expect(run('MAKE_CALL', { campaign: 'Out->', destination: '099-CALL-ME' }, ctx('MAKE_CALL'))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', field: 'params.destination' });
    await expect(run('TAG_RECORD', { guid: 'g-1', l1: 'a|b' }, ctx('TAG_RECORD'))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', field: 'params.l1' });
    await expect(run('CLOSE_FORM', { now: true }, ctx('CLOSE_FORM'))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', field: 'params.now' });
    expect(calls).toEqual([]);
  });

  it('locks TAG_RECORD to the current call when the form shares one (WRONG_CALL, nothing called)', async () => {
    const { win, calls } = formWindow();
    const [, run] = dispatcher({ platformFunctions: ['tagRecord'], callContext: 'cti' }, win);
    await expect(run('TAG_RECORD', { guid: 'g-2', l1: 'Sale' }, ctx('TAG_RECORD'))).rejects.toMatchObject({ code: 'WRONG_CALL', field: 'params.guid' });
    expect(calls).toEqual([]);
    await run('TAG_RECORD', { guid: 'g-1', l1: 'Sale' }, ctx('TAG_RECORD'));
    expect(calls).toEqual([['UC_TagRecord', ['g-1', 'Sale||']]]);
  });

  it('answers PLATFORM_MISSING when the function is not in the page', async () => {
    const [, run] = dispatcher({ platformFunctions: ['closeForm'] }, {} as Window);
    await expect(run('CLOSE_FORM', undefined, ctx('CLOSE_FORM'))).rejects.toMatchObject({ code: 'PLATFORM_MISSING', message: expect.stringContaining('UC_closeForm') });
  });

  it('offers HANG_UP only with handlers.hangUp (no documented platform function hangs up)', async () => {
    expect(() => dispatcher({ platformFunctions: ['hangUp'] })).toThrow(new TypeError('ucbridge INVALID_OPTION: hangUp has no documented platform function: give handlers.hangUp to offer it'));
    const hangUp = vi.fn(() => 'hung up');
    const [names, run] = dispatcher({ handlers: { hangUp } });
    expect(names).toEqual(['CLOSE_TAB', 'DISPOSITION_CALL', 'HANG_UP']);
    await expect(run('HANG_UP', undefined, ctx('HANG_UP'))).resolves.toBe('hung up');
    expect(hangUp).toHaveBeenCalledWith(ctx('HANG_UP'));
  });

  it.each(['UC_get_async', 'UC_exec', 'UC_Save_async', 'uc_GET_ASYNC', 'UC_get'])('refuses the SQL runner %s by name, in platformFunctions and as an action of the form', (name) => {
    expect(() => dispatcher({ platformFunctions: [name as never] })).toThrow(new TypeError(`ucbridge INVALID_OPTION: ${name} runs SQL on the platform's database: it can never be offered to a framed page`));
    expect(() => dispatcher({ actions: { [name]: () => 1 } })).toThrow(/runs SQL on the platform's database/);
  });

  it('refuses names that are not form functions, and a form action that takes a form function\'s wire name', () => {
    expect(() => dispatcher({ platformFunctions: ['transfer' as never] })).toThrow(/transfer is not a form function \(closeForm, tagRecord, makeCall, notify, hangUp\)/);
    expect(() => dispatcher({ platformFunctions: ['toString' as never] })).toThrow(/toString is not a form function/);
    expect(() => dispatcher({ platformFunctions: 'makeCall' as never })).toThrow(/platformFunctions must be a list/);
    expect(() => dispatcher({ actions: { MAKE_CALL: () => 1 } })).toThrow(/MAKE_CALL is the action of a form function: list it in platformFunctions instead/);
  });
});
