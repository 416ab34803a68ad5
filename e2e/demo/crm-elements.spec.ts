import { expect, test } from '@playwright/test';
import { arg, connected, openConsole, ORIGINS, rows, screenshot } from './demo.js';

test.use({ viewport: { width: 1440, height: 1320 } });

test.describe('CRM with the Lit elements', () => {
  test('saves a disposition: the platform gets every field in order, the element says saved', async ({ page }) => {
    const demo = await openConsole(page, { crm: 'elements' });
    await connected(demo);
    const form = demo.crm.locator('ucb-disposition-form');
    // the form shares its call: the element shows it read-only and nobody types it
    const guid = (await form.locator('[part="call"] dd[data-field="guid"]').textContent())!;
    await expect(page.locator('#tab-title')).toContainText(guid);
    await expect(form.locator('input[name="guid"]')).toHaveCount(0);
    await form.locator('select[name="l1"]').selectOption({ label: 'Call back' });
    await form.locator('input[name="l2"]').fill('Evening');
    await form.locator('input[name="schedule"]').fill('2026-12-01T15:30');
    await form.locator('textarea[name="comment"]').fill('call after 6');
    await form.locator('button[part="submit"]').click();
    await expect(form.locator('[part="status"]')).toHaveText('Disposition saved.');

    await expect(demo.calls).toHaveCount(1);
    await expect(demo.calls.first()).toHaveAttribute('data-fn', 'UC_DispositionCall');
    const expected = { campaign: 'Sales<-', callerid: '099123456', guid, l1: 'CallBack', l2: 'Evening', l3: '', d1: '', d2: '', comment: 'call after 6', schedule: '2026-12-01 15:30:00' };
    const names = await demo.calls.first().locator('tr[data-arg]').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.arg));
    expect(names).toEqual([...Object.keys(expected), 'onSuccess', 'onError']);
    for (const [name, value] of Object.entries(expected)) await expect(arg(demo, 1, name)).toHaveText(JSON.stringify(value));
    await expect(rows(demo, 'accepted').filter({ hasText: 'DISPOSITION_CALL' })).toHaveCount(1);
    await expect(rows(demo, 'reply-ok')).toContainText(ORIGINS.crm);
    await expect(demo.crm.locator('#events li[data-outcome="ok"]')).toContainText('ucb-sent DISPOSITION_CALL');
    await screenshot(page, 'elements-saved');
  });

  test('platform fails: the element says not saved with the platform\'s reason, the log shows PLATFORM_ERROR', async ({ page }) => {
    const demo = await openConsole(page, { crm: 'elements', platform: 'fail' });
    await connected(demo);
    const form = demo.crm.locator('ucb-disposition-form');
    await form.locator('select[name="l1"]').selectOption('Sale');
    await form.locator('button[part="submit"]').click();
    await expect(form.locator('[part="status"]')).toContainText('Not saved: UC_DispositionCall failed: Disposition refused by the platform');
    await expect(form.locator('[part="status"]')).toHaveAttribute('data-state', 'not-done');
    await expect(demo.calls.first()).toHaveAttribute('data-outcome', 'error');
    await expect(rows(demo, 'reply-error', 'PLATFORM_ERROR')).toHaveCount(1);
    await expect(demo.crm.locator('#events li[data-code="PLATFORM_ERROR"]')).toHaveCount(1);
    await screenshot(page, 'elements-platform-fails');
  });

  test('platform never answers: sending, then outcome unknown (PLATFORM_TIMEOUT after the form timeout, 4 s), never "refused"', async ({ page }) => {
    const demo = await openConsole(page, { crm: 'elements', platform: 'never' });
    await connected(demo);
    const form = demo.crm.locator('ucb-disposition-form');
    await form.locator('select[name="l1"]').selectOption('Sale');
    await form.locator('button[part="submit"]').click();
    await expect(form.locator('[part="status"]')).toHaveAttribute('data-state', 'sending');
    await expect(form.locator('button[part="submit"]')).toBeDisabled();
    await expect(demo.calls.first()).toHaveAttribute('data-outcome', 'never');
    await expect(form.locator('[part="status"]')).toHaveAttribute('data-state', 'unknown', { timeout: 15_000 });
    await expect(form.locator('[part="status"]')).toContainText('Check before retrying');
    await expect(rows(demo, 'reply-error', 'PLATFORM_TIMEOUT')).toHaveCount(1);
    await screenshot(page, 'elements-platform-never-answers');
  });

  test('invalid: an empty level 1 is named and focused, and nothing is sent', async ({ page }) => {
    const demo = await openConsole(page, { crm: 'elements' });
    await connected(demo);
    const form = demo.crm.locator('ucb-disposition-form');
    await form.locator('button[part="submit"]').click();
    await expect(form.locator('[part="status"]')).toHaveText('Not saved: Level 1 is required');
    await expect(form.locator('select[name="l1"]')).toBeFocused();
    await expect(form.locator('select[name="l1"]')).toHaveAttribute('aria-invalid', 'true');
    await expect(demo.crm.locator('#events li[data-code="INVALID_ARGUMENT"]')).toHaveCount(1);
    await expect(demo.calls).toHaveCount(0);
    await expect(rows(demo, 'accepted').filter({ hasText: 'DISPOSITION_CALL' })).toHaveCount(0);
    await screenshot(page, 'elements-invalid');
  });

  test('close tab: the console runs closeActiveTab and the tab goes away', async ({ page }) => {
    const demo = await openConsole(page, { crm: 'elements' });
    await connected(demo);
    await demo.crm.locator('ucb-close-tab button').click();
    await expect(page.getByText('The tab was closed', { exact: true })).toBeVisible();
    await expect(demo.calls.first()).toHaveAttribute('data-fn', 'closeActiveTab');
    await expect(rows(demo, 'accepted').filter({ hasText: 'CLOSE_TAB' })).toHaveCount(1);
    await screenshot(page, 'elements-close-tab');
    await page.getByRole('button', { name: 'Open a new call tab' }).click();
    await connected(demo);
  });
});

test('a CRM page opened outside any console: the elements say not saved, no console found', async ({ page }) => {
  await page.goto(`${ORIGINS.crm}/crm-elements.html?campaign=Sales<-&callerid=1&guid=g-1`);
  await expect(page.locator('#connection')).toContainText('not inside a console form');
  const form = page.locator('ucb-disposition-form');
  await form.locator('select[name="l1"]').selectOption('Sale');
  await form.locator('button[part="submit"]').click();
  await expect(form.locator('[part="status"]')).toHaveAttribute('data-state', 'not-done');
  await expect(form.locator('[part="status"]')).toContainText('Not saved: no console found');
  await page.locator('ucb-close-tab button').click();
  await expect(page.locator('ucb-close-tab [part="status"]')).toHaveAttribute('data-state', 'not-done');
  await expect(page.locator('#events li[data-code="NOT_CONNECTED"]')).toHaveCount(2);
  await screenshot(page, 'elements-no-console');
});
