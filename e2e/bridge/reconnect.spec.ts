import { test } from '@playwright/test';
import { expect, A, B, DOCUMENTED, calls, connected, openConsole, readyFrame, ucLog, url, type CrmWindow, type FormWindow } from './helpers.js';

// page loads across three origins on a busy machine: room for them, not for a hang
test.describe.configure({ timeout: 60_000 });

// The connection survives the CRM page reloading, and the form's bridge starting late or restarting.

test('the CRM page reloads: it connects again, the old port is replaced, and the next call is confirmed once', async ({ page }) => {
  const { crm } = await openConsole(page, { form: 'form-api.html' });
  await connected(crm);
  await crm.goto(crm.url());
  await readyFrame(page, 'crm');
  expect(await connected(crm)).toEqual({ version: 1, actions: ['CLOSE_TAB', 'DISPOSITION_CALL', 'crm.note'], origin: A, platformTimeoutMs: 30_000 });
  const settled = await crm.evaluate((d) => (window as unknown as CrmWindow).settle((window as unknown as CrmWindow).host.dispositionCall(d)), DOCUMENTED);
  expect(settled).toMatchObject({ ok: true, value: { confirmed: true } });
  const log = await ucLog(page);
  expect(log.calls.map((c) => c.fn)).toEqual(['UC_DispositionCall']);
  // two handshakes at least (the client retries HELLO until a WELCOME answers its latest one: a busy
  // machine can make that more), every one from the CRM's origin
  const hellos = log.accepted.filter((e) => e.kind === 'hello');
  expect(hellos.length).toBeGreaterThanOrEqual(2);
  expect(hellos.every((e) => e.origin === B)).toBe(true);
  expect(log.rejected).toEqual([]);
});

test('the bridge starts late: a call made before it waits for the handshake and is confirmed once', async ({ page }) => {
  const { form, crm } = await openConsole(page, { form: 'form-api.html', install: 'manual', crm: url(`${B}/crm.html`, { handshakeTimeoutMs: 60_000 }) });
  await crm.evaluate((d) => {
    const w = window as unknown as CrmWindow;
    w.pending = w.settle(w.host.dispositionCall(d));
  }, DOCUMENTED);
  expect(await crm.evaluate(() => (window as unknown as CrmWindow).host.info)).toBeUndefined();
  expect(await form.evaluate(() => (window as unknown as FormWindow).installBridge())).toEqual(['CLOSE_TAB', 'DISPOSITION_CALL', 'crm.note']);
  expect(await crm.evaluate(() => (window as unknown as CrmWindow).pending)).toEqual({ ok: true, value: { confirmed: true, result: 'saved 3123-3123-3123-312-3123' } });
  expect((await calls(page)).map((c) => c.fn)).toEqual(['UC_DispositionCall']);
});

test('the bridge starts after the client fell back to the legacy way: the client still finds it', async ({ page }) => {
  const { form, crm } = await openConsole(page, { form: 'form-api.html', install: 'manual', crm: url(`${B}/crm.html`, { handshakeTimeoutMs: 200 }) });
  // no bridge and no documented listener yet: the call is posted the documented way into nothing
  expect(await crm.evaluate(() => (window as unknown as CrmWindow).settle((window as unknown as CrmWindow).host.closeTab()))).toEqual({ ok: true, value: { confirmed: false } });
  await form.evaluate(() => (window as unknown as FormWindow).installBridge());
  expect(await connected(crm)).toMatchObject({ origin: A });
  expect(await crm.evaluate(() => (window as unknown as CrmWindow).settle((window as unknown as CrmWindow).host.closeTab()))).toEqual({ ok: true, value: { confirmed: true } });
  expect(await calls(page)).toEqual([{ fn: 'closeActiveTab', argc: 0 }]);
});

test('the bridge restarts: the client hears BYE (CONNECTION_LOST), reconnects by itself, and calls work again', async ({ page }) => {
  const { form, crm } = await openConsole(page, { form: 'form-api.html' });
  await connected(crm);
  await form.evaluate(() => {
    const w = window as unknown as FormWindow;
    w.bridge.destroy();
    w.installBridge();
  });
  await expect.poll(() => crm.evaluate(() => (window as unknown as CrmWindow).events.map((e) => [e.type, e.code ?? null]))).toEqual([
    ['connect', null],
    ['disconnect', 'CONNECTION_LOST'],
    ['connect', null],
  ]);
  expect(await crm.evaluate(() => (window as unknown as CrmWindow).settle((window as unknown as CrmWindow).host.closeTab()))).toEqual({ ok: true, value: { confirmed: true } });
  expect(await calls(page)).toEqual([{ fn: 'closeActiveTab', argc: 0 }]);
});

test('a call pending when the bridge is destroyed gets one answer, DESTROYED, and is not resent', async ({ page }) => {
  const { form, crm } = await openConsole(page, { form: 'form-api.html', platform: 'silent' });
  await connected(crm);
  await crm.evaluate((d) => {
    const w = window as unknown as CrmWindow;
    w.pending = w.settle(w.host.dispositionCall(d));
  }, DOCUMENTED);
  await expect.poll(() => calls(page)).toHaveLength(1);
  await form.evaluate(() => (window as unknown as FormWindow).bridge.destroy());
  expect(await crm.evaluate(() => (window as unknown as CrmWindow).pending)).toMatchObject({ ok: false, code: 'DESTROYED' });
  await form.evaluate(() => (window as unknown as FormWindow).installBridge());
  await expect.poll(() => crm.evaluate(() => (window as unknown as CrmWindow).events.map((e) => e.type))).toEqual(['connect', 'disconnect', 'connect']);
  expect(await calls(page)).toHaveLength(1);
});
