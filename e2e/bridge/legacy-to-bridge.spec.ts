import { test } from '@playwright/test';
import { expect, B, DOCUMENTED_ARGS, calls, openConsole, ucLog, type LegacyWindow } from './helpers.js';

// page loads across three origins on a busy machine: room for them, not for a hang
test.describe.configure({ timeout: 60_000 });

// An iframe written against the platform's documentation (no ucbridge) talks to a form that has only
// the ucbridge script tag: the bridge must stand in for the documented listener exactly.
const legacyCrm = `${B}/legacy-iframe.html`;

test.describe('legacy iframe → bridge', () => {
  test('DISPOSITION_CALL calls UC_DispositionCall once with the documented argument order and two callbacks', async ({ page }) => {
    const { crm } = await openConsole(page, { crm: legacyCrm });
    await crm.evaluate(() => (window as unknown as LegacyWindow).sendDisposition());
    await expect.poll(() => calls(page)).toHaveLength(1);
    expect(await calls(page)).toEqual([{ fn: 'UC_DispositionCall', argc: 12, args: DOCUMENTED_ARGS, callbacks: ['function', 'function'] }]);
  });

  test('CLOSE_TAB calls parent.closeActiveTab() of the console once, without arguments', async ({ page }) => {
    const { crm } = await openConsole(page, { crm: legacyCrm });
    await crm.evaluate(() => (window as unknown as LegacyWindow).sendCloseTab());
    await expect.poll(() => calls(page)).toEqual([{ fn: 'closeActiveTab', argc: 0 }]);
  });

  test('a click on the documented buttons disposes, then closes, in that order', async ({ page }) => {
    const { crm } = await openConsole(page, { crm: legacyCrm });
    await crm.locator('#dispose').click();
    await crm.locator('#close').click();
    await expect.poll(async () => (await calls(page)).map((c) => c.fn)).toEqual(['UC_DispositionCall', 'closeActiveTab']);
  });

  test('optional fields left out arrive as empty strings, in place', async ({ page }) => {
    const { crm } = await openConsole(page, { crm: legacyCrm });
    await crm.evaluate(() => (window as unknown as LegacyWindow).sendDisposition({ l2: undefined, l3: undefined, d1: undefined, d2: undefined, comment: undefined, schedule: undefined }));
    await expect.poll(() => calls(page)).toHaveLength(1);
    expect((await calls(page))[0]!.args).toEqual(['CampanaTest', '123456Test', '3123-3123-3123-312-3123', 'nivel1', '', '', '', '', '', '']);
  });

  test('the bridge logs the legacy message and the platform outcome (no reply is posted to a legacy iframe)', async ({ page }) => {
    const { crm } = await openConsole(page, { form: 'form-api.html', crm: legacyCrm });
    await crm.evaluate(() => (window as unknown as LegacyWindow).sendDisposition());
    await expect.poll(async () => (await ucLog(page)).accepted.map((e) => [e.kind, e.action, e.code ?? null])).toEqual([
      ['legacy', 'DISPOSITION_CALL', null],
      ['reply', 'DISPOSITION_CALL', null],
    ]);
    const [legacy, reply] = (await ucLog(page)).accepted;
    expect(legacy).toMatchObject({ origin: B, data: { campaign: 'CampanaTest', schedule: '2019-05-04 15:55:55' } });
    expect(reply).toMatchObject({ origin: B, data: 'saved 3123-3123-3123-312-3123' });
  });

  test('the platform error callback of a legacy call is logged as PLATFORM_ERROR', async ({ page }) => {
    const { crm } = await openConsole(page, { form: 'form-api.html', crm: legacyCrm, platform: 'error' });
    await crm.evaluate(() => (window as unknown as LegacyWindow).sendDisposition());
    await expect.poll(async () => (await ucLog(page)).accepted.find((e) => e.kind === 'reply')?.code).toBe('PLATFORM_ERROR');
    expect(await calls(page)).toHaveLength(1);
  });

  test('with legacy: false the bridge leaves documented messages alone', async ({ page }) => {
    const { crm } = await openConsole(page, { form: 'form-api.html', crm: legacyCrm, legacy: 'false' });
    await crm.evaluate(() => {
      const w = window as unknown as LegacyWindow;
      w.sendDisposition();
      w.sendCloseTab();
      // a HELLO from the same frame after them: once it is logged, the two before were seen and ignored
      parent.postMessage({ ucbridge: 1, type: 'HELLO', id: 'after', versions: [1] }, '*');
    });
    await expect.poll(async () => (await ucLog(page)).accepted.map((e) => e.kind)).toEqual(['hello']);
    expect(await ucLog(page)).toMatchObject({ calls: [], rejected: [] });
  });
});
