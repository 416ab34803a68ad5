import { test } from '@playwright/test';
import { expect, A, B, C, calls, connected, openConsole, rejected, ucLog, url, type CrmWindow, type FormWindow, type HostileWindow, type LegacyWindow } from './helpers.js';

// page loads across three origins on a busy machine: room for them, not for a hang
test.describe.configure({ timeout: 60_000 });

// The form allows http://127.0.0.1:4102, http://*.example.test:4102 and https://*.secure.test:4102.
// Pages loaded from any other origin — unlisted, or made to look like an allowed one — call nothing,
// and every message they send is reported with ORIGIN_NOT_ALLOWED and the origin.
const refusedOrigins: [string, string][] = [
  ['an unlisted site', C],
  ['the allowed host behind another label (suffix trick)', 'http://crm.example.test.evil.test:4102'],
  ['a host that merely ends like the allowed domain', 'http://evilexample.test:4102'],
  ['the bare domain of a wildcard', 'http://example.test:4102'],
  ['an allowed host on another port', 'http://crm.example.test:4103'],
  ['an allowed host over another scheme (http for https://*.secure.test)', 'http://crm.secure.test:4102'],
  ['another host name for the same machine and port', 'http://localhost:4102'],
];

for (const [label, origin] of refusedOrigins) {
  test.describe(`${label}: ${origin}`, () => {
    test('documented messages call nothing and are rejected ORIGIN_NOT_ALLOWED', async ({ page }) => {
      const { crm } = await openConsole(page, { form: 'form-api.html', crm: `${origin}/legacy-iframe.html` });
      await crm.evaluate(() => {
        const w = window as unknown as LegacyWindow;
        w.sendDisposition();
        w.sendCloseTab();
      });
      await expect.poll(async () => (await rejected(page)).length).toBe(2);
      expect(await rejected(page)).toEqual([
        expect.objectContaining({ kind: 'legacy', origin, code: 'ORIGIN_NOT_ALLOWED' }),
        expect.objectContaining({ kind: 'legacy', origin, code: 'ORIGIN_NOT_ALLOWED' }),
      ]);
      const log = await ucLog(page);
      expect(log.calls).toEqual([]);
      expect(log.accepted).toEqual([]);
    });

    test('the client is refused at once with ORIGIN_NOT_ALLOWED (not done): nothing goes the documented way, nothing is called', async ({ page }) => {
      const { crm } = await openConsole(page, { form: 'form-api.html', crm: `${origin}/crm.html` });
      const settled = await crm.evaluate((d) => (window as unknown as CrmWindow).settle((window as unknown as CrmWindow).host.dispositionCall(d)), {
        campaign: 'c',
        callerid: '1',
        guid: 'g',
        l1: 'sale',
      });
      // the form said why: no "unconfirmed" for a form that refused this page
      expect(settled).toMatchObject({ ok: false, code: 'ORIGIN_NOT_ALLOWED', outcome: 'not-done', message: expect.stringContaining('allowedOrigins') });
      const log = await ucLog(page);
      expect(log.rejected.length).toBeGreaterThan(0);
      expect(log.rejected.every((e) => e.kind === 'hello' && e.origin === origin && e.code === 'ORIGIN_NOT_ALLOWED')).toBe(true);
      expect(log.calls).toEqual([]);
      expect(log.accepted).toEqual([]);
      expect(await crm.evaluate(() => (window as unknown as CrmWindow).host.info)).toBeUndefined();
    });

    test('a hand-made HELLO gets no port: a REFUSED with nothing but its id and the code', async ({ page }) => {
      const { crm } = await openConsole(page, { form: 'form-api.html', crm: `${origin}/hostile.html` });
      await crm.evaluate(() => void (window as unknown as HostileWindow).handshake({ ucbridge: 1, type: 'HELLO', id: 'sneaky', versions: [1] }));
      await expect.poll(() => rejected(page)).toEqual([expect.objectContaining({ kind: 'hello', origin, code: 'ORIGIN_NOT_ALLOWED' })]);
      expect((await ucLog(page)).accepted).toEqual([]);
      await expect.poll(() => crm.evaluate(() => (window as unknown as HostileWindow).received)).toEqual([
        { origin: A, data: { ucbridge: 1, type: 'REFUSED', replyTo: 'sneaky', code: 'ORIGIN_NOT_ALLOWED' }, ports: 0 },
      ]);
    });
  });
}

test.describe('allowed origins (controls for the cases above)', () => {
  for (const origin of [B, 'http://crm.example.test:4102', 'http://a.b.example.test:4102']) {
    test(`${origin} connects and disposes`, async ({ page }) => {
      const { crm } = await openConsole(page, { form: 'form-api.html', crm: `${origin}/crm.html` });
      expect(await connected(crm)).toMatchObject({ origin: A });
      const settled = await crm.evaluate(() => (window as unknown as CrmWindow).settle((window as unknown as CrmWindow).host.closeTab()));
      expect(settled).toEqual({ ok: true, value: { confirmed: true } });
      expect(await calls(page)).toEqual([{ fn: 'closeActiveTab', argc: 0 }]);
      expect(await rejected(page)).toEqual([]);
    });
  }
});

test.describe('a frame of an allowed origin that is not a frame of the form', () => {
  test('a sibling frame in the console is rejected SOURCE_NOT_ALLOWED before its messages are read, HELLO alike', async ({ page }) => {
    const { sibling } = await openConsole(page, { form: 'form-api.html', crm: `${B}/legacy-iframe.html`, sibling: `${B}/hostile.html` });
    await sibling!.evaluate(() => {
      const w = window as unknown as HostileWindow;
      const form = parent[0]!; // the form is the console's first frame
      w.post({ action: 'CLOSE_TAB' }, { to: form });
      w.post({ action: 'DISPOSITION_CALL', disposition: { campaign: 'c', callerid: '1', guid: 'g', l1: 'x' } }, { to: form });
      w.post({ ucbridge: 1, type: 'HELLO', id: 'sib', versions: [1] }, { to: form });
    });
    // kind 'message': refused by its sender alone, its data never read (so never answered either)
    await expect.poll(async () => (await rejected(page)).map((e) => [e.kind, e.code, e.origin])).toEqual([
      ['message', 'SOURCE_NOT_ALLOWED', B],
      ['message', 'SOURCE_NOT_ALLOWED', B],
      ['message', 'SOURCE_NOT_ALLOWED', B],
    ]);
    expect(await calls(page)).toEqual([]);
    expect(await sibling!.evaluate(() => (window as unknown as HostileWindow).received)).toEqual([]);
  });
});

test.describe('script-tag bridge', () => {
  test('refusals go to console.warn (the default onRejected) with the code and origin', async ({ page }) => {
    const { crm } = await openConsole(page, { crm: `${C}/legacy-iframe.html` });
    await crm.evaluate(() => (window as unknown as LegacyWindow).sendCloseTab());
    await expect.poll(() => rejected(page)).toEqual([expect.objectContaining({ kind: 'legacy', origin: C, code: 'ORIGIN_NOT_ALLOWED' })]);
    expect(await calls(page)).toEqual([]);
  });
});

test.describe('more senders the form must not trust', () => {
  test('a sandboxed CRM frame (origin "null") is refused ORIGIN_NOT_ALLOWED', async ({ page }) => {
    const { crm } = await openConsole(page, { form: 'form-api.html', crm: `${B}/legacy-iframe.html`, sandbox: 'allow-scripts' });
    expect(await crm.evaluate(() => origin)).toBe('null');
    await crm.evaluate(() => (window as unknown as LegacyWindow).sendCloseTab());
    await expect.poll(() => rejected(page)).toEqual([expect.objectContaining({ kind: 'legacy', origin: 'null', code: 'ORIGIN_NOT_ALLOWED' })]);
    expect(await calls(page)).toEqual([]);
  });

  test('a frame inside the CRM page (a grandchild of the form), even of an allowed origin, is refused SOURCE_NOT_ALLOWED and its HELLO told so', async ({ page }) => {
    // the CRM is framer.html, which frames hostile.html: both on the allowed origin B
    const { crm } = await openConsole(page, { form: 'form-api.html', crm: url(`${B}/framer.html`, { crm: `${B}/hostile.html` }) });
    await expect.poll(() => crm.childFrames().length).toBe(1);
    const grandchild = crm.childFrames()[0]!;
    await grandchild.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
    await grandchild.evaluate(() => {
      const w = window as unknown as HostileWindow;
      w.post({ action: 'CLOSE_TAB' }, { to: parent.parent });
      w.post({ ucbridge: 1, type: 'HELLO', id: 'deep', versions: [1] }, { to: parent.parent });
    });
    await expect.poll(async () => (await rejected(page)).map((e) => [e.kind, e.code, e.origin])).toEqual([
      ['legacy', 'SOURCE_NOT_ALLOWED', B],
      ['hello', 'SOURCE_NOT_ALLOWED', B],
    ]);
    expect(await calls(page)).toEqual([]);
    await expect.poll(() => grandchild.evaluate(() => (window as unknown as HostileWindow).received)).toEqual([
      { origin: A, data: { ucbridge: 1, type: 'REFUSED', replyTo: 'deep', code: 'SOURCE_NOT_ALLOWED' }, ports: 0 },
    ]);
  });

  test('a destroyed bridge hears nothing: no call, no log line', async ({ page }) => {
    const { form, crm } = await openConsole(page, { form: 'form-api.html', crm: `${B}/hostile.html` });
    await form.evaluate(() => (window as unknown as FormWindow).bridge.destroy());
    await crm.evaluate(() => {
      const w = window as unknown as HostileWindow;
      w.post({ action: 'CLOSE_TAB' });
      w.post({ action: 'DISPOSITION_CALL', disposition: { campaign: 'c', callerid: '1', guid: 'g', l1: 1 } });
      w.post({ ucbridge: 1, type: 'HELLO', id: 'late', versions: [1] });
    });
    // all three reached the form's window (and the destroyed bridge ignored them); then a fresh bridge
    // proves the log works: it reports the marker sent after it
    await expect.poll(async () => (await ucLog(page)).messages).toBe(3);
    await form.evaluate(() => (window as unknown as FormWindow).installBridge());
    await crm.evaluate(() => (window as unknown as HostileWindow).post({ action: 'HANG_UP' }));
    await expect.poll(() => rejected(page)).toEqual([expect.objectContaining({ kind: 'legacy', code: 'INVALID_MESSAGE', field: 'action' })]);
    expect(await ucLog(page)).toMatchObject({ calls: [], accepted: [] });
  });
});

test.describe('a client configured with an origin pattern', () => {
  test('connects to a form whose origin matches http://*.example.test:4101, and disposes', async ({ page }) => {
    const { crm } = await openConsole(page, {
      consoleOrigin: 'http://agent.example.test:4101',
      form: 'form-api.html',
      crm: url(`${B}/crm.html`, { hostOrigin: 'http://*.example.test:4101', dangerouslyAllowAnySubdomain: true }),
    });
    expect(await connected(crm)).toMatchObject({ origin: 'http://agent.example.test:4101' });
    expect(await crm.evaluate(() => (window as unknown as CrmWindow).settle((window as unknown as CrmWindow).host.closeTab()))).toEqual({ ok: true, value: { confirmed: true } });
    expect(await calls(page)).toEqual([{ fn: 'closeActiveTab', argc: 0 }]);
  });
});
