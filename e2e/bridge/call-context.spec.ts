import { test, type Frame, type Page } from '@playwright/test';
import { expect, A, B, calls, openConsole, rejected, ucLog, type CrmWindow, type FormFile, type HostileWindow, type LegacyWindow, type Settled } from './helpers.js';

// page loads across three origins on a busy machine: room for them, not for a hang
test.describe.configure({ timeout: 60_000 });

// The form (origin A) is on a call: its CTI global is a JSON string, as the platform writes it
// (fixtures/form-context.js). It shares the call with http://127.0.0.1:4102 (scoped, every action) and
// lists http://crm.example.test:4102 without it (and with CLOSE_TAB only).
const UNSCOPED = 'http://crm.example.test:4102';
const GUID = '824da669-5c0b-4d3c-9d4a-000000000001';
const CALL = { guid: GUID, campaign: 'SalienteTest->', callerid: '17410632', vars: { state: 'KY', query: 'id=7&x=1' }, agent: 'agent007' };
const FORM = 'form-context.html' as FormFile;

type ContextCrm = CrmWindow & { contexts: unknown[]; host: CrmWindow['host'] & Record<string, (...args: unknown[]) => Promise<unknown>> & { callContext: unknown } };

/** Opens the console with the form on a call; waits for the CRM's handshake unless the CRM page is not a client (`connect: false`). */
async function open(page: Page, options: { crm?: string; cti?: string; lock?: string; form?: string; connect?: false } = {}) {
  const { crm = `${B}/crm-context.html`, form = FORM, connect, ...rest } = options;
  const frames = await openConsole(page, { form: form as FormFile, crm, ...rest });
  if (connect !== false) await frames.crm.evaluate(() => (window as unknown as ContextCrm).host.connected);
  return frames;
}

/** Runs `host.<method>(...args)` in the CRM page and returns how it settled. */
function call(crm: Frame, method: string, ...args: unknown[]): Promise<Settled> {
  return crm.evaluate(([m, a]) => {
    const w = window as unknown as ContextCrm;
    return w.settle((w.host[m as string] as (...x: unknown[]) => Promise<unknown>)(...(a as unknown[])));
  }, [method, args] as const);
}

const context = (crm: Frame) => crm.evaluate(() => JSON.parse(JSON.stringify({ now: (window as unknown as ContextCrm).host.callContext ?? null, told: (window as unknown as ContextCrm).contexts })));

test.describe('the call context', () => {
  test('reaches a scoped origin with the CTI call, and not an origin listed without it', async ({ page }) => {
    const { crm } = await open(page);
    expect(await context(crm)).toEqual({ now: CALL, told: [CALL] });

    const other = await open(page, { crm: `${UNSCOPED}/crm-context.html` });
    expect(await context(other.crm)).toEqual({ now: null, told: [null] });
  });

  test('dispositionCall({ l1 }) reaches UC_DispositionCall with the CTI\'s campaign, callerid and guid, in order', async ({ page }) => {
    const { crm } = await open(page);
    expect(await call(crm, 'dispositionCall', { l1: 'Venta', comment: 'sold on the first call' })).toEqual({ ok: true, value: { confirmed: true, result: `saved ${GUID}` } });
    expect(await calls(page)).toEqual([
      { fn: 'UC_DispositionCall', argc: 12, args: ['SalienteTest->', '17410632', GUID, 'Venta', '', '', '', '', 'sold on the first call', ''], callbacks: ['function', 'function'] },
    ]);
  });

  test('a disposition for another call is refused WRONG_CALL and the platform is never called', async ({ page }) => {
    const { crm } = await open(page);
    const results = [
      await call(crm, 'dispositionCall', { l1: 'Venta', guid: 'someone-elses-call' }),
      await call(crm, 'dispositionCall', { l1: 'Venta', campaign: 'OtraCampana->' }),
      await call(crm, 'tagRecord', { guid: 'someone-elses-call', l1: 'VIP' }),
    ];
    expect(results.map((r) => !r.ok && [r.code, r.field])).toEqual([
      ['WRONG_CALL', 'disposition.guid'],
      ['WRONG_CALL', 'disposition.campaign'],
      ['WRONG_CALL', 'params.guid'],
    ]);
    // the refusal does not tell the current call
    for (const r of results) expect(!r.ok && r.message).not.toContain(GUID);
    expect(await calls(page)).toEqual([]);
  });

  test('a documented disposition from an origin whose scope has no DISPOSITION_CALL is UNKNOWN_ACTION; nothing is called', async ({ page }) => {
    const { crm: legacy } = await open(page, { crm: `${UNSCOPED}/legacy-iframe.html`, connect: false });
    // this origin may only close the tab: a disposition is out of its scope whatever it names
    await legacy.evaluate(() => (window as unknown as LegacyWindow).sendDisposition());
    await expect.poll(async () => (await rejected(page)).map((e) => [e.kind, e.origin, e.action, e.code])).toEqual([['legacy', UNSCOPED, 'DISPOSITION_CALL', 'UNKNOWN_ACTION']]);
    expect(await calls(page)).toEqual([]);
  });

  test('a hostile page on the scoped origin posting a disposition for another call gets WRONG_CALL; nothing is called', async ({ page }) => {
    const { crm: hostile } = await open(page, { crm: `${B}/hostile.html`, connect: false });
    await hostile.evaluate((guid) => (window as unknown as HostileWindow).post({ action: 'DISPOSITION_CALL', disposition: { campaign: 'SalienteTest->', callerid: '17410632', guid, l1: 'Venta' } }), 'someone-elses-call');
    await expect.poll(async () => (await ucLog(page)).accepted.filter((e) => e.kind === 'reply').map((e) => [e.origin, e.code, e.field])).toEqual([[B, 'WRONG_CALL', 'disposition.guid']]);
    expect(await calls(page)).toEqual([]);
  });

  test('setCallContext reaches the client, and the next disposition goes to the new call', async ({ page }) => {
    const { form, crm } = await open(page);
    const next = { guid: 'g-second-call', campaign: 'SalienteTest->', callerid: '29000000', vars: {} };
    await form.evaluate((c) => (window as unknown as { bridge: { setCallContext(c: unknown): void } }).bridge.setCallContext(c), next);
    await expect.poll(() => context(crm)).toEqual({ now: next, told: [CALL, next] });
    expect(await call(crm, 'dispositionCall', { l1: 'Venta' })).toMatchObject({ ok: true });
    expect((await calls(page))[0]!.args!.slice(0, 4)).toEqual(['SalienteTest->', '29000000', 'g-second-call', 'Venta']);
    // the old call is not the current one any more
    expect(await call(crm, 'dispositionCall', { l1: 'Venta', guid: GUID })).toMatchObject({ ok: false, code: 'WRONG_CALL' });
    await form.evaluate(() => (window as unknown as { bridge: { setCallContext(c: unknown): void } }).bridge.setCallContext(undefined));
    await expect.poll(() => context(crm)).toEqual({ now: null, told: [CALL, next, null] });
  });

  test('an origin listed without the context hears nothing when the call changes', async ({ page }) => {
    const { form, crm } = await open(page, { crm: `${UNSCOPED}/crm-context.html` });
    await form.evaluate(() => (window as unknown as { bridge: { setCallContext(c: unknown): void } }).bridge.setCallContext({ guid: 'g-2', campaign: 'x', callerid: '1', vars: {} }));
    // a round trip on the same port after the change: anything sent before it has arrived
    expect(await call(crm, 'closeTab')).toMatchObject({ ok: true });
    expect(await context(crm)).toEqual({ now: null, told: [null] });
  });

  test('an action outside the origin\'s scope is refused UNKNOWN_ACTION and is not in its WELCOME', async ({ page }) => {
    const { crm } = await open(page, { crm: `${UNSCOPED}/crm-context.html` });
    expect(await crm.evaluate(() => (window as unknown as ContextCrm).host.info!.actions)).toEqual(['CLOSE_TAB']);
    expect(await crm.evaluate(() => (window as unknown as ContextCrm).host.supports('DISPOSITION_CALL'))).toBe(false);
    const results = [
      await call(crm, 'dispositionCall', { campaign: 'SalienteTest->', callerid: '17410632', guid: GUID, l1: 'Venta' }),
      await call(crm, 'makeCall', { campaign: 'SalienteTest->', destination: '099123456' }),
      await call(crm, 'closeForm'),
    ];
    expect(results.map((r) => !r.ok && r.code)).toEqual(['UNKNOWN_ACTION', 'UNKNOWN_ACTION', 'UNKNOWN_ACTION']);
    expect(await calls(page)).toEqual([]);
    // in scope: it works
    expect(await call(crm, 'closeTab')).toEqual({ ok: true, value: { confirmed: true } });
  });

  test('the scoped origin\'s WELCOME lists the form functions the form opted in to', async ({ page }) => {
    const { crm } = await open(page);
    expect(await crm.evaluate(() => (window as unknown as ContextCrm).host.info!.actions)).toEqual(['CLOSE_TAB', 'DISPOSITION_CALL', 'CLOSE_FORM', 'TAG_RECORD', 'MAKE_CALL', 'NOTIFY', 'HANG_UP']);
  });
});

test.describe('the form functions, opt-in by name', () => {
  test('each is called with its arguments in the platform order', async ({ page }) => {
    const { crm } = await open(page);
    expect(await call(crm, 'makeCall', { campaign: 'SalienteTest->', callerid: '29000000', destination: '+59899123456' })).toEqual({ ok: true, value: { confirmed: true, result: 'UC_makeCall_async ok' } });
    expect(await call(crm, 'tagRecord', { l1: 'VIP', l3: 'Gold' })).toMatchObject({ ok: true });
    expect(await call(crm, 'notify', { title: 'Saved', message: 'Disposition saved', icon: 'ok', type: 'success' })).toMatchObject({ ok: true });
    expect(await call(crm, 'hangUp')).toEqual({ ok: true, value: { confirmed: true, result: 'hung up' } });
    expect(await call(crm, 'closeForm')).toMatchObject({ ok: true });
    expect(await calls(page)).toEqual([
      { fn: 'UC_makeCall_async', argc: 3, args: ['SalienteTest->', '29000000', '+59899123456'] },
      { fn: 'UC_TagRecord', argc: 2, args: [GUID, 'VIP||Gold'] },
      { fn: 'notification', argc: 4, args: ['Saved', 'Disposition saved', 'ok', 'success'] },
      { fn: 'hangUp', origin: B },
      { fn: 'UC_closeForm', argc: 0, args: [] },
    ]);
  });

  test('bad parameters are refused INVALID_ARGUMENT naming the field, nothing called', async ({ page }) => {
    const { crm } = await open(page);
    const results = [
      await call(crm, 'makeCall', { campaign: 'SalienteTest->', destination: "099' OR 1=1" }),
      await call(crm, 'tagRecord', { l1: 'VIP|admin' }),
      await call(crm, 'notify', { title: 'x', message: 'y', sql: 'SELECT 1' }),
    ];
    expect(results.map((r) => !r.ok && [r.code, r.field])).toEqual([
      ['INVALID_ARGUMENT', 'params.destination'],
      ['INVALID_ARGUMENT', 'params.l1'],
      ['INVALID_ARGUMENT', 'params.sql'],
    ]);
    expect(await calls(page)).toEqual([]);
  });

  test('the SQL runners are refused by name at createHostBridge, whatever way they are asked for', async ({ page }) => {
    const { form, crm } = await open(page);
    const errors = await form.evaluate(() => {
      const attempts: Record<string, unknown>[] = [];
      for (const name of ['UC_get_async', 'UC_exec', 'UC_Save_async']) {
        attempts.push({ platformFunctions: [name] });
        attempts.push({ actions: { [name]: () => 'rows' } });
      }
      const UCBridge = (window as unknown as { UCBridge: { createHostBridge(o: unknown): { destroy(): void } } }).UCBridge;
      return attempts.map((extra) => {
        try {
          UCBridge.createHostBridge({ allowedOrigins: 'http://127.0.0.1:4102', ...extra }).destroy();
          return 'created';
        } catch (error) {
          return `${(error as Error).name}: ${(error as Error).message}`;
        }
      });
    });
    expect(errors).toEqual(
      ['UC_get_async', 'UC_get_async', 'UC_exec', 'UC_exec', 'UC_Save_async', 'UC_Save_async'].map(
        (name) => `TypeError: ucbridge INVALID_OPTION: ${name} runs SQL on the platform's database: it can never be offered to a framed page`,
      ),
    );
    // a client asking for one by name is refused by the running bridge
    expect(await call(crm, 'call', 'UC_get_async', { sql: 'SELECT 1' })).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
  });
});

test.describe('no call', () => {
  for (const [label, cti, warning] of [
    ['no CTI', 'none', 'no CTI (the form is on no call)'],
    ['a CTI that is not JSON', 'bad', 'CTI is not JSON'],
    ['a CTI without a Guid', 'noguid', 'CTI has no Guid'],
  ] as const) {
    test(`${label}: the client hears "no call", a disposition needs its call typed, and a typed one is WRONG_CALL`, async ({ page }) => {
      const { crm } = await open(page, { cti });
      expect(await context(crm)).toEqual({ now: null, told: [null] });
      expect(await call(crm, 'dispositionCall', { l1: 'Venta' })).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', field: 'disposition.campaign' });
      expect(await call(crm, 'dispositionCall', { campaign: 'c', callerid: '1', guid: 'g', l1: 'Venta' })).toMatchObject({ ok: false, code: 'WRONG_CALL' });
      expect(await calls(page)).toEqual([]);
      // reported once, not once per handshake
      const warnings = (await ucLog(page)).warnings.filter((w) => String(w[0]).includes('no call context'));
      expect(warnings).toEqual([[`ucbridge NO_CALL_CONTEXT: ${warning}: no call context`]]);
    });
  }

  test('lockToCall: false lets the CRM dispose the call it types', async ({ page }) => {
    const { crm } = await open(page, { cti: 'none', lock: 'false' });
    expect(await call(crm, 'dispositionCall', { campaign: 'c', callerid: '1', guid: 'g', l1: 'Venta' })).toMatchObject({ ok: true });
    expect((await calls(page))[0]!.args!.slice(0, 4)).toEqual(['c', '1', 'g', 'Venta']);
  });
});

test.describe('the script tag: data-call-context="cti"', () => {
  test('shares the CTI call with the listed origin; dispositionCall({ l1 }) disposes it', async ({ page }) => {
    const { crm } = await open(page, { form: 'form-context-tag.html' });
    expect(await context(crm)).toEqual({ now: { guid: 'tag-0001', campaign: 'Entrante<-', callerid: '099123456', vars: { plan: 'gold' } }, told: [expect.any(Object)] });
    expect(await call(crm, 'dispositionCall', { l1: 'Venta' })).toMatchObject({ ok: true, value: { confirmed: true } });
    expect((await calls(page))[0]!.args!.slice(0, 4)).toEqual(['Entrante<-', '099123456', 'tag-0001', 'Venta']);
    expect(await page.evaluate(() => location.origin)).toBe(A);
  });
});
