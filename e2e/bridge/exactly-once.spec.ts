import { test } from '@playwright/test';
import { expect, A, B, DOCUMENTED, calls, connected, openConsole, readyFrame, ucLog, url, type CrmWindow, type FormWindow, type LegacyWindow, type Settled } from './helpers.js';

// page loads across three origins on a busy machine: room for them, not for a hang
test.describe.configure({ timeout: 90_000 });

// Issue 10 — exactly once, told truly — in real Chromium, the form on A and the CRM on B.

const dispose = (crm: import('@playwright/test').Frame, d: Record<string, unknown> = DOCUMENTED) =>
  crm.evaluate((disposition) => (window as unknown as CrmWindow).settle((window as unknown as CrmWindow).host.dispositionCall(disposition)), d);

test.describe('case 1 — the late-bridge sweep: the bridge starts 0–3000 ms after the client, every 100 ms', () => {
  // The client says HELLO at 0, 100, 300, 700 ms and a closing HELLO at handshakeTimeoutMs (1500 ms);
  // it concludes "no bridge" when nothing answered that one 500 ms later. "Started before the deadline"
  // is decided by what the form saw, in order: the bridge was up when the closing HELLO reached it.
  for (let start = 0; start <= 3000; start += 100) {
    test(`bridge ${start} ms after the client: confirmed + one platform call before the deadline, { confirmed: false } + no bridge call after`, async ({ page }) => {
      const { crm } = await openConsole(page, { form: 'form-api.html', install: 'after', afterMs: String(start), crm: url(`${B}/crm.html`, { callAtOnce: true }) });
      const settled = (await crm.evaluate(() => (window as unknown as CrmWindow).pending)) as Settled;
      // let the bridge start and the fallback (if any) reach the form before reading the record
      await expect.poll(async () => (await ucLog(page)).timeline.includes('installed')).toBe(true);
      const confirmed = settled.ok && (settled.value as { confirmed: boolean }).confirmed;
      if (!confirmed) await expect.poll(async () => (await ucLog(page)).timeline.some((e) => e.startsWith('fallback'))).toBe(true);
      const { timeline, calls: made } = await ucLog(page);
      const fallback = timeline.indexOf('fallback DISPOSITION_CALL');
      const installed = timeline.indexOf('installed');
      const closingHello = timeline.lastIndexOf('hello', fallback < 0 ? timeline.length : fallback);
      test.info().annotations.push({ type: 'sweep', description: `${start} ms: ${confirmed ? 'confirmed' : 'unconfirmed'}; form saw ${timeline.join(', ')}` });
      if (installed < closingHello) {
        // up before the deadline: found, one platform call, confirmed
        expect(settled).toEqual({ ok: true, value: { confirmed: true, result: 'saved sweep' } });
        expect(made).toHaveLength(1);
        expect(fallback).toBe(-1);
      } else {
        // up after the deadline: the client said so and posted the documented shape once; a bridge that
        // was up by the time it arrived (started between the closing HELLO and the fallback) never ran it
        expect(settled).toEqual({ ok: true, value: { confirmed: false } });
        expect(fallback).toBeGreaterThan(closingHello);
        expect(timeline.filter((e) => e.startsWith('fallback'))).toHaveLength(1);
        expect(made).toEqual([]);
      }
    });
  }
});

test.describe('case 2 — timers past 2^31-1 ms', () => {
  test('platformTimeoutMs: Infinity waits for the platform (it answers after 300 ms): confirmed, one call', async ({ page }) => {
    const { crm } = await openConsole(page, { form: 'form-api.html', platformTimeoutMs: 'Infinity', platform: 'later', laterMs: '300' });
    await connected(crm);
    expect(await crm.evaluate(() => (window as unknown as CrmWindow).host.info!.platformTimeoutMs)).toBe(Infinity);
    expect(await dispose(crm)).toEqual({ ok: true, value: { confirmed: true, result: 'saved 3123-3123-3123-312-3123' } });
    expect(await calls(page)).toHaveLength(1);
  });

  for (const value of [String(2 ** 31), String(30 * 86_400_000)]) {
    test(`platformTimeoutMs ${value} is refused where it is passed, with a TypeError naming it`, async ({ page }) => {
      const { form } = await openConsole(page, { form: 'form-api.html', platformTimeoutMs: value });
      expect(await form.evaluate(() => (window as unknown as FormWindow).installError)).toEqual({
        name: 'TypeError',
        message: expect.stringMatching(/platformTimeoutMs must be .*2147483647.*Infinity/),
      });
    });

    test(`a client timeoutMs of ${value} is refused where it is passed, with a TypeError naming it`, async ({ page }) => {
      const { crm } = await openConsole(page, { form: 'form-api.html' });
      const thrown = await crm.evaluate((ms) => {
        try {
          (window as unknown as { UCBridgeClient: { connectToHost(o: object): unknown } }).UCBridgeClient.connectToHost({ hostOrigin: 'http://localhost:4101', timeoutMs: ms });
          return 'no error';
        } catch (error) {
          return `${(error as Error).name}: ${(error as Error).message}`;
        }
      }, Number(value));
      expect(thrown).toMatch(/^TypeError: ucbridge INVALID_OPTION: timeoutMs must be/);
    });
  }

  test('a client timeoutMs of Infinity keeps a call pending as long as the form does, and it is confirmed', async ({ page }) => {
    const { crm } = await openConsole(page, { form: 'form-api.html', platform: 'later', laterMs: '300', crm: url(`${B}/crm.html`, { timeoutMs: 'Infinity' }) });
    expect(await dispose(crm)).toMatchObject({ ok: true, value: { confirmed: true } });
    expect(await calls(page)).toHaveLength(1);
  });
});

test.describe('case 3 — the client never gives up before the form', () => {
  test('default timeouts (client 15 s, form 30 s), the platform answers at 16 s: confirmed, one call', async ({ page }) => {
    test.setTimeout(120_000);
    const { crm } = await openConsole(page, { form: 'form.html', platform: 'later', laterMs: '16000' });
    expect(await dispose(crm)).toEqual({ ok: true, value: { confirmed: true, result: 'saved 3123-3123-3123-312-3123' } });
    expect(await calls(page)).toHaveLength(1);
  });
});

test.describe('case 4 — a form that refuses the CRM says so: the call rejects with its code, nothing is called', () => {
  // handshakeTimeoutMs 60 s: a rejection can only come from the form's REFUSED, never from a fallback timer
  const refusals: [string, Record<string, string>, string][] = [
    ['the CRM is not listed', { origins: 'http://crm.example.test:4102' }, 'ORIGIN_NOT_ALLOWED'],
    ['a typo: https for http', { origins: 'https://127.0.0.1:4102' }, 'ORIGIN_NOT_ALLOWED'],
    ['a typo: the wrong port', { origins: 'http://127.0.0.1:4103' }, 'ORIGIN_NOT_ALLOWED'],
    ['a sandboxed CRM frame (origin null)', { sandbox: 'allow-scripts' }, 'ORIGIN_NOT_ALLOWED'],
  ];
  for (const [label, params, code] of refusals) {
    test(`${label}: ${code}, not done, no documented-shape fallback`, async ({ page }) => {
      const { crm } = await openConsole(page, { form: 'form-api.html', crm: url(`${B}/crm.html`, { handshakeTimeoutMs: 60_000 }), ...params });
      const settled = await dispose(crm);
      expect(settled).toMatchObject({ ok: false, code, outcome: 'not-done' });
      const log = await ucLog(page);
      expect(log.calls).toEqual([]);
      expect(log.timeline.some((e) => e.startsWith('fallback'))).toBe(false);
      // the form author is told which list to fix
      expect(log.rejected[0]!.message).toMatch(/allowedOrigins/);
    });
  }

  test('a CRM nested one frame too deep (inside another frame of the form): SOURCE_NOT_ALLOWED, not done, nothing called', async ({ page }) => {
    const nested = url(`${A}/framer.html`, { crm: url(`${B}/crm.html`, { handshakeTimeoutMs: 60_000 }) });
    const { crm: wrapper } = await openConsole(page, { form: 'form-api.html', crm: nested });
    await expect.poll(() => wrapper.childFrames().length).toBe(1);
    const crm = wrapper.childFrames()[0]!;
    await crm.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
    const settled = await dispose(crm);
    expect(settled).toMatchObject({ ok: false, code: 'SOURCE_NOT_ALLOWED', outcome: 'not-done', message: expect.stringContaining('direct child') });
    expect((await ucLog(page)).calls).toEqual([]);
  });

  test('the script-tag bridge warns once per origin and reason, naming the list, however often the CRM retries', async ({ page }) => {
    const { crm } = await openConsole(page, { form: 'form.html', crm: url('http://localhost:4102/crm.html', { handshakeTimeoutMs: 60_000 }) });
    for (let i = 0; i < 5; i++) expect(await dispose(crm)).toMatchObject({ ok: false, code: 'ORIGIN_NOT_ALLOWED' });
    // `ready` is cleared first: the old page must not pass for the reloaded one
    await crm.evaluate(() => ((window as unknown as { ready?: boolean }).ready = false, location.reload()));
    await readyFrame(page, 'crm');
    expect(await dispose(crm)).toMatchObject({ ok: false, code: 'ORIGIN_NOT_ALLOWED' });
    const warned = (await ucLog(page)).warnings.filter((w) => typeof w[0] === 'string' && w[0].startsWith('ucbridge ORIGIN_NOT_ALLOWED: '));
    expect(warned).toHaveLength(1);
    expect(JSON.stringify(warned[0])).toContain('data-allowed-origins');
  });
});

test.describe('retries never dispose twice', () => {
  test('a retry while the first call is pending joins it: both confirmed, one platform call', async ({ page }) => {
    const { crm } = await openConsole(page, { form: 'form-api.html', platform: 'later', laterMs: '800' });
    const both = await crm.evaluate((d) => {
      const w = window as unknown as CrmWindow;
      return Promise.all([w.settle(w.host.dispositionCall(d)), w.settle(w.host.dispositionCall(d))]);
    }, DOCUMENTED);
    expect(both).toEqual([
      { ok: true, value: { confirmed: true, result: 'saved 3123-3123-3123-312-3123' } },
      { ok: true, value: { confirmed: true, result: 'saved 3123-3123-3123-312-3123' } },
    ]);
    expect(await calls(page)).toHaveLength(1);
  });

  test('a retry after a client TIMEOUT (the form was busy longer than it promised) gets the first outcome: one platform call', async ({ page }) => {
    const { crm } = await openConsole(page, { form: 'form-api.html', platform: 'block', blockMs: '4000', platformTimeoutMs: '100', crm: url(`${B}/crm.html`, { timeoutMs: 200 }) });
    await connected(crm);
    const first = await dispose(crm);
    expect(first).toMatchObject({ ok: false, code: 'TIMEOUT', outcome: 'unknown', message: expect.stringContaining('outcome unknown') });
    expect(await dispose(crm)).toEqual({ ok: true, value: { confirmed: true, result: 'saved 3123-3123-3123-312-3123' } });
    expect(await calls(page)).toHaveLength(1);
  });

  test('a retry after the CRM page reloads (its port replaced) gets the first outcome: one platform call', async ({ page }) => {
    const { crm } = await openConsole(page, { form: 'form-api.html', platform: 'later', laterMs: '1500' });
    await connected(crm);
    await crm.evaluate((d) => void (window as unknown as CrmWindow).host.dispositionCall(d), DOCUMENTED);
    await expect.poll(() => calls(page)).toHaveLength(1);
    await crm.goto(crm.url());
    await readyFrame(page, 'crm');
    expect(await dispose(crm)).toEqual({ ok: true, value: { confirmed: true, result: 'saved 3123-3123-3123-312-3123' } });
    expect(await calls(page)).toHaveLength(1);
  });

  test('a correction (another level for the same call) is a new call', async ({ page }) => {
    const { crm } = await openConsole(page, { form: 'form-api.html' });
    expect(await dispose(crm)).toMatchObject({ ok: true });
    expect(await dispose(crm, { ...DOCUMENTED, l1: 'corrected' })).toMatchObject({ ok: true });
    expect((await calls(page)).map((c) => c.args![3])).toEqual(['nivel1', 'corrected']);
  });
});

test.describe('case 6 — the documented listener beside a bridge with legacy on', () => {
  test('one documented DISPOSITION_CALL calls UC_DispositionCall once; the page says two listeners ran it and names the message', async ({ page }) => {
    const { crm } = await openConsole(page, { form: 'form-both-legacy.html', crm: `${B}/legacy-iframe.html` });
    await crm.evaluate(() => (window as unknown as LegacyWindow).sendDisposition());
    await expect.poll(async () => (await ucLog(page)).outcomes.map((o) => o.fn)).toEqual(['callbackDiposition']);
    const log = await ucLog(page);
    expect(log.calls.map((c) => c.fn)).toEqual(['UC_DispositionCall']);
    expect(JSON.stringify(log.warnings)).toContain('data-legacy=\\"false\\"');
    expect(JSON.stringify(log.infos)).toContain('ran a documented-shape DISPOSITION_CALL from http://127.0.0.1:4102');
  });
});

test.describe('issue 15 — the first call rides the handshake', () => {
  test('a disposition made as the CRM connects goes in the HELLO: confirmed, one platform call, never posted on the port', async ({ page }) => {
    const { crm } = await openConsole(page, { form: 'form-api.html', crm: url(`${B}/crm.html`, { callAtOnce: true, log: true }) });
    const settled = await crm.evaluate(() => (window as unknown as CrmWindow).pending);
    expect(settled).toEqual({ ok: true, value: { confirmed: true, result: 'saved sweep' } });
    const sent = await crm.evaluate(() => (window as unknown as { logged: [string, any][] }).logged.filter(([line]) => / sent /.test(line)).map(([, detail]) => detail));
    expect(sent[0]).toMatchObject({ type: 'HELLO', requests: [{ action: 'DISPOSITION_CALL', disposition: { guid: 'sweep' } }] });
    expect(sent.filter((message) => message.action === 'DISPOSITION_CALL')).toEqual([]);
    expect(await calls(page)).toHaveLength(1);
  });

  test('a form installed after the first HELLO (it never saw the call) gets it on the port: one platform call', async ({ page }) => {
    const { crm } = await openConsole(page, { form: 'form-api.html', install: 'after', afterMs: '300', crm: url(`${B}/crm.html`, { callAtOnce: true, log: true }) });
    const settled = await crm.evaluate(() => (window as unknown as CrmWindow).pending);
    expect(settled).toEqual({ ok: true, value: { confirmed: true, result: 'saved sweep' } });
    const sent = await crm.evaluate(() => (window as unknown as { logged: [string, any][] }).logged.filter(([line]) => / sent /.test(line)).map(([, detail]) => detail));
    expect(sent[0].requests).toHaveLength(1);
    expect(sent.filter((message) => message.action === 'DISPOSITION_CALL')).toHaveLength(1);
    expect(await calls(page)).toHaveLength(1);
  });
});
