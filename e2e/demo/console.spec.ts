import { expect, test } from '@playwright/test';
import { arg, connected, openConsole, ORIGINS, rows, screenshot } from './demo.js';

test.use({ viewport: { width: 1440, height: 1320 } });

test('the console frames the form (A), the CRM (B) and the hostile page (C) on three real origins', async ({ page }) => {
  const demo = await openConsole(page);
  await connected(demo);
  const origins = await Promise.all(
    ['/form.html', '/crm-elements.html', '/hostile.html'].map((path) => page.frames().find((f) => f.url().includes(path))!.evaluate(() => location.origin)),
  );
  expect(origins).toEqual([ORIGINS.console, ORIGINS.crm, ORIGINS.hostile]);
  // the CRM's handshake is the first thing in the log, accepted, from origin B
  await expect(rows(demo, 'accepted').filter({ hasText: 'hello' }).first()).toContainText(ORIGINS.crm);
  await expect(demo.crm.locator('#connection')).toContainText(`${ORIGINS.console} — protocol v1, actions: CLOSE_TAB, DISPOSITION_CALL`);
});

test('overview for the README: a saved disposition, its platform call, and a hostile page refused', async ({ page }) => {
  const demo = await openConsole(page);
  await connected(demo);
  const form = demo.crm.locator('ucb-disposition-form');
  await form.locator('select[name="l1"]').selectOption('Sale');
  await form.locator('input[name="d1"]').fill('order 4711');
  await form.locator('textarea[name="comment"]').fill('wants the premium plan');
  await form.locator('button[part="submit"]').click();
  await expect(form.locator('[part="status"]')).toHaveText('Disposition saved.');
  await expect(arg(demo, 1, 'd1')).toHaveText('"order 4711"');
  for (const trick of ['legacy-dispose', 'non-strings', 'proto']) await demo.hostile.locator(`button[data-trick="${trick}"]`).click();
  await expect(rows(demo, 'rejected', 'ORIGIN_NOT_ALLOWED')).toHaveCount(7); // 1 + 4 + 2: the top-level __proto__ message has no action and is ignored
  await expect(demo.calls).toHaveCount(1);
  await screenshot(page, 'console');
});

test('QA switches the settings by clicking: each click reopens the tab with the chosen pages', async ({ page }) => {
  const demo = await openConsole(page);
  await connected(demo);
  const frameUrls = () => page.frames().map((f) => f.url());
  await page.getByLabel('plain code against the client').check();
  await expect(demo.crm.locator('h2')).toContainText('plain code');
  await expect(page).toHaveURL(/crm=plain/);
  await page.getByLabel('origin B (listed, hostile page)').check();
  await expect.poll(frameUrls).toContainEqual(`${ORIGINS.crm}/hostile.html`);
  await page.getByLabel('none').check();
  await expect(demo.form.locator('#hostile-box')).toBeHidden();
  await page.getByLabel('documented listener only').check();
  await expect(demo.form.locator('header')).toContainText('no ucbridge');
  await page.getByLabel("the platform's documented snippet").check();
  await expect(demo.crm.locator('h2')).toContainText('documented snippet');
});

test('the platform switch takes effect at once, in the same tab: fail, then succeed', async ({ page }) => {
  const demo = await openConsole(page);
  await connected(demo);
  const title = await page.locator('#tab-title').textContent();
  const form = demo.crm.locator('ucb-disposition-form');
  await form.locator('select[name="l1"]').selectOption('Sale');
  await page.getByLabel('fail', { exact: true }).check();
  await form.locator('button[part="submit"]').click();
  await expect(form.locator('[part="status"]')).toHaveAttribute('data-state', 'not-done');
  // the platform said no: not done, so the same disposition may be tried again and reaches the platform
  await page.getByLabel('succeed', { exact: true }).check();
  await form.locator('button[part="submit"]').click();
  await expect(form.locator('[part="status"]')).toHaveAttribute('data-state', 'done');
  await expect(demo.calls).toHaveCount(2);
  await expect(demo.calls.nth(0)).toHaveAttribute('data-outcome', 'error');
  await expect(demo.calls.nth(1)).toHaveAttribute('data-outcome', 'success');
  await expect(page.locator('#tab-title')).toHaveText(title!);
});
