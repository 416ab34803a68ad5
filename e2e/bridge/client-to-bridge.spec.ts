import { test } from '@playwright/test';
import { expect, A, B, DOCUMENTED, DOCUMENTED_ARGS, calls, connected, openConsole, ucLog, type CrmWindow } from './helpers.js';

// page loads across three origins on a busy machine: room for them, not for a hang
test.describe.configure({ timeout: 60_000 });

// A CRM page with the client IIFE (origin B) talks to a form with the bridge (origin A): handshake,
// private port, one reply per request carrying the platform's outcome.

test.describe('client → bridge (script tag)', () => {
  test('the handshake tells the version and the actions offered', async ({ page }) => {
    const { crm } = await openConsole(page);
    expect(await connected(crm)).toEqual({ version: 1, actions: ['CLOSE_TAB', 'DISPOSITION_CALL'], origin: A, platformTimeoutMs: 30_000 });
    expect(await crm.evaluate(() => [(window as unknown as CrmWindow).host.supports('DISPOSITION_CALL'), (window as unknown as CrmWindow).host.supports('crm.note')])).toEqual([true, false]);
    expect(await crm.evaluate(() => (window as unknown as CrmWindow).events.map((e) => e.type))).toEqual(['connect']);
  });

  test('closeTab() calls parent.closeActiveTab() once and resolves confirmed', async ({ page }) => {
    const { crm } = await openConsole(page);
    const settled = await crm.evaluate(() => (window as unknown as CrmWindow).settle((window as unknown as CrmWindow).host.closeTab()));
    expect(settled).toEqual({ ok: true, value: { confirmed: true } });
    expect(await calls(page)).toEqual([{ fn: 'closeActiveTab', argc: 0 }]);
  });

  test('dispositionCall() calls UC_DispositionCall once in the documented order and resolves with its success value', async ({ page }) => {
    const { crm } = await openConsole(page);
    const settled = await crm.evaluate((d) => (window as unknown as CrmWindow).settle((window as unknown as CrmWindow).host.dispositionCall(d)), DOCUMENTED);
    expect(settled).toEqual({ ok: true, value: { confirmed: true, result: 'saved 3123-3123-3123-312-3123' } });
    expect(await calls(page)).toEqual([{ fn: 'UC_DispositionCall', argc: 12, args: DOCUMENTED_ARGS, callbacks: ['function', 'function'] }]);
  });

  test('a Date schedule arrives as local YYYY-MM-DD HH:MM:SS, missing optional fields as empty strings', async ({ page }) => {
    const { crm } = await openConsole(page);
    const settled = await crm.evaluate(() => {
      const w = window as unknown as CrmWindow;
      return w.settle(w.host.dispositionCall({ campaign: 'Sales', callerid: '099123456', guid: 'g-1', l1: 'callback', schedule: new Date(2026, 10, 24, 9, 5, 7) }));
    });
    expect(settled).toMatchObject({ ok: true, value: { confirmed: true } });
    expect((await calls(page))[0]!.args).toEqual(['Sales', '099123456', 'g-1', 'callback', '', '', '', '', '', '2026-11-24 09:05:07']);
  });

  test('the platform error callback rejects with PLATFORM_ERROR and its message', async ({ page }) => {
    const { crm } = await openConsole(page, { platform: 'error' });
    const settled = await crm.evaluate((d) => (window as unknown as CrmWindow).settle((window as unknown as CrmWindow).host.dispositionCall(d)), DOCUMENTED);
    expect(settled).toMatchObject({ ok: false, name: 'BridgeError', code: 'PLATFORM_ERROR', message: expect.stringContaining('the campaign is closed') });
    expect(await calls(page)).toHaveLength(1);
  });

  test('a platform function that throws rejects with HANDLER_ERROR naming the action and the error', async ({ page }) => {
    const { crm } = await openConsole(page, { platform: 'throw' });
    const settled = await crm.evaluate((d) => (window as unknown as CrmWindow).settle((window as unknown as CrmWindow).host.dispositionCall(d)), DOCUMENTED);
    // it threw: nobody can say whether it sent anything first
    expect(settled).toMatchObject({ ok: false, code: 'HANDLER_ERROR', outcome: 'unknown', message: expect.stringMatching(/UC_DispositionCall threw: UC_DispositionCall exploded/) });
    expect(await calls(page)).toHaveLength(1);
  });

  test('no UC_DispositionCall in the page rejects with PLATFORM_MISSING and calls nothing', async ({ page }) => {
    const { crm } = await openConsole(page, { platform: 'missing' });
    const settled = await crm.evaluate((d) => (window as unknown as CrmWindow).settle((window as unknown as CrmWindow).host.dispositionCall(d)), DOCUMENTED);
    expect(settled).toMatchObject({ ok: false, code: 'PLATFORM_MISSING', message: expect.stringContaining('UC_DispositionCall') });
    expect(await calls(page)).toEqual([]);
  });

  test('an invalid disposition rejects with INVALID_ARGUMENT naming the field, before anything is sent', async ({ page }) => {
    const { crm } = await openConsole(page, { form: 'form-api.html' });
    await connected(crm);
    const results = await crm.evaluate(async (d) => {
      const w = window as unknown as CrmWindow;
      return [
        await w.settle(w.host.dispositionCall({ ...d, schedule: '2019-02-30 10:00:00' })),
        await w.settle(w.host.dispositionCall({ ...d, l1: 42 })),
        await w.settle(w.host.dispositionCall({ ...d, guid: '' })),
        await w.settle(w.host.dispositionCall({ ...d, comment: 'x'.repeat(100_000) })),
        await w.settle(w.host.dispositionCall({ ...d, extra: 'field' })),
      ];
    }, DOCUMENTED);
    expect(results.map((r) => !r.ok && [r.code, r.field])).toEqual([
      ['INVALID_ARGUMENT', 'disposition.schedule'],
      ['INVALID_ARGUMENT', 'disposition.l1'],
      ['INVALID_ARGUMENT', 'disposition.guid'],
      ['INVALID_ARGUMENT', 'disposition.comment'],
      ['INVALID_ARGUMENT', 'disposition.extra'],
    ]);
    const log = await ucLog(page);
    expect(log.calls).toEqual([]);
    // only handshakes were accepted (a busy machine may let the client retry its HELLO once), no request
    expect(log.accepted.length).toBeGreaterThan(0);
    expect(log.accepted.filter((e) => e.kind !== 'hello')).toEqual([]);
  });
});

test.describe('client → bridge (createHostBridge)', () => {
  test('a platform that never answers rejects with PLATFORM_TIMEOUT after the form\'s platformTimeoutMs', async ({ page }) => {
    const { crm } = await openConsole(page, { form: 'form-api.html', platform: 'silent', platformTimeoutMs: '300' });
    const settled = await crm.evaluate((d) => (window as unknown as CrmWindow).settle((window as unknown as CrmWindow).host.dispositionCall(d)), DOCUMENTED);
    expect(settled).toMatchObject({ ok: false, code: 'PLATFORM_TIMEOUT', message: expect.stringContaining('DISPOSITION_CALL') });
    expect(await calls(page)).toHaveLength(1);
    expect((await ucLog(page)).accepted.filter((e) => e.kind === 'reply').map((e) => e.code)).toEqual(['PLATFORM_TIMEOUT']);
  });

  test('a client timeout shorter than the form\'s platformTimeoutMs waits for the form: its PLATFORM_TIMEOUT comes back, outcome unknown', async ({ page }) => {
    const { crm } = await openConsole(page, { form: 'form-api.html', platform: 'silent', platformTimeoutMs: '800' });
    expect(await connected(crm)).toMatchObject({ platformTimeoutMs: 800 });
    const settled = await crm.evaluate((d) => (window as unknown as CrmWindow).settle((window as unknown as CrmWindow).host.dispositionCall(d, { timeoutMs: 200 })), DOCUMENTED);
    expect(settled).toMatchObject({ ok: false, code: 'PLATFORM_TIMEOUT', outcome: 'unknown', message: expect.stringContaining('DISPOSITION_CALL') });
    expect(await calls(page)).toHaveLength(1);
  });

  test('an extra action of the form is offered in the handshake and called with its params and the caller origin', async ({ page }) => {
    const { crm } = await openConsole(page, { form: 'form-api.html' });
    expect(await connected(crm)).toMatchObject({ actions: ['CLOSE_TAB', 'DISPOSITION_CALL', 'crm.note'] });
    const settled = await crm.evaluate(() => (window as unknown as CrmWindow).settle((window as unknown as CrmWindow).host.call('crm.note', { ticket: 7, text: 'called back' })));
    expect(settled).toEqual({ ok: true, value: { confirmed: true, result: { saved: true } } });
    expect(await calls(page)).toEqual([{ fn: 'crm.note', params: { ticket: 7, text: 'called back' }, origin: B }]);
  });

  test('an action the form does not offer rejects with UNKNOWN_ACTION, prototype names included', async ({ page }) => {
    const { crm } = await openConsole(page, { form: 'form-api.html' });
    await connected(crm);
    const results = await crm.evaluate(async () => {
      const w = window as unknown as CrmWindow;
      const out = [];
      for (const action of ['crm.missing', 'toString', 'constructor', 'hasOwnProperty', 'valueOf']) out.push(await w.settle(w.host.call(action)));
      return out;
    });
    expect(results.map((r) => !r.ok && r.code)).toEqual(['UNKNOWN_ACTION', 'UNKNOWN_ACTION', 'UNKNOWN_ACTION', 'UNKNOWN_ACTION', 'UNKNOWN_ACTION']);
    expect(await calls(page)).toEqual([]);
  });

  test('every request gets exactly one reply: ten calls at once, ten outcomes, ten platform calls', async ({ page }) => {
    const { crm } = await openConsole(page, { form: 'form-api.html' });
    const results = await crm.evaluate(
      (d) => Promise.all(Array.from({ length: 10 }, (_, i) => (window as unknown as CrmWindow).settle((window as unknown as CrmWindow).host.dispositionCall({ ...d, guid: `g-${i}` })))),
      DOCUMENTED,
    );
    expect(results).toEqual(Array.from({ length: 10 }, (_, i) => ({ ok: true, value: { confirmed: true, result: `saved g-${i}` } })));
    expect((await calls(page)).map((c) => c.args![2])).toEqual(Array.from({ length: 10 }, (_, i) => `g-${i}`));
    expect((await ucLog(page)).accepted.filter((e) => e.kind === 'reply')).toHaveLength(10);
  });
});
