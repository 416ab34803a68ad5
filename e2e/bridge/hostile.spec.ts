import { test } from '@playwright/test';
import { expect, B, calls, openConsole, rejected, ucLog, type HostileWindow } from './helpers.js';

// page loads across three origins on a busy machine: room for them, not for a hang
test.describe.configure({ timeout: 60_000 });

// A frame of an allowed origin (B) that sends whatever it likes: non-strings, prototype tricks, huge
// strings, bad schedules, unknown fields, floods — on the window and on its private port. Nothing may
// reach the platform; every refusal is reported with its code and field, without echoing the payload.
const hostile = `${B}/hostile.html`;

test.describe('malformed documented (window) messages', () => {
  test('each is refused with its code and field, none calls the platform, and the bridge keeps working', async ({ page }) => {
    const { crm } = await openConsole(page, { form: 'form-api.html', crm: hostile });
    await crm.evaluate(() => {
      const w = window as unknown as HostileWindow;
      const v = { campaign: 'c', callerid: '1', guid: 'g', l1: 'sale', l2: '', l3: '', d1: '', d2: '', comment: '', schedule: '' };
      const dispose = (patch: Record<string, unknown>) => ({ action: 'DISPOSITION_CALL', disposition: { ...v, ...patch } });
      // not meant for a bridge at all: ignored without a log line
      for (const noise of ['CLOSE_TAB', null, 42, ['CLOSE_TAB'], { type: 'webpackOk' }, { ucbridge: 2, type: 'HELLO', id: 'x', versions: [1] }]) w.post(noise);
      // refused, in this order (the spec's list below)
      w.post(dispose({ l1: 42 }));
      w.post(dispose({ l1: ['sale'] }));
      w.post(dispose({ l1: { toString: 'sale' } }));
      w.post(dispose({ l1: null }));
      w.post(dispose({ campaign: true }));
      w.post(null, { json: '{"action":"DISPOSITION_CALL","disposition":{"campaign":"c","callerid":"1","guid":"g","l1":"x","__proto__":{"l2":"polluted"}}}' });
      w.post(null, { json: '{"action":"DISPOSITION_CALL","__proto__":{"disposition":{"campaign":"c","callerid":"1","guid":"g","l1":"x"}}}' });
      w.post(dispose({ constructor: 'x' }));
      w.post(dispose({ comment: 'x'.repeat(5_000_000) }));
      w.post(dispose({ l1: 'x'.repeat(129) }));
      w.post(dispose({ schedule: '2019-02-30 10:00:00' }));
      w.post(dispose({ schedule: '2019-05-04T15:55:55Z' }));
      w.post(dispose({ schedule: 1557000000000 }));
      w.post(dispose({ extra: 'field' }));
      w.post({ action: 'DISPOSITION_CALL' });
      w.post({ action: 'DISPOSITION_CALL', disposition: 'CampanaTest' });
      w.post({ action: 'DISPOSITION_CALL', disposition: [v] });
      w.post(dispose({ guid: 'a\u0000b' }));
      w.post(dispose({ callerid: '' }));
      w.post({ action: 'HANG_UP' });
      w.post({ action: 'x'.repeat(1_000_000) });
      w.post({ action: { toString: 'CLOSE_TAB', valueOf: 'CLOSE_TAB' } });
      w.post({ action: null });
    });
    const expected = [
      ['INVALID_ARGUMENT', 'disposition.l1'],
      ['INVALID_ARGUMENT', 'disposition.l1'],
      ['INVALID_ARGUMENT', 'disposition.l1'],
      ['INVALID_ARGUMENT', 'disposition.l1'],
      ['INVALID_ARGUMENT', 'disposition.campaign'],
      ['INVALID_ARGUMENT', 'disposition.__proto__'],
      ['INVALID_ARGUMENT', 'disposition'],
      ['INVALID_ARGUMENT', 'disposition.constructor'],
      ['INVALID_ARGUMENT', 'disposition.comment'],
      ['INVALID_ARGUMENT', 'disposition.l1'],
      ['INVALID_ARGUMENT', 'disposition.schedule'],
      ['INVALID_ARGUMENT', 'disposition.schedule'],
      ['INVALID_ARGUMENT', 'disposition.schedule'],
      ['INVALID_ARGUMENT', 'disposition.extra'],
      ['INVALID_ARGUMENT', 'disposition'],
      ['INVALID_ARGUMENT', 'disposition'],
      ['INVALID_ARGUMENT', 'disposition'],
      ['INVALID_ARGUMENT', 'disposition.guid'],
      ['INVALID_ARGUMENT', 'disposition.callerid'],
      ['INVALID_MESSAGE', 'action'],
      ['INVALID_MESSAGE', 'action'],
      ['INVALID_MESSAGE', 'action'],
      ['INVALID_MESSAGE', 'action'],
    ];
    await expect.poll(async () => (await rejected(page)).length).toBe(expected.length);
    const log = await ucLog(page);
    expect(log.rejected.map((e) => [e.code, e.field])).toEqual(expected);
    expect(log.rejected.every((e) => e.kind === 'legacy' && e.origin === B)).toBe(true);
    // a refusal never carries the payload, and never a huge string
    expect(log.rejected.every((e) => e.data === undefined && e.message.length < 500)).toBe(true);
    expect(log.calls).toEqual([]);
    expect(log.accepted).toEqual([]);
    expect(await page.evaluate(() => ({} as Record<string, unknown>).l2)).toBeUndefined();

    await crm.evaluate(() => (window as unknown as HostileWindow).post({ action: 'CLOSE_TAB' }));
    await expect.poll(() => calls(page)).toEqual([{ fn: 'closeActiveTab', argc: 0 }]);
  });

  test('a flood of 2000 malformed messages calls nothing; a valid message after it still works', async ({ page }) => {
    const { crm } = await openConsole(page, { form: 'form-api.html', crm: hostile });
    await crm.evaluate(() =>
      (window as unknown as HostileWindow).post({ action: 'DISPOSITION_CALL', disposition: { campaign: 'c', callerid: '1', guid: 'g', l1: 1 } }, { times: 2000 }),
    );
    await expect.poll(async () => (await rejected(page)).length).toBe(2000);
    expect(await calls(page)).toEqual([]);
    await crm.evaluate(() => (window as unknown as HostileWindow).post({ action: 'CLOSE_TAB' }));
    await expect.poll(() => calls(page)).toEqual([{ fn: 'closeActiveTab', argc: 0 }]);
  });
});

test.describe('malformed handshakes', () => {
  test('a bad HELLO or a child posing as the host is refused INVALID_MESSAGE naming the field, and gets no port', async ({ page }) => {
    const { crm } = await openConsole(page, { form: 'form-api.html', crm: hostile });
    await crm.evaluate(() => {
      const w = window as unknown as HostileWindow;
      w.post({ ucbridge: 1, type: 'HELLO', id: 'a b', versions: [1] });
      w.post({ ucbridge: 1, type: 'HELLO', id: 'x'.repeat(1_000_000), versions: [1] });
      w.post({ ucbridge: 1, type: 'HELLO', id: 'v', versions: '1' });
      w.post({ ucbridge: 1, type: 'HELLO', id: 'v', versions: Array(100).fill(1) });
      w.post({ ucbridge: 1, type: 'WELCOME', replyTo: 'x', version: 1, actions: [] });
    });
    await expect.poll(async () => (await rejected(page)).length).toBe(5);
    expect((await rejected(page)).map((e) => [e.kind, e.code, e.field])).toEqual([
      ['hello', 'INVALID_MESSAGE', 'id'],
      ['hello', 'INVALID_MESSAGE', 'id'],
      ['hello', 'INVALID_MESSAGE', 'versions'],
      ['hello', 'INVALID_MESSAGE', 'versions'],
      ['hello', 'INVALID_MESSAGE', 'type'],
    ]);
    expect((await ucLog(page)).accepted).toEqual([]);
  });

  test('a HELLO with no shared version is answered REFUSED with VERSION_MISMATCH, not silence', async ({ page }) => {
    const { crm } = await openConsole(page, { form: 'form-api.html', crm: hostile });
    const answer = await crm.evaluate(() => (window as unknown as HostileWindow).handshake({ ucbridge: 1, type: 'HELLO', id: 'future', versions: [2, 3] }));
    // nothing but the HELLO's id and the code
    expect(answer).toEqual({ ucbridge: 1, type: 'REFUSED', replyTo: 'future', code: 'VERSION_MISMATCH' });
    expect(await rejected(page)).toEqual([expect.objectContaining({ kind: 'hello', code: 'VERSION_MISMATCH' })]);
  });

  test('a flood of 200 HELLOs leaves one working port', async ({ page }) => {
    const { crm } = await openConsole(page, { form: 'form-api.html', crm: hostile });
    const answer = await crm.evaluate(async () => {
      const w = window as unknown as HostileWindow;
      for (let i = 0; i < 200; i++) w.post({ ucbridge: 1, type: 'HELLO', id: `flood${i}`, versions: [1] });
      const welcome = await w.handshake();
      w.request({ ucbridge: 1, id: 'last', action: 'CLOSE_TAB' });
      return welcome;
    });
    expect(answer).toMatchObject({ type: 'WELCOME', actions: ['CLOSE_TAB', 'DISPOSITION_CALL', 'crm.note'] });
    await expect.poll(() => crm.evaluate(() => (window as unknown as HostileWindow).replies)).toEqual([{ ucbridge: 1, replyTo: 'last', ok: true }]);
    expect(await calls(page)).toEqual([{ fn: 'closeActiveTab', argc: 0 }]);
    expect((await ucLog(page)).accepted.filter((e) => e.kind === 'hello')).toHaveLength(201);
  });
});

test.describe('malformed requests on the private port', () => {
  test('each gets one error reply with its code and field (when it has a usable id); only the valid one calls the platform', async ({ page }) => {
    const { crm } = await openConsole(page, { form: 'form-api.html', crm: hostile });
    await crm.evaluate(async () => {
      const w = window as unknown as HostileWindow;
      await w.handshake();
      const v = { campaign: 'c', callerid: '1', guid: 'g', l1: 'sale' };
      w.request(
        '{"ucbridge":1,"id":"r1","action":"DISPOSITION_CALL","disposition":{"campaign":"c","callerid":"1","guid":"g","l1":"x","__proto__":{"l2":"p"}}}',
        { ucbridge: 1, id: 'r2', action: 'DISPOSITION_CALL', disposition: { ...v, l1: 42 } },
        { ucbridge: 1, id: 'r3', action: 'toString' },
        { ucbridge: 1, id: 'r4', action: 'constructor' },
        { ucbridge: 1, id: 'r5', action: '__proto__' },
        { ucbridge: 1, id: 'r6', action: 'DISPOSITION_CALL', disposition: { ...v, comment: 'x'.repeat(5_000_000) } },
        { ucbridge: 1, id: 'r7', action: 'DISPOSITION_CALL', disposition: { ...v, schedule: '2019-05-04 25:00:00' } },
        { ucbridge: 1, id: 'r8', action: 'DISPOSITION_CALL', disposition: { ...v, unknown: 'x' } },
        '"just a string"', // JSON text: a bare string
        { ucbridge: 1, id: { toString: 'r9' }, action: 'CLOSE_TAB' },
        { id: 'r10', action: 'CLOSE_TAB' },
        { ucbridge: 1, id: 'r11', action: 'CLOSE_TAB' },
      );
    });
    await expect.poll(async () => (await crm.evaluate(() => (window as unknown as HostileWindow).replies)).length).toBe(9);
    const replies = await crm.evaluate(() => (window as unknown as HostileWindow).replies);
    expect(replies.map((r) => [r.replyTo, r.ok, r.error?.code ?? null, r.error?.field ?? null])).toEqual([
      ['r1', false, 'INVALID_ARGUMENT', 'disposition.__proto__'],
      ['r2', false, 'INVALID_ARGUMENT', 'disposition.l1'],
      ['r3', false, 'UNKNOWN_ACTION', 'action'],
      ['r4', false, 'UNKNOWN_ACTION', 'action'],
      ['r5', false, 'INVALID_MESSAGE', 'action'],
      ['r6', false, 'INVALID_ARGUMENT', 'disposition.comment'],
      ['r7', false, 'INVALID_ARGUMENT', 'disposition.schedule'],
      ['r8', false, 'INVALID_ARGUMENT', 'disposition.unknown'],
      ['r11', true, null, null],
    ]);
    expect(await calls(page)).toEqual([{ fn: 'closeActiveTab', argc: 0 }]);
    // every refusal is logged; the three without a usable id (a string, an object id, no ucbridge marker) only that
    expect((await rejected(page)).filter((e) => e.kind === 'request').map((e) => e.code)).toEqual([
      'INVALID_ARGUMENT',
      'INVALID_ARGUMENT',
      'UNKNOWN_ACTION',
      'UNKNOWN_ACTION',
      'INVALID_MESSAGE',
      'INVALID_ARGUMENT',
      'INVALID_ARGUMENT',
      'INVALID_ARGUMENT',
      'INVALID_MESSAGE',
      'INVALID_MESSAGE',
      'INVALID_MESSAGE',
    ]);
  });

  test('a flood of 40 requests on one port reaches the platform at most 16 times; every request gets exactly one reply', async ({ page }) => {
    const { crm } = await openConsole(page, { form: 'form-api.html', crm: hostile, platform: 'silent', platformTimeoutMs: '3000' }); // long enough that no slot frees while the 40 arrive
    await crm.evaluate(async () => {
      const w = window as unknown as HostileWindow;
      await w.handshake();
      for (let i = 0; i < 40; i++) w.request({ ucbridge: 1, id: `f${i}`, action: 'DISPOSITION_CALL', disposition: { campaign: 'c', callerid: '1', guid: `g${i}`, l1: 'x' } });
    });
    await expect.poll(async () => (await crm.evaluate(() => (window as unknown as HostileWindow).replies)).length).toBe(40);
    const replies = await crm.evaluate(() => (window as unknown as HostileWindow).replies);
    expect(new Set(replies.map((r) => r.replyTo)).size).toBe(40);
    const codes = replies.map((r) => r.error?.code);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(24);
    expect(codes.filter((c) => c === 'PLATFORM_TIMEOUT')).toHaveLength(16);
    expect(await calls(page)).toHaveLength(16);
  });
});
