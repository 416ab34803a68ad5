import { test } from '@playwright/test';
import { expect, B, DOCUMENTED, DOCUMENTED_ARGS, calls, connected, openConsole, ucLog, url, type CrmWindow, type LegacyWindow } from './helpers.js';

// page loads across three origins on a busy machine: room for them, not for a hang
test.describe.configure({ timeout: 60_000 });

// The client in a form that has only the platform's documented listener (no ucbridge), and in a form
// that has both the documented listener and the bridge (legacy: off): the platform is called exactly once.

/** The CRM with a short handshake window, so the legacy fallback comes quickly. */
const quickCrm = (params: Record<string, string> = {}) => url(`${B}/crm.html`, { handshakeTimeoutMs: 300, ...params });

test.describe('client → form with only the documented listener', () => {
  test('dispositionCall() is understood by the documented listener, called once, and resolves unconfirmed', async ({ page }) => {
    const { crm } = await openConsole(page, { form: 'form-documented.html', crm: quickCrm() });
    const results = await crm.evaluate(async (d) => {
      const w = window as unknown as CrmWindow;
      // closeTab after it, on the same window: once closeActiveTab is seen, the disposition before it was handled
      return [await w.settle(w.host.dispositionCall(d)), await w.settle(w.host.closeTab())];
    }, DOCUMENTED);
    expect(results).toEqual([
      { ok: true, value: { confirmed: false } },
      { ok: true, value: { confirmed: false } },
    ]);
    await expect.poll(async () => (await calls(page)).map((c) => c.fn)).toEqual(['UC_DispositionCall', 'closeActiveTab']);
    expect((await calls(page))[0]).toEqual({ fn: 'UC_DispositionCall', argc: 12, args: DOCUMENTED_ARGS, callbacks: ['function', 'function'] });
    // the documented listener's own success callback ran: the platform really took it
    await expect.poll(async () => (await ucLog(page)).outcomes).toEqual([{ fn: 'callbackDiposition', args: ['saved 3123-3123-3123-312-3123'] }]);
  });

  test('a call made before the handshake window ends waits for it, then settles (never hangs)', async ({ page }) => {
    const { crm } = await openConsole(page, { form: 'form-documented.html', crm: quickCrm() });
    const settled = await crm.evaluate(() => {
      const w = window as unknown as CrmWindow;
      return w.settle(w.host.closeTab());
    });
    expect(settled).toEqual({ ok: true, value: { confirmed: false } });
    await expect.poll(() => calls(page)).toEqual([{ fn: 'closeActiveTab', argc: 0 }]);
    expect(await crm.evaluate(() => (window as unknown as CrmWindow).host.info)).toBeUndefined();
  });

  test('with requireConfirmation the call is still posted once but rejects with UNCONFIRMED', async ({ page }) => {
    const { crm } = await openConsole(page, { form: 'form-documented.html', crm: quickCrm({ requireConfirmation: 'true' }) });
    const results = await crm.evaluate(async (d) => {
      const w = window as unknown as CrmWindow;
      return [await w.settle(w.host.dispositionCall(d)), await w.settle(w.host.closeTab())];
    }, DOCUMENTED);
    expect(results.map((r) => !r.ok && r.code)).toEqual(['UNCONFIRMED', 'UNCONFIRMED']);
    await expect.poll(async () => (await calls(page)).map((c) => c.fn)).toEqual(['UC_DispositionCall', 'closeActiveTab']);
  });

  test('an extra action needs a bridge: it rejects with NOT_CONNECTED and nothing is posted for it', async ({ page }) => {
    const { crm } = await openConsole(page, { form: 'form-documented.html', crm: quickCrm() });
    const results = await crm.evaluate(async () => {
      const w = window as unknown as CrmWindow;
      return [await w.settle(w.host.call('crm.note', { text: 'x' })), await w.settle(w.host.closeTab())];
    });
    expect(results).toEqual([expect.objectContaining({ ok: false, code: 'NOT_CONNECTED' }), { ok: true, value: { confirmed: false } }]);
    await expect.poll(() => calls(page)).toEqual([{ fn: 'closeActiveTab', argc: 0 }]);
  });
});

test.describe('form with both the documented listener and the bridge (legacy: off)', () => {
  test('a client call goes on the private port only: confirmed, and the platform is called once', async ({ page }) => {
    const { crm } = await openConsole(page, { form: 'form-both.html', crm: quickCrm() });
    await connected(crm);
    const results = await crm.evaluate(async (d) => {
      const w = window as unknown as CrmWindow;
      return [await w.settle(w.host.dispositionCall(d)), await w.settle(w.host.closeTab())];
    }, DOCUMENTED);
    expect(results).toEqual([
      { ok: true, value: { confirmed: true, result: 'saved 3123-3123-3123-312-3123' } },
      { ok: true, value: { confirmed: true } },
    ]);
    expect((await calls(page)).map((c) => c.fn)).toEqual(['UC_DispositionCall', 'closeActiveTab']);
    // the documented listener never saw the request: its callbacks never ran
    expect((await ucLog(page)).outcomes).toEqual([]);
  });

  test('a documented iframe is served once, by the documented listener; the bridge leaves it alone', async ({ page }) => {
    const { crm } = await openConsole(page, { form: 'form-both.html', crm: `${B}/legacy-iframe.html` });
    await crm.evaluate(() => {
      const w = window as unknown as LegacyWindow;
      w.sendDisposition();
      w.sendCloseTab();
    });
    await expect.poll(async () => (await calls(page)).map((c) => c.fn)).toEqual(['UC_DispositionCall', 'closeActiveTab']);
    await expect.poll(async () => (await ucLog(page)).outcomes.map((o) => o.fn)).toEqual(['callbackDiposition']);
    expect((await ucLog(page)).rejected).toEqual([]);
  });
});
