import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_HELLO_REQUESTS } from '@ucbridge/protocol';
import { connectToHost } from './connect.js';
import { connectionTo } from './registry.js';
import type { ConnectOptions, HostConnection } from './types.js';
import { HOST, fakeFrame, rejection } from './fake-frame.test-helper.js';

const disposition = { campaign: 'Sales<-', callerid: '099123456', guid: 'a-b-c', l1: 'Sold' };
const open: HostConnection[] = [];
const frames: ReturnType<typeof fakeFrame>[] = [];

/** A client in a fake frame, once its first HELLO has gone (it goes when the task that connected ends). */
async function setup(options: Partial<ConnectOptions> = {}, frameOptions?: Parameters<typeof fakeFrame>[0]) {
  const frame = fakeFrame(frameOptions);
  const host = connectToHost({ hostOrigin: HOST, window: frame.window, ...options });
  open.push(host);
  frames.push(frame);
  await (vi.isFakeTimers() ? vi.advanceTimersByTimeAsync(0) : frame.firstHello());
  return { frame, host };
}


afterEach(() => {
  open.splice(0).forEach((host) => host.destroy());
  frames.splice(0).forEach((frame) => frame.closePorts());
  vi.useRealTimers();
});

describe('handshake', () => {
  it('posts HELLO to the exact host origin, with versions and no action a legacy listener could read', async () => {
    const { frame } = await setup();
    expect(frame.posted).toHaveLength(1);
    const [{ data, target }] = frame.posted as [{ data: Record<string, unknown>; target: string }];
    expect(target).toBe(HOST);
    expect(data).toMatchObject({ ucbridge: 1, type: 'HELLO', versions: [1] });
    expect(data.id).toMatch(/^[\w-]{1,64}$/);
    expect(data).not.toHaveProperty('action');
  });

  it('retries HELLO with a growing delay until a WELCOME answers, then stops', async () => {
    vi.useFakeTimers();
    const { frame, host } = await setup({ handshakeTimeoutMs: 60_000 });
    // at 0, 100, 300, 700 ms
    await vi.advanceTimersByTimeAsync(100 + 200 + 400);
    expect(frame.hellos()).toHaveLength(4);
    // then every second at most: 1500, 2500 … 10500 ms
    await vi.advanceTimersByTimeAsync(10_000);
    expect(frame.hellos()).toHaveLength(14);
    frame.startHost();
    await vi.advanceTimersByTimeAsync(1000);
    vi.useRealTimers();
    await host.connected;
    const count = frame.hellos().length;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(frame.hellos()).toHaveLength(count);
  });

  it('resolves connected with the version, actions and origin, calls onConnect, and supports() answers from them', async () => {
    const onConnect = vi.fn();
    const { frame, host } = await setup({ onConnect });
    expect(host.info).toBeUndefined();
    expect(host.supports('CLOSE_TAB')).toBe(false);
    frame.startHost(undefined, ['CLOSE_TAB', 'DISPOSITION_CALL', 'TAG_RECORD']);
    const info = await host.connected;
    expect(info).toEqual({ version: 1, actions: ['CLOSE_TAB', 'DISPOSITION_CALL', 'TAG_RECORD'], origin: HOST, platformTimeoutMs: 30_000 });
    expect(onConnect).toHaveBeenCalledExactlyOnceWith(info);
    expect(host.info).toEqual(info);
    expect(host.supports('TAG_RECORD')).toBe(true);
    expect(host.supports('UC_get_async')).toBe(false);
  });

  it('ignores a WELCOME from another window, another origin, or for an older HELLO', async () => {
    const { frame, host } = await setup();
    const hello = frame.hellos()[0]!.data;
    const { port2 } = new MessageChannel();
    const welcome = { ucbridge: 1, type: 'WELCOME', replyTo: hello.id, version: 1, actions: [] };
    frame.deliver(welcome, { source: {}, ports: [port2] });
    frame.deliver(welcome, { origin: 'https://evil.example', ports: [port2] });
    frame.deliver(welcome, { origin: 'https://form.example.com.evil.example', ports: [port2] });
    frame.deliver({ ...welcome, replyTo: 'someone-else' }, { ports: [port2] });
    port2.close();
    expect(host.info).toBeUndefined();
    frame.startHost();
    await expect(host.connected).resolves.toMatchObject({ origin: HOST });
  });

  it('rejects with VERSION_MISMATCH when the host REFUSES, for connected and for calls, and stops saying HELLO', async () => {
    const { frame, host } = await setup();
    const pending = host.closeTab();
    frame.deliver({ ucbridge: 1, type: 'REFUSED', replyTo: frame.hellos()[0]!.data.id, code: 'VERSION_MISMATCH' });
    expect((await rejection(host.connected)).code).toBe('VERSION_MISMATCH');
    expect((await rejection(pending)).code).toBe('VERSION_MISMATCH');
    expect((await rejection(host.dispositionCall(disposition))).message).toContain('another ucbridge version');
    expect(frame.legacy()).toHaveLength(0);
  });

  it('rejects with VERSION_MISMATCH when the host WELCOMEs with a version this client does not speak', async () => {
    const { frame, host } = await setup();
    const { port2 } = new MessageChannel();
    frame.deliver({ ucbridge: 1, type: 'WELCOME', replyTo: frame.hellos()[0]!.data.id, version: 2, actions: [] }, { ports: [port2] });
    port2.close();
    expect((await rejection(host.connected)).code).toBe('VERSION_MISMATCH');
  });
});

describe('calls on the port', () => {
  it('closeTab sends CLOSE_TAB on the port, never on the window, and resolves confirmed with the result', async () => {
    const { frame, host } = await setup();
    const requests: unknown[] = [];
    frame.startHost((r, reply) => {
      requests.push(r);
      reply({ ucbridge: 1, replyTo: r.id, ok: true, result: 'closed' });
    });
    await expect(host.closeTab()).resolves.toEqual({ confirmed: true, result: 'closed' });
    expect(requests).toEqual([{ ucbridge: 1, id: expect.any(String), action: 'CLOSE_TAB' }]);
    expect(frame.legacy()).toHaveLength(0);
  });

  it('dispositionCall sends all ten fields, optional ones empty, and a Date schedule as local YYYY-MM-DD HH:MM:SS', async () => {
    const { frame, host } = await setup();
    const requests: any[] = [];
    frame.startHost((r, reply) => {
      requests.push(r);
      reply({ ucbridge: 1, replyTo: r.id, ok: true, result: null });
    });
    await host.dispositionCall({ ...disposition, schedule: new Date(2026, 10, 24, 9, 5, 7) });
    expect(requests[0]).toEqual({
      ucbridge: 1,
      id: expect.any(String),
      action: 'DISPOSITION_CALL',
      disposition: { ...disposition, l2: '', l3: '', d1: '', d2: '', comment: '', schedule: '2026-11-24 09:05:07' },
    });
  });

  it('calls made before the handshake wait for it and go out in order', async () => {
    const { frame, host } = await setup();
    const actions: string[] = [];
    const first = host.closeTab();
    const second = host.call('TAG_RECORD', { tag: 'vip' });
    frame.startHost((r, reply) => {
      actions.push(r.action);
      reply({ ucbridge: 1, replyTo: r.id, ok: true, result: r.params });
    });
    await expect(first).resolves.toMatchObject({ confirmed: true });
    await expect(second).resolves.toEqual({ confirmed: true, result: { tag: 'vip' } });
    expect(actions).toEqual(['CLOSE_TAB', 'TAG_RECORD']);
  });

  it("rejects with the host's code, message and field when the host answers with an error", async () => {
    const { frame, host } = await setup();
    frame.startHost((r, reply) => reply({ ucbridge: 1, replyTo: r.id, ok: false, error: { code: 'PLATFORM_ERROR', message: 'the platform said no', field: 'disposition.l1' } }));
    const error = await rejection(host.dispositionCall(disposition));
    expect(error).toMatchObject({ name: 'BridgeError', code: 'PLATFORM_ERROR', message: 'the platform said no', field: 'disposition.l1' });
  });

  it('rejects with INVALID_MESSAGE when the host answers with a malformed error', async () => {
    const { frame, host } = await setup();
    frame.startHost((r, reply) => reply({ ucbridge: 1, replyTo: r.id, ok: false, error: 'boom' }));
    expect((await rejection(host.closeTab())).code).toBe('INVALID_MESSAGE');
  });

  it('rejects with TIMEOUT naming the action, outcome unknown, when a form that waits 10 ms for the platform never answers', async () => {
    const { frame, host } = await setup({ timeoutMs: 30 });
    frame.startHost(() => {}).platformTimeoutMs = 10;
    await host.connected;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const error = rejection(host.dispositionCall(disposition));
    const own = rejection(host.call('TAG_RECORD', undefined, { timeoutMs: 10 }));
    // not at its own 30 ms: the form may still answer until its 10 ms + the 2 s margin
    await vi.advanceTimersByTimeAsync(2000);
    expect(host.info).toBeDefined();
    await vi.advanceTimersByTimeAsync(20);
    expect(await error).toMatchObject({ code: 'TIMEOUT', outcome: 'unknown' });
    expect((await error).message).toContain('DISPOSITION_CALL');
    expect(await own).toMatchObject({ code: 'TIMEOUT', outcome: 'unknown' });
    expect((await own).message).toContain('TAG_RECORD');
  });

  it('never times out a call the form still waits for: the form says 30 s, the client 15 s, the answer comes at 16 s', async () => {
    const { frame, host } = await setup();
    let answer: (message: unknown) => void = () => {};
    let request: { id: string } = { id: '' };
    frame.startHost((r, reply) => {
      request = r;
      answer = reply;
    });
    await host.connected;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const settled = host.dispositionCall(disposition);
    await vi.advanceTimersByTimeAsync(16_000);
    answer({ ucbridge: 1, replyTo: request.id, ok: true, result: 'saved' });
    vi.useRealTimers();
    await expect(settled).resolves.toEqual({ confirmed: true, result: 'saved' });
  });

  it('a call that times out before it was sent (the handshake still runs) was not done', async () => {
    const { host } = await setup({ handshakeTimeoutMs: Infinity });
    expect(await rejection(host.closeTab({ timeoutMs: 20 }))).toMatchObject({ code: 'TIMEOUT', outcome: 'not-done' });
  });

  it.each([0, -1, NaN, 2 ** 31, 30 * 86_400_000, '100'])('throws a TypeError for timeoutMs %s, where it is passed', (timeoutMs) => {
    expect(() => connectToHost({ hostOrigin: HOST, window: fakeFrame().window, timeoutMs: timeoutMs as number })).toThrow(/timeoutMs must be/);
    expect(() => connectToHost({ hostOrigin: HOST, window: fakeFrame().window, handshakeTimeoutMs: timeoutMs as number })).toThrow(/handshakeTimeoutMs must be/);
  });

  it('with timeoutMs 30 days refused and Infinity taken, a pending call arms no timer at all', async () => {
    const { frame, host } = await setup({ timeoutMs: Infinity });
    frame.startHost(() => {}).platformTimeoutMs = Infinity;
    await host.connected;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    void host.closeTab().catch(() => {});
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(40 * 86_400_000);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects with INVALID_ARGUMENT naming params when they cannot be cloned', async () => {
    const { frame, host } = await setup();
    frame.startHost();
    await host.connected;
    const error = await rejection(host.call('TAG_RECORD', { run: () => 1 }));
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'params' });
  });
});

describe('validation', () => {
  it.each([
    [{ ...disposition, l1: '' }, 'disposition.l1'],
    [{ ...disposition, campaign: 7 }, 'disposition.campaign'],
    [{ ...disposition, schedule: '2026-02-30 10:00:00' }, 'disposition.schedule'],
    [{ ...disposition, schedule: new Date(Number.NaN) }, 'disposition.schedule'],
    [{ ...disposition, comment: 'x'.repeat(5000) }, 'disposition.comment'],
    [JSON.parse(`{"campaign":"c","callerid":"1","guid":"g","l1":"x","__proto__":{"polluted":1}}`), 'disposition.__proto__'],
    [null, 'disposition'],
  ])('rejects with INVALID_ARGUMENT naming the field, and posts nothing (%#)', async (input, field) => {
    const { frame, host } = await setup();
    frame.startHost();
    await host.connected;
    const before = frame.posted.length;
    const error = await rejection(host.dispositionCall(input as never));
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', field });
    expect(error.message).toContain(field.split('.').pop());
    expect(frame.posted).toHaveLength(before);
  });
});

describe('legacy-only form (no WELCOME within handshakeTimeoutMs)', () => {
  it('posts closeTab once in the documented shape and resolves unconfirmed', async () => {
    const { frame, host } = await setup({ handshakeTimeoutMs: 20 });
    await expect(host.closeTab()).resolves.toEqual({ confirmed: false });
    // a ucbridge request: a documented listener reads its action, a late bridge knows not to run it
    expect(frame.legacy()).toEqual([{ data: { ucbridge: 1, id: expect.any(String), action: 'CLOSE_TAB' }, target: HOST }]);
  });

  it('posts dispositionCall once with action and disposition at the top level', async () => {
    const { frame, host } = await setup({ handshakeTimeoutMs: 20 });
    await expect(host.dispositionCall({ ...disposition, schedule: '2026-11-24 18:00:00' })).resolves.toEqual({ confirmed: false });
    expect(frame.legacy()).toEqual([
      {
        data: { ucbridge: 1, id: expect.any(String), action: 'DISPOSITION_CALL', disposition: { ...disposition, l2: '', l3: '', d1: '', d2: '', comment: '', schedule: '2026-11-24 18:00:00' } },
        target: HOST,
      },
    ]);
  });

  it('rejects with UNCONFIRMED under requireConfirmation, after posting once', async () => {
    const { frame, host } = await setup({ handshakeTimeoutMs: 20, requireConfirmation: true });
    expect(await rejection(host.closeTab())).toMatchObject({ code: 'UNCONFIRMED', outcome: 'unknown' });
    expect(frame.legacy()).toHaveLength(1);
  });

  it('rejects an action of its own with NOT_CONNECTED naming it, and posts nothing', async () => {
    const { frame, host } = await setup({ handshakeTimeoutMs: 20 });
    const error = await rejection(host.call('TAG_RECORD'));
    expect(error.code).toBe('NOT_CONNECTED');
    expect(error.message).toContain('TAG_RECORD');
    expect(frame.legacy()).toHaveLength(0);
  });

  it('sends later calls the legacy way at once, and on the port once a late bridge answers', async () => {
    const { frame, host } = await setup({ handshakeTimeoutMs: 20 });
    await host.closeTab();
    await expect(host.closeTab()).resolves.toEqual({ confirmed: false });
    expect(frame.legacy()).toHaveLength(2);
    frame.startHost();
    await host.connected;
    await expect(host.closeTab()).resolves.toEqual({ confirmed: true, result: 'CLOSE_TAB' });
    expect(frame.legacy()).toHaveLength(2);
  });
});

describe('reconnection', () => {
  it('on BYE: calls onDisconnect with CONNECTION_LOST, rejects calls in flight, says HELLO again and reconnects', async () => {
    const onDisconnect = vi.fn();
    const onConnect = vi.fn();
    const { frame, host } = await setup({ onConnect, onDisconnect, handshakeTimeoutMs: 60_000 });
    frame.startHost(() => {});
    const first = await host.connected;
    const inFlight = host.closeTab();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const hellos = frame.hellos().length;
    frame.stopHost();
    expect((await rejection(inFlight)).code).toBe('CONNECTION_LOST');
    expect(onDisconnect).toHaveBeenCalledOnce();
    expect(onDisconnect.mock.calls[0]![0]).toMatchObject({ code: 'CONNECTION_LOST' });
    expect(host.info).toBeUndefined();
    await frame.firstHello();
    expect(frame.hellos().length).toBeGreaterThan(hellos);
    // a call made while the bridge restarts waits for it
    const waiting = host.closeTab();
    frame.startHost();
    await expect(host.connected).resolves.toEqual(first);
    await expect(waiting).resolves.toEqual({ confirmed: true, result: 'CLOSE_TAB' });
    expect(onConnect).toHaveBeenCalledTimes(2);
    expect(frame.legacy()).toHaveLength(0);
  });
});

describe('destroy', () => {
  it('rejects pending and later calls with DESTROYED, rejects connected, and removes its listener', async () => {
    const { frame, host } = await setup();
    const pending = host.closeTab();
    host.destroy();
    expect((await rejection(pending)).code).toBe('DESTROYED');
    expect((await rejection(host.connected)).code).toBe('DESTROYED');
    expect((await rejection(host.dispositionCall(disposition))).code).toBe('DESTROYED');
    expect(frame.listeners.size).toBe(0);
  });

  it('says BYE on the port to a connected host', async () => {
    const { frame, host } = await setup();
    const hostSide = frame.startHost();
    await host.connected;
    const heard = new Promise((resolve) => {
      hostSide.port!.onmessage = ({ data }) => resolve(data);
    });
    host.destroy();
    await expect(heard).resolves.toEqual({ ucbridge: 1, type: 'BYE' });
  });

  it('stops saying HELLO', async () => {
    vi.useFakeTimers();
    const { frame, host } = await setup();
    host.destroy();
    await vi.advanceTimersByTimeAsync(5000);
    expect(frame.hellos()).toHaveLength(1);
  });
});

describe('origins', () => {
  it('posts to the real parent origin when it matches a pattern allowed by dangerouslyAllowAnySubdomain', async () => {
    const { frame } = await setup({ hostOrigin: 'https://*.example.com', dangerouslyAllowAnySubdomain: true });
    expect(frame.posted[0]!.target).toBe(HOST);
  });

  it('throws a TypeError for a pattern without dangerouslyAllowAnySubdomain: other tenants would get the dispositions', async () => {
    expect(() => connectToHost({ hostOrigin: 'https://*.ucontactcloud.com', window: fakeFrame().window })).toThrow(/pattern.*dangerouslyAllowAnySubdomain/);
  });

  it('with a pattern and no ancestorOrigins, posts only the HELLO to * and learns the origin from the answer; never reads the referrer', async () => {
    const { frame, host } = await setup({ hostOrigin: 'https://*.example.com', dangerouslyAllowAnySubdomain: true }, { ancestorOrigin: undefined, referrer: 'https://crm.example.net/login' });
    expect(frame.posted.map((p) => [p.data.type, p.target])).toEqual([['HELLO', '*']]);
    frame.startHost();
    await vi.waitFor(() => expect(host.info?.origin).toBe(HOST), { timeout: 2000 });
  });

  it('with a list of exact origins and no ancestorOrigins, posts the HELLO to each once', async () => {
    const { frame } = await setup({ hostOrigin: ['https://a.example', HOST, 'https://A.example/'] }, { ancestorOrigin: undefined });
    expect(frame.posted.map((p) => p.target)).toEqual(['https://a.example', HOST]);
  });

  it('with a list of exact origins and ancestorOrigins, posts only to the listed parent', async () => {
    const { frame } = await setup({ hostOrigin: ['https://a.example', HOST] });
    expect(frame.posted.map((p) => p.target)).toEqual([HOST]);
  });

  it.each([
    ['a pattern the parent does not match', 'https://*.acme.example', HOST],
    ['a lookalike parent', 'https://*.example.com', 'https://form.example.com.evil.example'],
    ['an exact origin the parent is not', 'https://acme.example', HOST],
  ])('rejects every call with ORIGIN_NOT_ALLOWED and posts nothing for %s', async (_, hostOrigin, ancestorOrigin) => {
    const { frame, host } = await setup({ hostOrigin, dangerouslyAllowAnySubdomain: true }, { ancestorOrigin });
    expect(frame.posted).toHaveLength(0);
    expect((await rejection(host.closeTab())).code).toBe('ORIGIN_NOT_ALLOWED');
    expect((await rejection(host.connected)).code).toBe('ORIGIN_NOT_ALLOWED');
  });

  it('posts to the exact origin given when the browser does not tell the parent origin', async () => {
    const { frame } = await setup({}, { ancestorOrigin: undefined, referrer: 'https://crm.example.net/previous' });
    expect(frame.posted[0]!.target).toBe(HOST);
  });

  it.each(['*', 'form.example.com', 'https://*.com', 'https://example.com/path'])('throws a TypeError for hostOrigin %j', (hostOrigin) => {
    expect(() => connectToHost({ hostOrigin, window: fakeFrame().window })).toThrow(TypeError);
  });

  it('rejects every call with NOT_CONNECTED and posts nothing when the page is not in a frame', async () => {
    const frame = fakeFrame();
    (frame.window as unknown as { parent: unknown }).parent = frame.window;
    const host = connectToHost({ hostOrigin: HOST, window: frame.window });
    open.push(host);
    expect((await rejection(host.closeTab())).code).toBe('NOT_CONNECTED');
    expect((await rejection(host.connected)).code).toBe('NOT_CONNECTED');
    expect(frame.posted).toHaveLength(0);
  });

  it("posts to '*' only with dangerouslyAllowAnyHostOrigin", async () => {
    const { frame } = await setup({ hostOrigin: '', dangerouslyAllowAnyHostOrigin: true });
    expect(frame.posted[0]!.target).toBe('*');
  });
});

describe('issue 14: one connection per frame, told; BYE on pagehide; origins learned from the answer', () => {
  it('a client whose port another client in the frame took hears REPLACED at once: event, code on later calls, no new HELLO', async () => {
    const onDisconnect = vi.fn();
    const { frame, host } = await setup({ onDisconnect });
    const h = frame.startHost();
    await host.connected;
    const hellos = frame.hellos().length;
    h.port!.postMessage({ ucbridge: 1, type: 'BYE', code: 'REPLACED' });
    await vi.waitFor(() => expect(onDisconnect).toHaveBeenCalledOnce());
    expect(onDisconnect.mock.calls[0]![0]).toMatchObject({ code: 'REPLACED' });
    expect(await rejection(host.closeTab())).toMatchObject({ code: 'REPLACED', outcome: 'not-done' });
    expect(host.supports('CLOSE_TAB')).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(frame.hellos()).toHaveLength(hellos);
  });

  it('says BYE on its port when the page is hidden (unloads), so the form drops the port at once', async () => {
    const { frame, host } = await setup();
    const h = frame.startHost();
    await host.connected;
    const got = new Promise((resolve) => h.port!.addEventListener('message', (e) => resolve(e.data)));
    h.port!.start();
    frame.fire('pagehide');
    expect(await got).toEqual({ ucbridge: 1, type: 'BYE' });
    expect(host.info).toBeUndefined();
  });

  it('connectionTo finds the page\'s live connection by its origin written any way, until it is destroyed', async () => {
    const { frame, host } = await setup();
    expect(connectionTo(`${HOST}/`, frame.window)).toBe(host);
    expect(connectionTo([HOST], frame.window)).toBe(host);
    host.destroy();
    expect(connectionTo(HOST, frame.window)).toBeUndefined();
  });

  it('without ancestorOrigins (Firefox), after a redirect inside the frame (the referrer is the CRM itself), still connects to the exact host', async () => {
    const { frame, host } = await setup({}, { ancestorOrigin: undefined, referrer: 'https://crm.example.net/login?next=/' });
    expect(frame.hellos().map((p) => p.target)).toEqual([HOST]);
    frame.startHost();
    expect(await host.connected).toMatchObject({ origin: HOST });
  });

  it('a CRM nested one frame too deep: the form further up refuses it (SOURCE_NOT_ALLOWED) and the call rejects, not done, nothing posted the documented way', async () => {
    const { frame, host } = await setup({ handshakeTimeoutMs: 60_000 });
    const formUpThere = { postMessage: () => {} };
    // the fake parent (no bridge) sits in a form: the form's answer comes from the grandparent
    (frame.parent as { parent: unknown }).parent = formUpThere;
    (formUpThere as { parent?: unknown }).parent = formUpThere;
    const ancestors = connectToHost({ hostOrigin: HOST, window: frame.window, handshakeTimeoutMs: 60_000 });
    open.push(ancestors);
    await frame.firstHello();
    const hello = frame.hellos().at(-1)!.data;
    frame.deliver({ ucbridge: 1, type: 'REFUSED', replyTo: hello.id, code: 'SOURCE_NOT_ALLOWED' }, { source: formUpThere });
    expect(await rejection(ancestors.closeTab())).toMatchObject({ code: 'SOURCE_NOT_ALLOWED', outcome: 'not-done' });
    expect(frame.legacy()).toHaveLength(0);
    void host;
  });
});

describe('issue 15: the first calls ride the handshake', () => {
  /** A client connected in this task, its calls made before the task ends (so before the first HELLO). */
  function connectNow(options: Partial<ConnectOptions> = {}, frameOptions?: Parameters<typeof fakeFrame>[0]) {
    const frame = fakeFrame(frameOptions);
    const host = connectToHost({ hostOrigin: HOST, window: frame.window, ...options });
    open.push(host);
    frames.push(frame);
    return { frame, host };
  }
  /** Every request the fake host was asked to run, on the port or carried, by id. */
  const runs = (frame: ReturnType<typeof fakeFrame>) => {
    const seen: string[] = [];
    const h = frame.startHost((request, reply) => {
      seen.push(request.id);
      reply({ ucbridge: 1, replyTo: request.id, ok: true, result: request.action });
    });
    return { seen, h };
  };

  it('a call made right after connecting goes in the first HELLO: the form takes it and answers it once, nothing goes on the port for it', async () => {
    const { frame, host } = connectNow();
    const { seen, h } = runs(frame);
    const saved = host.dispositionCall(disposition);
    const closed = host.closeTab();
    await expect(saved).resolves.toEqual({ confirmed: true, result: 'DISPOSITION_CALL' });
    await expect(closed).resolves.toEqual({ confirmed: true, result: 'CLOSE_TAB' });
    const [first] = frame.hellos();
    expect(first!.target).toBe(HOST);
    expect(first!.data.requests).toMatchObject([{ action: 'DISPOSITION_CALL', disposition: { ...disposition, l2: '' } }, { action: 'CLOSE_TAB' }]);
    expect(first!.data.expires).toBeGreaterThan(Date.now() - 1000);
    // each ran once: carried, taken, never posted again on the port
    expect(seen).toEqual(first!.data.requests.map((request: { id: string }) => request.id));
    expect(h.carried).toHaveLength(2);
  });

  it('a form that does not take them (expired, another copy took none): they go on the port, once each', async () => {
    const { frame, host } = connectNow();
    const { seen, h } = runs(frame);
    h.takeFirstCalls = false;
    await expect(host.closeTab()).resolves.toEqual({ confirmed: true, result: 'CLOSE_TAB' });
    expect(h.carried).toHaveLength(1);
    expect(seen).toEqual([h.carried[0].id]);
  });

  it('only the first HELLO carries calls; its retries name its handshake and carry none; a call made after it waits for the port', async () => {
    vi.useFakeTimers();
    const { frame, host } = connectNow({ handshakeTimeoutMs: 60_000 });
    const early = host.closeTab();
    await vi.advanceTimersByTimeAsync(0);
    const late = host.closeTab();
    await vi.advanceTimersByTimeAsync(350);
    const hellos = frame.hellos().map((p) => p.data);
    expect(hellos).toHaveLength(3);
    expect(new Set(hellos.map((hello) => hello.id)).size).toBe(3);
    expect(hellos.every((hello) => hello.handshake === hellos[0].id)).toBe(true);
    expect(hellos[0].requests).toHaveLength(1);
    expect(hellos.slice(1).every((hello) => hello.requests === undefined)).toBe(true);
    const { seen } = runs(frame);
    await vi.advanceTimersByTimeAsync(400);
    vi.useRealTimers();
    await expect(early).resolves.toMatchObject({ confirmed: true });
    await expect(late).resolves.toMatchObject({ confirmed: true });
    // the HELLO that carried `early` found no form: the form that answered a retry took nothing, both went on the port
    expect(seen).toHaveLength(2);
  });

  it('a carried call whose fate is not known yet ends unknown, never not-done: its timeout, destroy()', async () => {
    const { host } = connectNow({ handshakeTimeoutMs: 60_000 });
    const timedOut = host.closeTab({ timeoutMs: 20 });
    const destroyed = host.dispositionCall(disposition);
    expect(await rejection(timedOut)).toMatchObject({ code: 'TIMEOUT', outcome: 'unknown' });
    host.destroy();
    expect(await rejection(destroyed)).toMatchObject({ code: 'DESTROYED', outcome: 'unknown' });
  });

  it('a form that refuses the page took none of the carried calls: they were not done', async () => {
    const { frame, host } = connectNow({ handshakeTimeoutMs: 60_000 });
    const refused = host.dispositionCall(disposition);
    await frame.firstHello();
    expect(frame.hellos()[0]!.data.requests).toHaveLength(1);
    frame.deliver({ ucbridge: 1, type: 'REFUSED', replyTo: frame.hellos()[0]!.data.id, code: 'ORIGIN_NOT_ALLOWED' });
    expect(await rejection(refused)).toMatchObject({ code: 'ORIGIN_NOT_ALLOWED', outcome: 'not-done' });
  });

  it('with no bridge, a carried call still goes the documented way once the client concludes (the HELLO expired long before): never both', async () => {
    const { frame, host } = connectNow({ handshakeTimeoutMs: 50 });
    const saved = host.dispositionCall(disposition);
    await expect(saved).resolves.toEqual({ confirmed: false });
    expect(frame.hellos()[0]!.data.requests).toHaveLength(1);
    expect(frame.hellos()[0]!.data.expires).toBeLessThanOrEqual(Date.now() - 500);
    expect(frame.legacy()).toHaveLength(1);
  });

  it('nothing rides a HELLO that goes to "*" (a pattern without ancestorOrigins) or above the parent', async () => {
    const { frame, host } = connectNow({ hostOrigin: 'https://*.example.com', dangerouslyAllowAnySubdomain: true }, { ancestorOrigin: undefined });
    void host.closeTab().catch(() => {});
    await frame.firstHello();
    expect(frame.hellos()[0]!.target).toBe('*');
    expect(frame.hellos()[0]!.data).not.toHaveProperty('requests');
  });

  it('a disposition waiting for the form\'s call does not ride: it is filled from the WELCOME, then sent', async () => {
    const { frame, host } = connectNow();
    const waiting = host.dispositionCall({ l1: 'Sold' } as never);
    await frame.firstHello();
    expect(frame.hellos()[0]!.data).not.toHaveProperty('requests');
    frame.deliver({ ucbridge: 1, type: 'REFUSED', replyTo: frame.hellos()[0]!.data.id, code: 'ORIGIN_NOT_ALLOWED' });
    expect(await rejection(waiting)).toMatchObject({ code: 'ORIGIN_NOT_ALLOWED', outcome: 'not-done' });
  });

  it('a call whose params cannot be cloned does not stop the HELLO: it goes alone and the call fails where it is posted, not done', async () => {
    const { frame, host } = connectNow();
    runs(frame);
    const bad = host.call('saveNote', { callback: () => {} });
    const good = host.closeTab();
    expect(await rejection(bad)).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'params', outcome: 'not-done' });
    await expect(good).resolves.toMatchObject({ confirmed: true });
    expect(frame.hellos()[0]!.data).not.toHaveProperty('requests');
  });

  it('takes a WELCOME that names its handshake, whichever retry it answers; a form before 0.3 (no handshake) only for the latest HELLO', async () => {
    vi.useFakeTimers();
    const { frame, host } = connectNow({ handshakeTimeoutMs: 60_000 });
    await vi.advanceTimersByTimeAsync(150);
    const [first, latest] = frame.hellos().map((p) => p.data);
    const { port2: old } = new MessageChannel();
    frame.deliver({ ucbridge: 1, type: 'WELCOME', replyTo: first.id, version: 1, actions: [] }, { ports: [old] });
    expect(host.info).toBeUndefined();
    const { port2 } = new MessageChannel();
    frame.deliver({ ucbridge: 1, type: 'WELCOME', replyTo: first.id, handshake: latest.handshake, version: 1, actions: ['CLOSE_TAB'] }, { ports: [port2] });
    vi.useRealTimers();
    await expect(host.connected).resolves.toMatchObject({ actions: ['CLOSE_TAB'] });
    old.close();
    port2.close();
  });

  it(`at most ${MAX_HELLO_REQUESTS} ride; the others go on the port`, async () => {
    const { frame, host } = connectNow();
    const { seen, h } = runs(frame);
    const all = Array.from({ length: MAX_HELLO_REQUESTS + 3 }, () => host.closeTab());
    await Promise.all(all);
    expect(h.carried).toHaveLength(MAX_HELLO_REQUESTS);
    expect(seen).toHaveLength(MAX_HELLO_REQUESTS + 3);
  });
});

describe('issue 15: what breaks the riding handshake', () => {
  function connectNow(options: Partial<ConnectOptions> = {}) {
    const frame = fakeFrame();
    const host = connectToHost({ hostOrigin: HOST, window: frame.window, handshakeTimeoutMs: 60_000, ...options });
    open.push(host);
    frames.push(frame);
    return { frame, host };
  }

  it('destroy() before the first HELLO goes: the call was not done, and no HELLO ever carries it', async () => {
    const { frame, host } = connectNow();
    const saved = host.dispositionCall(disposition);
    host.destroy();
    expect(await rejection(saved)).toMatchObject({ code: 'DESTROYED', outcome: 'not-done' });
    await frame.firstHello();
    expect(frame.hellos()).toEqual([]);
  });

  it('the page hides before the first HELLO: not done, nothing posted; after it carried the call, before the WELCOME: unknown', async () => {
    const before = connectNow();
    const notSent = before.host.closeTab();
    before.frame.fire('pagehide');
    expect(await rejection(notSent)).toMatchObject({ code: 'CONNECTION_LOST', outcome: 'not-done' });
    await before.frame.firstHello();
    expect(before.frame.hellos()).toEqual([]);

    const after = connectNow();
    const carried = after.host.dispositionCall(disposition);
    await after.frame.firstHello();
    expect(after.frame.hellos()[0]!.data.requests).toHaveLength(1);
    after.frame.fire('pagehide');
    expect(await rejection(carried)).toMatchObject({ code: 'CONNECTION_LOST', outcome: 'unknown' });
  });

  it('a form before 0.3 (no handshake, no taken) welcomes the HELLO that carried a call: the call goes once on its port', async () => {
    const { frame, host } = connectNow();
    const saved = host.closeTab();
    await frame.firstHello();
    const [first] = frame.hellos();
    const { port1, port2 } = new MessageChannel();
    const seen: string[] = [];
    port1.onmessage = ({ data }) => (seen.push(data.id), port1.postMessage({ ucbridge: 1, replyTo: data.id, ok: true }));
    frame.deliver({ ucbridge: 1, type: 'WELCOME', replyTo: first!.data.id, version: 1, actions: ['CLOSE_TAB'], platformTimeoutMs: 30_000 }, { ports: [port2] });
    await expect(saved).resolves.toEqual({ confirmed: true, result: undefined });
    expect(seen).toEqual([first!.data.requests[0].id]);
    port1.close();
  });
});
