import { test } from '@playwright/test';
import { expect, B, C, readyFrame, url, type CrmWindow, type HostileWindow } from './helpers.js';

// page loads across three origins on a busy machine: room for them, not for a hang
test.describe.configure({ timeout: 60_000 });

// A site that frames the CRM page without being the console must receive nothing from it: no HELLO,
// no request, no documented-shape fallback — and the CRM's calls must fail loudly, not "succeed" into it.

const cases: [string, string, string][] = [
  ['an unrelated site frames the CRM (exact hostOrigin)', `${C}/framer.html`, url(`${B}/crm.html`, { handshakeTimeoutMs: 200 })],
  [
    'a lookalike of the console frames a CRM configured with a pattern',
    'http://console.example.test.evil.test:4101/framer.html',
    url(`${B}/crm.html`, { hostOrigin: 'http://*.example.test:4101', dangerouslyAllowAnySubdomain: true, handshakeTimeoutMs: 200 }),
  ],
  ['another name for the console\'s machine and port frames the CRM', 'http://127.0.0.1:4101/framer.html', url(`${B}/crm.html`, { handshakeTimeoutMs: 200 })],
];

for (const [label, framerUrl, crmUrl] of cases) {
  test(`${label}: the framer's listener sees no ucbridge or legacy message, and calls reject ORIGIN_NOT_ALLOWED`, async ({ page }) => {
    await page.goto(url(framerUrl, { crm: crmUrl }));
    await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
    const crm = await readyFrame(page, 'crm');
    const results = await crm.evaluate(async () => {
      const w = window as unknown as CrmWindow;
      const out = [
        await w.settle(w.host.connected),
        await w.settle(w.host.closeTab()),
        await w.settle(w.host.dispositionCall({ campaign: 'c', callerid: '1', guid: 'g', l1: 'secret result' })),
        await w.settle(w.host.call('crm.note', { text: 'x' })),
      ];
      // a marker posted after everything the client may have posted: messages from one frame arrive in order
      parent.postMessage({ sentinel: true }, '*');
      return out;
    });
    expect(results.map((r) => !r.ok && r.code)).toEqual(['ORIGIN_NOT_ALLOWED', 'ORIGIN_NOT_ALLOWED', 'ORIGIN_NOT_ALLOWED', 'ORIGIN_NOT_ALLOWED']);
    await expect.poll(() => page.evaluate(() => (window as unknown as HostileWindow).received.length)).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as HostileWindow).received.map((m) => m.data))).toEqual([{ sentinel: true }]);
  });
}

test('control: the same framer hears the CRM when the CRM is configured for it', async ({ page }) => {
  // proves the framer's listener works, so the empty result above means something
  await page.goto(url(`${C}/framer.html`, { crm: url(`${B}/crm.html`, { hostOrigin: C, handshakeTimeoutMs: 200 }) }));
  const crm = await readyFrame(page, 'crm');
  await crm.evaluate(() => (window as unknown as CrmWindow).host.closeTab());
  await expect.poll(() => page.evaluate(() => (window as unknown as HostileWindow).received.map((m) => m.data))).toContainEqual(expect.objectContaining({ ucbridge: 1, action: 'CLOSE_TAB' }));
});

test('a CRM page opened on its own (no frame, e.g. in a popup) posts nothing and its calls reject NOT_CONNECTED', async ({ page }) => {
  await page.goto(url(`${B}/crm.html`, { handshakeTimeoutMs: 200 }));
  await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
  const results = await page.evaluate(async () => {
    const w = window as unknown as CrmWindow;
    const heard: unknown[] = [];
    addEventListener('message', (e) => heard.push(e.data));
    const out = [await w.settle(w.host.closeTab()), await w.settle(w.host.dispositionCall({ campaign: 'c', callerid: '1', guid: 'g', l1: 'x' }))];
    postMessage({ sentinel: true }, '*');
    await new Promise((resolve) => addEventListener('message', (e) => (e.data as { sentinel?: boolean }).sentinel && resolve(undefined)));
    return { out, heard };
  });
  expect(results.out.map((r) => !r.ok && r.code)).toEqual(['NOT_CONNECTED', 'NOT_CONNECTED']);
  // the page did not post its HELLO or a call to itself
  expect(results.heard).toEqual([{ sentinel: true }]);
});
