import { expect, test } from '@playwright/test';
import { arg, connected, openConsole, rows, screenshot } from './demo.js';

test.use({ viewport: { width: 1440, height: 1320 } });

test.describe('CRM with plain code against the client', () => {
  test('await host.dispositionCall() resolves confirmed and the platform gets the call', async ({ page }) => {
    const demo = await openConsole(page, { crm: 'plain' });
    await connected(demo);
    await demo.crm.locator('input[name="l1"]').fill('NoSale');
    await demo.crm.locator('input[name="schedule"]').fill('2026-12-24 09:00:00');
    await demo.crm.locator('#dispose').click();
    await expect(demo.crm.locator('#outcomes li').last()).toHaveText('dispositionCall → done: {"confirmed":true,"result":"OK"}');
    await expect(arg(demo, 1, 'l1')).toHaveText('"NoSale"');
    await expect(arg(demo, 1, 'schedule')).toHaveText('"2026-12-24 09:00:00"');
    await expect(rows(demo, 'reply-ok')).toHaveCount(1);
    await screenshot(page, 'plain-saved');
  });

  test('a wrong schedule rejects INVALID_ARGUMENT naming disposition.schedule before anything is sent', async ({ page }) => {
    const demo = await openConsole(page, { crm: 'plain' });
    await connected(demo);
    await demo.crm.locator('input[name="schedule"]').fill('2026-02-30 10:00:00');
    await demo.crm.locator('#dispose').click();
    const outcome = demo.crm.locator('#outcomes li').last();
    await expect(outcome).toHaveAttribute('data-code', 'INVALID_ARGUMENT');
    await expect(outcome).toHaveAttribute('data-field', 'disposition.schedule');
    await expect(demo.calls).toHaveCount(0);
    await expect(rows(demo, 'accepted').filter({ hasText: 'DISPOSITION_CALL' })).toHaveCount(0);
  });

  test('the platform error callback rejects PLATFORM_ERROR; an action the form does not offer rejects UNKNOWN_ACTION', async ({ page }) => {
    const demo = await openConsole(page, { crm: 'plain', platform: 'fail' });
    await connected(demo);
    await demo.crm.locator('#dispose').click();
    await expect(demo.crm.locator('#outcomes li').last()).toHaveAttribute('data-code', 'PLATFORM_ERROR');
    await demo.crm.locator('#unknown').click();
    await expect(demo.crm.locator('#outcomes li').last()).toHaveAttribute('data-code', 'UNKNOWN_ACTION');
    await expect(demo.calls).toHaveCount(1);
    await screenshot(page, 'plain-errors');
  });

  test('await host.closeTab() closes the tab', async ({ page }) => {
    const demo = await openConsole(page, { crm: 'plain' });
    await connected(demo);
    await demo.crm.locator('#close').click();
    await expect(page.getByText('The tab was closed', { exact: true })).toBeVisible();
    await expect(demo.calls.first()).toHaveAttribute('data-fn', 'closeActiveTab');
  });
});
