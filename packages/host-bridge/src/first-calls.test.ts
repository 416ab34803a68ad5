import { createHostBridge } from '@ucbridge/host-bridge';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MessagePort as NodePort } from 'node:worker_threads';
import { bridges, cleanUp, CRM, ports, setup } from './form-window.test-helper.js';

// Issue 15 on the form's side: the calls a page made before its first HELLO ride that HELLO. The form
// runs them on the new port, names them in WELCOME.taken, and never runs one twice (a repeated HELLO,
// two copies of ucbridge on one form, a HELLO read after it expired).
afterEach(cleanUp);

const disposition = { campaign: 'Sales<-', callerid: '099123456', guid: 'g-1', l1: 'Sold', l2: '', l3: '', d1: '', d2: '', comment: 'ok', schedule: '' };
const request = (id: string, d: unknown = disposition) => ({ ucbridge: 1, id, action: 'DISPOSITION_CALL', disposition: d });
const hello = (id: string, requests: unknown[], expires = Date.now() + 1000) => ({ ucbridge: 1, type: 'HELLO', id, versions: [1], requests, expires });

/** The replies that arrive on `port` within a few ms, by request id. */
async function replies(port: NodePort, wait = 10): Promise<Record<string, any>> {
  const got: Record<string, any> = {};
  port.on('message', (message: any) => message.replyTo && (got[message.replyTo] = message));
  await new Promise((resolve) => setTimeout(resolve, wait));
  return got;
}

describe('the first calls ride the HELLO', () => {
  it('runs each carried call once, on the new port, and names it in WELCOME.taken', async () => {
    const { uc, crm, post } = setup();
    post(hello('h1', [request('1'), { ucbridge: 1, id: '2', action: 'CLOSE_TAB' }]));
    const { message: welcome, port } = crm.posted.at(-1)!;
    ports.push(port!);
    expect(welcome).toMatchObject({ type: 'WELCOME', replyTo: 'h1', taken: ['1', '2'] });
    const answers = replies(port!);
    expect(uc.calls).toHaveLength(1);
    uc.calls[0]!.success('saved');
    expect(await answers).toMatchObject({ 1: { ok: true, result: 'saved' }, 2: { ok: true } });
    expect(uc.fn).toHaveBeenCalledOnce();
  });

  it('a HELLO without calls is welcomed as before, with no taken list', () => {
    const { crm, post } = setup();
    post({ ucbridge: 1, type: 'HELLO', id: 'h1', versions: [1] });
    expect(crm.posted.at(-1)!.message).not.toHaveProperty('taken');
    ports.push(crm.posted.at(-1)!.port!);
  });

  it('the same HELLO again (a retry that crossed our WELCOME) is ignored: no second port, no second run', async () => {
    const { uc, crm, post } = setup();
    post(hello('h1', [request('1')]));
    const first = crm.posted.at(-1)!.port!;
    ports.push(first);
    post({ ucbridge: 1, type: 'HELLO', id: 'h1', versions: [1] });
    post(hello('h1', [request('1')]));
    expect(crm.posted).toHaveLength(1);
    expect(uc.calls).toHaveLength(1);
    // the first port still serves the page
    const answers = replies(first);
    uc.calls[0]!.success('saved');
    expect((await answers)['1']).toMatchObject({ ok: true, result: 'saved' });
  });

  it('a retry of a welcomed handshake (new id, same handshake) is ignored; a new handshake from the frame replaces the port', async () => {
    const { uc, crm, post } = setup();
    post(hello('h1', [request('1')]));
    ports.push(crm.posted.at(-1)!.port!);
    expect(crm.posted.at(-1)!.message).toMatchObject({ replyTo: 'h1', handshake: 'h1' });
    post({ ucbridge: 1, type: 'HELLO', id: 'h2', handshake: 'h1', versions: [1] });
    expect(crm.posted).toHaveLength(1);
    // a client before 0.3 names no handshake: each HELLO is its own, and replaces the frame's port
    post({ ucbridge: 1, type: 'HELLO', id: 'h3', versions: [1] });
    expect(crm.posted).toHaveLength(2);
    ports.push(crm.posted.at(-1)!.port!);
    expect(crm.posted.at(-1)!.message).toMatchObject({ replyTo: 'h3', handshake: 'h3' });
    expect(uc.fn).toHaveBeenCalledOnce();
  });

  it('a copy of ucbridge before 0.3 listening first (its disposition memory, no handshake list): no copy takes carried calls, they go on the port', async () => {
    const { uc, crm, post } = setup({}, (win) => (win[Symbol.for('ucbridge.dispositions')] = { known: new Map(), settled: new WeakSet() }));
    post(hello('h1', [request('1')]));
    expect(crm.posted.at(-1)!.message).toMatchObject({ type: 'WELCOME', taken: [] });
    ports.push(crm.posted.at(-1)!.port!);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(uc.fn).not.toHaveBeenCalled();
  });

  it('a HELLO read after it expired is welcomed with nothing taken, and runs nothing', async () => {
    const { uc, crm, post } = setup();
    post(hello('h1', [request('1')], Date.now() - 1));
    expect(crm.posted.at(-1)!.message).toMatchObject({ type: 'WELCOME', taken: [] });
    ports.push(crm.posted.at(-1)!.port!);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(uc.fn).not.toHaveBeenCalled();
  });

  it('two copies of ucbridge on one form: only the first takes the calls, the platform runs them once', async () => {
    const { uc, crm, post, win } = setup({ handlers: { closeTab: vi.fn() } });
    const closeTab = vi.fn();
    bridges.push(createHostBridge({ allowedOrigins: CRM, window: win, handlers: { closeTab } }));
    post(hello('h1', [request('1'), { ucbridge: 1, id: '2', action: 'CLOSE_TAB' }]));
    const [first, second] = crm.posted;
    ports.push(first!.port!, second!.port!);
    expect(first!.message.taken).toEqual(['1', '2']);
    expect(second!.message.taken).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(uc.fn).toHaveBeenCalledOnce();
    expect(closeTab).not.toHaveBeenCalled();
  });

  it('each carried call is checked like one on the port: a bad one is answered with its error and not run', async () => {
    const { uc, crm, post } = setup({ allowedOrigins: [{ origin: CRM, actions: ['DISPOSITION_CALL'] }] });
    post(hello('h1', [request('1', { ...disposition, l1: '' }), { ucbridge: 1, id: '2', action: 'CLOSE_TAB' }, request('3')]));
    const port = crm.posted.at(-1)!.port!;
    ports.push(port);
    const answers = replies(port);
    uc.calls[0]?.success('saved');
    const got = await answers;
    expect(got['1']).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field: 'disposition.l1', outcome: 'not-done' } });
    expect(got['2']).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION', outcome: 'not-done' } });
    expect(got['3']).toMatchObject({ ok: true, result: 'saved' });
    expect(uc.fn).toHaveBeenCalledOnce();
  });

  it('carried calls count toward the frame limit like any other', async () => {
    const { uc, crm, post } = setup({ maxPendingPerPort: 1 });
    post(hello('h1', [request('1'), request('2', { ...disposition, comment: 'other' })]));
    const port = crm.posted.at(-1)!.port!;
    ports.push(port);
    const got = await replies(port);
    expect(got['2']).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', outcome: 'not-done' } });
    expect(uc.calls).toHaveLength(1);
  });

  it.each([
    ['not a list', { requests: 'x', expires: Date.now() + 1000 }, 'requests'],
    ['more than 16', { requests: Array.from({ length: 17 }, (_, i) => request(String(i))), expires: Date.now() + 1000 }, 'requests'],
    ['without an expiry', { requests: [request('1')] }, 'expires'],
  ])('a HELLO whose calls are %s is refused INVALID_MESSAGE, nothing run', async (_, fields, field) => {
    const { uc, crm, post, rejected } = setup();
    post({ ucbridge: 1, type: 'HELLO', id: 'h1', versions: [1], ...fields });
    expect(crm.posted.at(-1)!.message).toEqual({ ucbridge: 1, type: 'REFUSED', replyTo: 'h1', code: 'INVALID_MESSAGE' });
    expect(rejected.at(-1)).toMatchObject({ kind: 'hello', code: 'INVALID_MESSAGE', field });
    expect(uc.fn).not.toHaveBeenCalled();
  });

  it('a HELLO from an origin not allowed runs none of its calls', () => {
    const { uc, crm, post } = setup();
    post(hello('h1', [request('1')]), crm, 'https://evil.example');
    expect(crm.posted.at(-1)!.message).toMatchObject({ type: 'REFUSED', code: 'ORIGIN_NOT_ALLOWED' });
    expect(uc.fn).not.toHaveBeenCalled();
  });
});

describe('the first calls ride the HELLO: what breaks it', () => {
  it('two copies, the first refuses the origin: the second runs none of the calls (the client reads the REFUSED as "not done")', async () => {
    const { uc, crm, post, win } = setup({ allowedOrigins: 'https://other.example' });
    bridges.push(createHostBridge({ allowedOrigins: CRM, window: win }));
    post(hello('h1', [request('1')]));
    const [refused, welcome] = crm.posted;
    expect(refused!.message).toMatchObject({ type: 'REFUSED', code: 'ORIGIN_NOT_ALLOWED' });
    ports.push(welcome!.port!);
    expect(welcome!.message.taken).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(uc.fn).not.toHaveBeenCalled();
  });
});

describe('the first calls ride the HELLO: what holds', () => {
  it('a bridge restarted mid-handshake: the first took the disposition (DESTROYED, unknown), the second welcomes the retry running nothing, the retried disposition joins the first: one platform call', async () => {
    const { uc, crm, post, bridge, win } = setup();
    post(hello('h1', [request('1')]));
    const first = crm.posted.at(-1)!.port!;
    ports.push(first);
    const lost = replies(first);
    bridge.destroy();
    expect((await lost)['1']).toMatchObject({ ok: false, error: { code: 'DESTROYED', outcome: 'unknown' } });
    bridges.push(createHostBridge({ allowedOrigins: CRM, window: win }));
    post({ ucbridge: 1, type: 'HELLO', id: 'h2', handshake: 'h1', versions: [1] });
    expect(crm.posted.at(-1)!.message).toMatchObject({ type: 'WELCOME', handshake: 'h1' });
    expect(crm.posted.at(-1)!.message).not.toHaveProperty('taken');
    post(hello('h3', [request('1')]));
    const second = crm.posted.at(-1)!.port!;
    ports.push(second);
    expect(crm.posted.at(-1)!.message.taken).toEqual(['1']);
    const answers = replies(second);
    uc.calls[0]!.success('saved');
    expect((await answers)['1']).toMatchObject({ ok: true, result: 'saved' });
    expect(uc.fn).toHaveBeenCalledOnce();
  });

  it('a HELLO carrying one id twice runs it once; the copy is refused without a reply that would settle the first', async () => {
    const { uc, crm, post } = setup();
    post(hello('h1', [request('1'), request('1', { ...disposition, comment: 'other' })]));
    const port = crm.posted.at(-1)!.port!;
    ports.push(port);
    const answers = replies(port);
    expect(uc.calls).toHaveLength(1);
    uc.calls[0]!.success('saved');
    expect((await answers)['1']).toMatchObject({ ok: true, result: 'saved' });
    expect(uc.fn).toHaveBeenCalledOnce();
  });
});
