import { expect, test } from '@playwright/test';
import { arg, openConsole, ORIGINS, rows, screenshot } from './demo.js';

test.use({ viewport: { width: 1440, height: 1320 } });

test.describe("CRM with the platform's documented snippet", () => {
  test('its DISPOSITION_CALL is accepted by host-bridge and reaches UC_DispositionCall in the documented order', async ({ page }) => {
    const demo = await openConsole(page, { crm: 'legacy' });
    await demo.crm.locator('#dispose').click();
    await expect(demo.calls).toHaveCount(1);
    const expected = ['Sales<-', '099123456', null, 'nivel1', 'nivel2', 'nivel3', 'data1', 'data2', 'ComentarioTest', '2019-05-04 15:55:55'];
    const names = ['campaign', 'callerid', 'guid', 'l1', 'l2', 'l3', 'd1', 'd2', 'comment', 'schedule'];
    for (const [i, value] of expected.entries()) if (value !== null) await expect(arg(demo, 1, names[i]!)).toHaveText(JSON.stringify(value));
    await expect(rows(demo, 'accepted').filter({ hasText: 'legacy' })).toContainText(ORIGINS.crm);
    // the documented snippet expects no reply: the outcome is only logged
    await expect(rows(demo, 'reply-ok')).toHaveCount(1);
    await screenshot(page, 'legacy-snippet');
  });

  test('its CLOSE_TAB closes the tab', async ({ page }) => {
    const demo = await openConsole(page, { crm: 'legacy' });
    await demo.crm.locator('#close').click();
    await expect(page.getByText('The tab was closed', { exact: true })).toBeVisible();
    await expect(demo.calls.first()).toHaveAttribute('data-fn', 'closeActiveTab');
  });
});

test.describe('a form with only the documented listener', () => {
  test('the Lit elements still dispose the call once, and say outcome unknown, never saved', async ({ page }) => {
    const demo = await openConsole(page, { crm: 'elements', form: 'legacy', hostile: 'off' });
    await expect(demo.crm.locator('#connection')).toContainText('No ucbridge bridge answered');
    const form = demo.crm.locator('ucb-disposition-form');
    await form.locator('select[name="l1"]').selectOption('Sale');
    await form.locator('button[part="submit"]').click();
    await expect(form.locator('[part="status"]')).toHaveAttribute('data-state', 'unknown');
    await expect(form.locator('[part="status"]')).toContainText('Outcome unknown: sent to a console without ucbridge');
    await expect(form.locator('[part="status"]')).not.toContainText('saved');
    await expect(demo.calls).toHaveCount(1);
    await expect(arg(demo, 1, 'l1')).toHaveText('"Sale"');
    // no bridge judged anything: every message went to the documented listener unchecked
    await expect(rows(demo, 'unchecked').filter({ hasText: 'DISPOSITION_CALL' })).toHaveCount(1);
    await expect(rows(demo, 'accepted')).toHaveCount(0);
    await screenshot(page, 'legacy-form-unconfirmed');
  });
});
