import { test } from '@playwright/test';
import { expect, B, DOCUMENTED_ARGS, calls, openConsole, ucLog, url, type CrmWindow, type FormFile, type LegacyWindow } from './helpers.js';

test.describe.configure({ timeout: 60_000 });

test('two copies of host-bridge on one form (script tag + a bundled copy): a documented DISPOSITION_CALL reaches the platform once', async ({ page }) => {
  const { form, crm } = await openConsole(page, { form: 'form-two-copies.html' as FormFile, crm: `${B}/legacy-iframe.html` });
  // really two bridges, from two copies of the library
  expect(await form.evaluate(() => {
    const w = window as unknown as { firstCopy: { bridge?: object }; UCBridge: { bridge?: object } };
    return !!w.firstCopy.bridge && !!w.UCBridge.bridge && w.firstCopy.bridge !== w.UCBridge.bridge;
  })).toBe(true);
  await crm.evaluate(() => (window as unknown as LegacyWindow).sendDisposition());
  // both bridges ran the message (each says so), and the platform was called once
  await expect.poll(async () => (await ucLog(page)).infos.filter((line) => JSON.stringify(line).includes('ran a documented-shape DISPOSITION_CALL')).length).toBe(2);
  expect((await calls(page)).map((call) => call.args)).toEqual([DOCUMENTED_ARGS]);
});

test('two copies of host-bridge, the first refusing the CRM: a disposition made as the CRM connects is refused not-done, and never reaches the platform', async ({ page }) => {
  const { crm } = await openConsole(page, { form: 'form-two-copies-refusing.html' as FormFile, crm: url(`${B}/crm.html`, { callAtOnce: true }) });
  const settled = await crm.evaluate(() => (window as unknown as CrmWindow).pending);
  expect(settled).toMatchObject({ ok: false, code: 'ORIGIN_NOT_ALLOWED', outcome: 'not-done' });
  // both copies read the HELLO in one task, before the REFUSED went: a call the second ran is in the log by now
  expect(await calls(page)).toEqual([]);
});
