import { expect, test } from '@playwright/test';
import { TEST_HOSTS } from '../../demo/origins.mjs';
import { connected, openConsole, ORIGINS, rows, screenshot, type Demo } from './demo.js';

test.use({ viewport: { width: 1440, height: 1320 } });

const press = (demo: Demo, trick: string) => demo.hostile.locator(`button[data-trick="${trick}"]`).click();

/** Nothing reached the platform and the tab is still open. */
async function platformUntouched(demo: Demo): Promise<void> {
  await expect(demo.calls).toHaveCount(0);
  await expect(demo.page.locator('#tab-open')).toBeVisible();
}

test.describe('hostile page on origin C (not listed)', () => {
  test('every trick is refused with ORIGIN_NOT_ALLOWED, in order, and nothing reaches the platform', async ({ page }) => {
    const demo = await openConsole(page, { hostile: 'c' });
    await connected(demo);
    const refused = rows(demo, 'rejected', 'ORIGIN_NOT_ALLOWED');
    // one message per trick: refused with the origin named
    for (const [i, trick] of ['legacy-dispose', 'legacy-close', 'hello', 'unknown-action'].entries()) {
      await press(demo, trick);
      await expect(refused).toHaveCount(i + 1);
      await expect(refused.last()).toContainText(ORIGINS.hostile);
    }
    await expect(refused.nth(0)).toHaveAttribute('data-kind', 'legacy');
    await expect(refused.nth(2)).toHaveAttribute('data-kind', 'hello');
    await expect(refused.nth(3)).toContainText('UC_get_async');
    // non-strings (4), __proto__ (2 + 1 without an action, ignored), huge strings (2), bad values (3)
    for (const trick of ['non-strings', 'proto', 'huge', 'bad-values']) await press(demo, trick);
    await expect(refused).toHaveCount(4 + 4 + 2 + 2 + 3);
    await expect(rows(demo, 'ignored')).toHaveCount(1);
    await expect(rows(demo, 'ignored')).toContainText('{"__proto__":{"action":"CLOSE_TAB"}}');
    await expect(demo.hostile.locator('#sent')).not.toContainText('got a port');
    await platformUntouched(demo);
    await screenshot(page, 'hostile-unlisted-origin');
  });

  test('a flood of 200 messages: each one refused and logged in order; the CRM still works after it', async ({ page }) => {
    const demo = await openConsole(page, { hostile: 'c' });
    await connected(demo);
    await press(demo, 'flood');
    const refused = rows(demo, 'rejected', 'ORIGIN_NOT_ALLOWED');
    await expect(refused).toHaveCount(200);
    await expect(refused.first()).toContainText('"flood 1"');
    await expect(refused.last()).toContainText('"flood 200"');
    await platformUntouched(demo);
    const form = demo.crm.locator('ucb-disposition-form');
    await form.locator('select[name="l1"]').selectOption('Sale');
    await form.locator('button[part="submit"]').click();
    await expect(form.locator('[part="status"]')).toHaveText('Disposition saved.');
    await expect(demo.calls).toHaveCount(1);
    await screenshot(page, 'hostile-flood');
  });
});

test.describe('hostile page on origin B (a listed origin: only the payload checks stand)', () => {
  test('malformed, non-string, __proto__, huge and bad values are refused naming the field', async ({ page }) => {
    const demo = await openConsole(page, { hostile: 'b' });
    await connected(demo);
    const invalid = rows(demo, 'rejected', 'INVALID_ARGUMENT');
    await press(demo, 'non-strings');
    await expect(invalid).toHaveCount(4);
    for (const [i, field] of ['campaign', 'l1', 'guid', 'schedule'].entries()) await expect(invalid.nth(i)).toContainText(`[field: disposition.${field}]`);
    await press(demo, 'proto');
    await expect(invalid.nth(4)).toContainText('[field: disposition.__proto__]');
    await expect(invalid.nth(5)).toContainText('[field: disposition.constructor]');
    await press(demo, 'huge');
    await expect(invalid.nth(6)).toContainText('[field: disposition.comment]');
    await expect(invalid.nth(7)).toContainText('[field: disposition.campaign]');
    await press(demo, 'bad-values');
    await expect(invalid).toHaveCount(11);
    for (const [i, field] of ['schedule', 'schedule', 'l1'].entries()) await expect(invalid.nth(8 + i)).toContainText(`[field: disposition.${field}]`);
    await press(demo, 'malformed');
    await expect(invalid).toHaveCount(12);
    await expect(invalid.last()).toContainText('[field: disposition]');
    await expect(rows(demo, 'rejected', 'INVALID_MESSAGE')).toHaveCount(1); // the spoofed reply
    await press(demo, 'unknown-action');
    await expect(rows(demo, 'rejected', 'INVALID_MESSAGE')).toHaveCount(2);
    await expect(rows(demo, 'rejected', 'INVALID_MESSAGE').last()).toContainText('UC_get_async');
    await platformUntouched(demo);
    await screenshot(page, 'hostile-listed-origin-payloads');
  });

  test('a HELLO gets a port, but the bad request on it is refused; protocol 99 gets VERSION_MISMATCH', async ({ page }) => {
    const demo = await openConsole(page, { hostile: 'b' });
    await connected(demo);
    await press(demo, 'hello');
    await expect(demo.hostile.locator('#sent')).toContainText('got a port');
    await expect(rows(demo, 'rejected', 'INVALID_ARGUMENT').filter({ hasText: 'request' })).toContainText('[field: disposition.campaign]');
    await expect(demo.hostile.locator('#sent')).toContainText('"ok":false');
    await press(demo, 'version');
    await expect(rows(demo, 'rejected', 'VERSION_MISMATCH')).toHaveCount(1);
    await expect(demo.hostile.locator('#sent')).toContainText('REFUSED');
    await platformUntouched(demo);
  });

  test('a well-formed message from a frame inside the hostile page (not a child of the form) is SOURCE_NOT_ALLOWED', async ({ page }) => {
    const demo = await openConsole(page, { hostile: 'b' });
    await connected(demo);
    await press(demo, 'grandchild');
    const refused = rows(demo, 'rejected', 'SOURCE_NOT_ALLOWED');
    await expect(refused).toHaveCount(1);
    await expect(refused).toContainText(ORIGINS.crm);
    await expect(refused).toContainText('from a grandchild frame');
    await platformUntouched(demo);
    await screenshot(page, 'hostile-grandchild-frame');
  });
});

test.describe('lookalike origins (names under *.test resolve to 127.0.0.1 in this run)', () => {
  for (const [setting, origin] of [['suffix', TEST_HOSTS.suffixTrick], ['glued', TEST_HOSTS.glued]] as const) {
    test(`${origin} is refused with ORIGIN_NOT_ALLOWED`, async ({ page }) => {
      const demo = await openConsole(page, { hostile: setting });
      await connected(demo);
      await expect(demo.hostile.locator('#origin')).toHaveText(origin);
      await press(demo, 'legacy-dispose');
      await press(demo, 'hello');
      const refused = rows(demo, 'rejected', 'ORIGIN_NOT_ALLOWED');
      await expect(refused).toHaveCount(2);
      await expect(refused.first()).toContainText(origin);
      await platformUntouched(demo);
      await screenshot(page, `hostile-lookalike-${setting}`);
    });
  }

  test(`a CRM at ${TEST_HOSTS.crmByName} matches the form's http://*.example.test:5174 and works`, async ({ page }) => {
    const demo = await openConsole(page, { crmHost: 'name', hostile: 'off' });
    await connected(demo);
    const form = demo.crm.locator('ucb-disposition-form');
    // that entry is listed without the call context: the agent types the call (call-context.spec.ts)
    const [, campaign, callerid, guid] = /— (\S+) (\S+) \((.+)\)$/.exec((await page.locator('#tab-title').textContent())!)!;
    await form.locator('input[name="campaign"]').fill(campaign!);
    await form.locator('input[name="callerid"]').fill(callerid!);
    await form.locator('input[name="guid"]').fill(guid!);
    await form.locator('select[name="l1"]').selectOption('Sale');
    await form.locator('button[part="submit"]').click();
    await expect(form.locator('[part="status"]')).toHaveText('Disposition saved.');
    await expect(rows(demo, 'reply-ok')).toContainText(TEST_HOSTS.crmByName);
  });
});
