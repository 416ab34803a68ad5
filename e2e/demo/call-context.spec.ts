import { expect, test } from '@playwright/test';
import { TEST_HOSTS } from '../../demo/origins.mjs';
import { arg, connected, openConsole, ORIGINS, rows, screenshot, type Demo } from './demo.js';

test.use({ viewport: { width: 1440, height: 1320 } });

/** The call the console opened the tab for, from its title: `Call tab — Sales<- 099123456 (guid)`. */
async function tabCall(demo: Demo): Promise<{ campaign: string; callerid: string; guid: string }> {
  const [, campaign, callerid, guid] = /— (\S+) (\S+) \((.+)\)$/.exec((await demo.page.locator('#tab-title').textContent())!)!;
  return { campaign: campaign!, callerid: callerid!, guid: guid! };
}

test.describe('the call, handed to the CRM', () => {
  test('the form has a CTI for its call and the elements CRM shows that call, read-only', async ({ page }) => {
    const demo = await openConsole(page, { crm: 'elements', hostile: 'off' });
    await connected(demo);
    const call = await tabCall(demo);
    await expect(demo.form.locator('#context')).toHaveText(`CTI: call ${call.guid} · campaign Sales<- · caller 099123456 · vars customer=Ana María:plan=gold`);
    await expect(demo.crm.locator('#on-call')).toContainText(`On call ${call.guid} · campaign Sales<- · caller 099123456 · agent agent007`);
    const shown = demo.crm.locator('ucb-disposition-form [part="call"] dd');
    await expect(shown).toHaveText(['Sales<-', '099123456', call.guid]);
    await screenshot(page, 'call-context-elements');
  });

  test('the plain CRM disposes the call without typing it: dispositionCall({ l1 }) reaches the platform with the call', async ({ page }) => {
    const demo = await openConsole(page, { crm: 'plain', hostile: 'off' });
    await connected(demo);
    const call = await tabCall(demo);
    await expect(demo.crm.locator('#on-call')).toHaveAttribute('data-guid', call.guid);
    await expect(demo.crm.locator('input[name="guid"]')).toHaveValue('');
    await demo.crm.locator('input[name="l1"]').fill('Venta');
    await demo.crm.locator('#dispose').click();
    await expect(demo.crm.locator('#outcomes li').last()).toHaveText('dispositionCall → done: {"confirmed":true,"result":"OK"}');
    for (const [name, value] of Object.entries({ ...call, l1: 'Venta' })) await expect(arg(demo, 1, name)).toHaveText(JSON.stringify(value));
  });

  test('the plain CRM typing another call id is refused WRONG_CALL; nothing reaches the platform', async ({ page }) => {
    const demo = await openConsole(page, { crm: 'plain', hostile: 'off' });
    await connected(demo);
    await demo.crm.locator('input[name="guid"]').fill('824da669-0000-4000-8000-000000000666');
    await demo.crm.locator('#dispose').click();
    const outcome = demo.crm.locator('#outcomes li').last();
    await expect(outcome).toHaveAttribute('data-code', 'WRONG_CALL');
    await expect(outcome).toHaveAttribute('data-field', 'disposition.guid');
    await expect(rows(demo, 'reply-error', 'WRONG_CALL')).toHaveCount(1);
    await expect(demo.calls).toHaveCount(0);
  });

  test(`a CRM at ${TEST_HOSTS.crmByName} (listed without the context) gets no call and must type it`, async ({ page }) => {
    const demo = await openConsole(page, { crm: 'plain', crmHost: 'name', hostile: 'off' });
    await connected(demo);
    await expect(demo.crm.locator('#on-call')).toHaveText('The form shares no call with this origin: type campaign, caller ID and call ID.');
    await demo.crm.locator('input[name="l1"]').fill('Venta');
    await demo.crm.locator('#dispose').click();
    await expect(demo.crm.locator('#outcomes li').last()).toHaveAttribute('data-field', 'disposition.campaign');
    const call = await tabCall(demo);
    for (const [name, value] of Object.entries(call)) await demo.crm.locator(`input[name="${name}"]`).fill(value);
    await demo.crm.locator('#dispose').click();
    await expect(demo.crm.locator('#outcomes li').last()).toHaveText('dispositionCall → done: {"confirmed":true,"result":"OK"}');
    await expect(arg(demo, 1, 'guid')).toHaveText(JSON.stringify(call.guid));
    await expect(rows(demo, 'reply-ok')).toContainText(TEST_HOSTS.crmByName);
    await screenshot(page, 'call-context-unscoped-origin');
  });

  test('the hostile page on a listed origin disposes another call: WRONG_CALL, the platform untouched', async ({ page }) => {
    const demo = await openConsole(page, { hostile: 'b' });
    await connected(demo);
    await demo.hostile.locator('button[data-trick="wrong-call"]').click();
    const refused = rows(demo, 'reply-error', 'WRONG_CALL');
    await expect(refused).toHaveCount(1);
    await expect(refused).toContainText(ORIGINS.crm);
    await expect(refused).toContainText('[field: disposition.guid]');
    await expect(demo.calls).toHaveCount(0);
    // the hostile page's referee judges it as expected: nothing reached the platform
    await expect(demo.hostile.locator('[data-result="wrong-call"]')).toHaveText('happened: WRONG_CALL disposition.guid');
    await expect(demo.hostile.locator('#summary')).toHaveText('1 trick judged: 1 as expected, 0 not; 0 messages reached the platform.');
    await screenshot(page, 'call-context-hostile-wrong-call');
  });

  test('the documented snippet CRM gets the call in its URL from the form, and disposes it', async ({ page }) => {
    const demo = await openConsole(page, { crm: 'legacy', hostile: 'off' });
    const call = await tabCall(demo);
    await demo.crm.locator('#dispose').click();
    await expect(demo.calls).toHaveCount(1);
    await expect(arg(demo, 1, 'guid')).toHaveText(JSON.stringify(call.guid));
  });
});
