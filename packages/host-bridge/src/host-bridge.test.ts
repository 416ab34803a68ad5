import { createHostBridge, type AllowedOrigin, type BridgeLogEvent, type CallContext, type HostBridge, type HostBridgeOptions } from '@ucbridge/host-bridge';
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { MessagePort as NodePort } from 'node:worker_threads';

// Node has MessageChannel as a global: the bridge's ports are real ones here, only the window is a fake.
const CRM = 'https://crm.example.com';
const disposition = { campaign: 'Sales<-', callerid: '099123456', guid: 'g-1', l1: 'Sold', l2: '', l3: '', d1: '', d2: '', comment: 'ok', schedule: '' };

/** A child frame: records what the bridge posts to it (message, target origin, transferred ports). */
function frame() {
  const posted: { message: unknown; target: string; port?: NodePort }[] = [];
  return { posted, postMessage: (message: unknown, target: string, transfer?: NodePort[]) => void posted.push({ message, target, port: transfer?.[0] }) };
}
type Frame = ReturnType<typeof frame>;

/** The form's window: its child frames, the console as parent, listeners the test can fire. */
function formWindow(children: Frame[]) {
  const listeners = new Map<string, Set<(event: unknown) => void>>();
  const console = { closeActiveTab: vi.fn() };
  // the platform's function; the bridge puts its guard in front of it on the window
  const uc = vi.fn((...args: unknown[]) => (args[10] as (r: unknown) => void)('saved'));
  const win = {
    uc,
    frames: children,
    parent: console,
    UC_DispositionCall: uc as unknown,
    addEventListener: (type: string, fn: (event: unknown) => void) => listeners.set(type, (listeners.get(type) ?? new Set()).add(fn)),
    removeEventListener: (type: string, fn: (event: unknown) => void) => listeners.get(type)?.delete(fn),
    fire: (type: string, event: unknown = {}) => listeners.get(type)?.forEach((fn) => fn(event)),
    listenerCount: () => [...listeners.values()].reduce((n, set) => n + set.size, 0),
  };
  return win;
}

const bridges: HostBridge[] = [];
const ports: NodePort[] = [];
afterEach(() => {
  bridges.splice(0).forEach((bridge) => bridge.destroy());
  ports.splice(0).forEach((port) => port.close());
});

function setup(options: Partial<HostBridgeOptions> = {}) {
  const crm = frame();
  const other = frame();
  const win = formWindow([crm, other]);
  const accepted: BridgeLogEvent[] = [];
  const rejected: BridgeLogEvent[] = [];
  const bridge = createHostBridge({
    allowedOrigins: [CRM, 'https://*.example.org'],
    onAccepted: (e) => accepted.push(e),
    onRejected: (e) => rejected.push(e),
    window: win as unknown as Window,
    ...options,
  });
  bridges.push(bridge);
  const post = (data: unknown, origin = CRM, source: unknown = crm) => win.fire('message', { data, origin, source });
  return { bridge, win, crm, other, post, accepted, rejected };
}

/** Sends a HELLO from `from` and returns the port the WELCOME carried. */
function connect(post: (data: unknown, origin?: string, source?: unknown) => void, from: Frame, id = 'h1', origin = CRM): NodePort {
  post({ ucbridge: 1, type: 'HELLO', id, versions: [1] }, origin, from);
  const port = from.posted.at(-1)!.port!;
  ports.push(port);
  return port;
}

const next = (port: NodePort) => new Promise<unknown>((resolve) => port.once('message', resolve));

describe('createHostBridge (by its package name, in Node with a fake window)', () => {
  it('answers a HELLO from an allowed child frame with WELCOME, the actions and a port, posted to that origin only', () => {
    const { crm, post, accepted } = setup({ actions: { saveNote: () => 1 } });
    connect(post, crm);
    expect(crm.posted).toHaveLength(1);
    expect(crm.posted[0]).toMatchObject({ message: { ucbridge: 1, type: 'WELCOME', replyTo: 'h1', version: 1, actions: ['CLOSE_TAB', 'DISPOSITION_CALL', 'saveNote'] }, target: CRM });
    expect(crm.posted[0]!.port).toBeInstanceOf(NodePort);
    expect(accepted).toEqual([expect.objectContaining({ kind: 'hello', origin: CRM, data: [1] })]);
  });

  it('serves requests on the port: DISPOSITION_CALL reaches UC_DispositionCall and the reply comes back', async () => {
    const { crm, post, win } = setup();
    const port = connect(post, crm);
    const reply = next(port);
    port.postMessage({ ucbridge: 1, id: 'r1', action: 'DISPOSITION_CALL', disposition });
    expect(await reply).toEqual({ ucbridge: 1, replyTo: 'r1', ok: true, result: 'saved' });
    expect(win.uc.mock.calls[0]!.slice(0, 10)).toEqual(Object.values(disposition));
  });

  it('accepts the documented legacy messages, calls the platform in order and replies nothing', async () => {
    const { crm, post, win, accepted } = setup();
    post({ action: 'CLOSE_TAB' });
    post({ action: 'DISPOSITION_CALL', disposition });
    expect(win.parent.closeActiveTab).toHaveBeenCalledOnce();
    expect(win.uc).toHaveBeenCalledOnce();
    expect(win.uc.mock.calls[0]!.slice(0, 10)).toEqual(['Sales<-', '099123456', 'g-1', 'Sold', '', '', '', '', 'ok', '']);
    expect(crm.posted).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(accepted.map((e) => [e.kind, e.action])).toContainEqual(['legacy', 'DISPOSITION_CALL']);
    expect(accepted.filter((e) => e.kind === 'reply').map((e) => e.code)).toEqual([undefined, undefined]);
  });

  it('refuses SOURCE_NOT_ALLOWED before looking at the origin: the parent, the window itself, a stranger, null', () => {
    const { post, win, rejected } = setup();
    for (const source of [win.parent, win, frame(), null]) {
      post({ action: 'CLOSE_TAB' }, CRM, source);
      post({ action: 'CLOSE_TAB' }, 'https://evil.example', source);
    }
    expect(win.parent.closeActiveTab).not.toHaveBeenCalled();
    expect(rejected).toHaveLength(8);
    expect(new Set(rejected.map((e) => e.code))).toEqual(new Set(['SOURCE_NOT_ALLOWED']));
  });

  it.each(['https://crm.example.com.evil.com', 'https://evilexample.org', 'http://crm.example.com', 'https://crm.example.com:8443', 'https://example.org', 'null'])(
    'refuses ORIGIN_NOT_ALLOWED from %s and calls nothing',
    (origin) => {
      const { crm, post, win, rejected } = setup();
      post({ action: 'DISPOSITION_CALL', disposition }, origin);
      post({ ucbridge: 1, type: 'HELLO', id: 'h', versions: [1] }, origin);
      expect(win.uc).not.toHaveBeenCalled();
      // the HELLO is told why, with nothing but its id and the code (a sandboxed frame is reached by '*')
      expect(crm.posted).toEqual([{ message: { ucbridge: 1, type: 'REFUSED', replyTo: 'h', code: 'ORIGIN_NOT_ALLOWED' }, target: origin === 'null' ? '*' : origin, port: undefined }]);
      expect(rejected).toEqual([
        expect.objectContaining({ kind: 'legacy', origin, code: 'ORIGIN_NOT_ALLOWED' }),
        expect.objectContaining({ kind: 'hello', origin, code: 'ORIGIN_NOT_ALLOWED' }),
      ]);
    },
  );

  it('accepts a wildcard origin one label or more deep', () => {
    const { crm, post, win } = setup();
    post({ action: 'CLOSE_TAB' }, 'https://a.b.example.org');
    expect(win.parent.closeActiveTab).toHaveBeenCalledOnce();
    connect(post, crm, 'h2', 'https://crm.example.org');
    expect(crm.posted[0]!.target).toBe('https://crm.example.org');
  });

  it('refuses a hostile legacy disposition with INVALID_ARGUMENT naming the field, calling nothing', () => {
    const { post, win, rejected } = setup();
    post({ action: 'DISPOSITION_CALL', disposition: { ...disposition, l1: 42 } });
    post({ action: 'DISPOSITION_CALL', disposition: JSON.parse('{"__proto__":{"x":1},"campaign":"a","callerid":"b","guid":"c","l1":"d"}') });
    post({ action: 'DISPOSITION_CALL', disposition: { ...disposition, comment: 'x'.repeat(100_000) } });
    post({ action: 'HANG_UP' });
    expect(win.uc).not.toHaveBeenCalled();
    expect(rejected.map((e) => [e.code, e.field])).toEqual([
      ['INVALID_ARGUMENT', 'disposition.l1'],
      ['INVALID_ARGUMENT', 'disposition.__proto__'],
      ['INVALID_ARGUMENT', 'disposition.comment'],
      ['INVALID_MESSAGE', 'action'],
    ]);
  });

  it('ignores foreign traffic from its frames without a log line', () => {
    const { post, rejected, accepted } = setup();
    for (const data of ['hello', 42, null, { type: 'webpackOk' }, { ucbridge: 2, type: 'HELLO' }, [{ action: 'CLOSE_TAB' }]]) post(data, 'https://evil.example');
    expect([...rejected, ...accepted]).toEqual([]);
  });

  it('refuses a sender that is not one of its frames without reading the message', () => {
    const { post, rejected } = setup();
    const data = {};
    Object.defineProperty(data, 'ucbridge', { get: () => expect.unreachable('event.data was read') });
    post(data, CRM, { postMessage() {} });
    expect(rejected).toEqual([expect.objectContaining({ kind: 'message', origin: CRM, code: 'SOURCE_NOT_ALLOWED' })]);
  });

  it('with legacy: false ignores legacy messages (a documented listener handles them) but still connects', () => {
    const { crm, post, win, rejected } = setup({ legacy: false });
    post({ action: 'CLOSE_TAB' });
    expect(win.parent.closeActiveTab).not.toHaveBeenCalled();
    expect(rejected).toEqual([]);
    connect(post, crm);
    expect(crm.posted[0]!.message).toMatchObject({ type: 'WELCOME' });
  });

  it('answers REFUSED / VERSION_MISMATCH to a HELLO without version 1, and INVALID_MESSAGE to a malformed one', () => {
    const { crm, post, rejected } = setup();
    post({ ucbridge: 1, type: 'HELLO', id: 'h9', versions: [2, 3] });
    expect(crm.posted).toEqual([
      { message: { ucbridge: 1, type: 'REFUSED', replyTo: 'h9', code: 'VERSION_MISMATCH' }, target: CRM, port: undefined },
    ]);
    post({ ucbridge: 1, type: 'HELLO', id: 'bad id!', versions: [1] });
    expect(rejected.map((e) => e.code)).toEqual(['VERSION_MISMATCH', 'INVALID_MESSAGE']);
  });

  it('replaces the old port when the same frame says HELLO again (the CRM page reloaded): the old one is closed', async () => {
    const { crm, post } = setup();
    const old = connect(post, crm, 'h1');
    const closed = new Promise((resolve) => old.once('close', resolve));
    const received: unknown[] = [];
    old.on('message', (m) => received.push(m));
    const fresh = connect(post, crm, 'h2');
    await closed;
    // the old client, if it still lives, learns that another took the connection
    expect(received).toEqual([{ ucbridge: 1, type: 'BYE', code: 'REPLACED' }]);
    const reply = next(fresh);
    fresh.postMessage({ ucbridge: 1, id: 'r1', action: 'CLOSE_TAB' });
    expect(await reply).toMatchObject({ replyTo: 'r1', ok: true });
  });

  it('keeps the ports of two frames apart', async () => {
    const { crm, other, post } = setup();
    const a = connect(post, crm, 'h1');
    const b = connect(post, other, 'h2');
    const replyB = next(b);
    b.postMessage({ ucbridge: 1, id: 'rb', action: 'CLOSE_TAB' });
    expect(await replyB).toMatchObject({ replyTo: 'rb' });
    const replyA = next(a);
    a.postMessage({ ucbridge: 1, id: 'ra', action: 'CLOSE_TAB' });
    expect(await replyA).toMatchObject({ replyTo: 'ra' });
  });

  it('says BYE on every port when the form unloads (pagehide), and still accepts a new HELLO after', async () => {
    const { crm, other, post, win } = setup();
    const a = connect(post, crm, 'h1');
    const b = connect(post, other, 'h2');
    const byes = Promise.all([next(a), next(b)]);
    win.fire('pagehide');
    expect(await byes).toEqual([{ ucbridge: 1, type: 'BYE' }, { ucbridge: 1, type: 'BYE' }]);
    connect(post, crm, 'h3');
    expect(crm.posted.at(-1)!.message).toMatchObject({ type: 'WELCOME', replyTo: 'h3' });
  });

  it('destroy() removes every listener, says BYE, closes the ports and then ignores everything', async () => {
    const { bridge, crm, post, win, rejected } = setup();
    const port = connect(post, crm);
    expect(win.listenerCount()).toBe(2);
    const bye = next(port);
    bridge.destroy();
    expect(await bye).toEqual({ ucbridge: 1, type: 'BYE' });
    expect(win.listenerCount()).toBe(0);
    post({ action: 'CLOSE_TAB' });
    post({ action: 'CLOSE_TAB' }, 'https://evil.example', null);
    expect(win.parent.closeActiveTab).not.toHaveBeenCalled();
    expect(rejected).toEqual([]);
    bridge.destroy();
  });

  it('throws a TypeError for "*", an empty list or a path in allowedOrigins', () => {
    const win = formWindow([]) as unknown as Window;
    for (const allowedOrigins of ['*', ['*'], '', [], ['https://crm.example.com/path'], 'https://*.com']) {
      expect(() => createHostBridge({ allowedOrigins, window: win })).toThrow(TypeError);
    }
  });

  it('dangerouslyAllowAnyOrigin accepts every origin (with a warning) but still only child frames', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { post, win, rejected } = setup({ allowedOrigins: [], dangerouslyAllowAnyOrigin: true });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('dangerouslyAllowAnyOrigin'));
    post({ action: 'CLOSE_TAB' }, 'https://anything.example');
    post({ action: 'CLOSE_TAB' }, 'https://anything.example', null);
    expect(win.parent.closeActiveTab).toHaveBeenCalledOnce();
    expect(rejected.map((e) => e.code)).toEqual(['SOURCE_NOT_ALLOWED']);
    warn.mockRestore();
  });

  it('ORIGIN_NOT_ALLOWED for origin null (sandboxed frame, file:// page) says to serve it over http(s), not to list it', () => {
    const { post, rejected } = setup();
    post({ action: 'CLOSE_TAB' }, 'null');
    expect(rejected.map((e) => e.message)).toEqual(['ucbridge ORIGIN_NOT_ALLOWED: origin null (a sandboxed frame or a file:// page) can never be in allowedOrigins: serve the page over http(s), and give a sandboxed iframe allow-same-origin']);
  });

  it('warns a refusal once per origin and code (in 10 s), message first, not at every retry or flood', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { post, crm } = setup({ onRejected: undefined });
    for (let i = 0; i < 3; i++) post({ ucbridge: 1, type: 'HELLO', id: `h${i}`, versions: [1] }, 'https://crm.example.co', crm);
    post({ ucbridge: 1, type: 'HELLO', id: 'h9', versions: [1] }, 'http://crm.example.com', crm);
    post({ action: 'CLOSE_TAB' }, 'https://crm.example.co');
    post({ action: 'CLOSE_TAB' }, 'https://crm.example.co');
    // another code from an allowed origin is warned on its own (once, too)
    post({ ucbridge: 1, type: 'HELLO', id: 'a b', versions: [1] }, CRM, crm);
    post({ ucbridge: 1, type: 'HELLO', id: 'c d', versions: [1] }, CRM, crm);
    expect(warn.mock.calls.map(([message, event]) => [(message as string).split(':')[0], (event as BridgeLogEvent).kind, (event as BridgeLogEvent).origin])).toEqual([
      ['ucbridge ORIGIN_NOT_ALLOWED', 'hello', 'https://crm.example.co'],
      ['ucbridge ORIGIN_NOT_ALLOWED', 'hello', 'http://crm.example.com'],
      ['ucbridge INVALID_MESSAGE', 'hello', CRM],
    ]);
    warn.mockRestore();
  });

  it('reports refusals to console.warn by default, and a throwing hook does not stop the reply', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { crm, post } = setup({ onRejected: undefined, onAccepted: () => { throw new Error('logger bug'); } });
    post({ action: 'CLOSE_TAB' }, 'https://evil.example');
    // one format (issue 13): `ucbridge CODE: …`, naming the origin, the list and the fix
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/^ucbridge ORIGIN_NOT_ALLOWED: https:\/\/evil\.example is not in allowedOrigins \(.+\): add it/),
      expect.objectContaining({ code: 'ORIGIN_NOT_ALLOWED' }),
    );
    const port = connect(post, crm);
    const reply = next(port);
    port.postMessage({ ucbridge: 1, id: 'r1', action: 'CLOSE_TAB' });
    expect(await reply).toMatchObject({ replyTo: 'r1', ok: true });
    warn.mockRestore();
  });

  it('has the public types of the API contract', () => {
    expectTypeOf(createHostBridge).parameter(0).toHaveProperty('allowedOrigins').toEqualTypeOf<readonly AllowedOrigin[] | string>();
    expectTypeOf<HostBridge>().toHaveProperty('callContext').toEqualTypeOf<CallContext | undefined>();
    expectTypeOf<HostBridge>().toHaveProperty('actions').toEqualTypeOf<string[]>();
    expectTypeOf<BridgeLogEvent['kind']>().toEqualTypeOf<'message' | 'hello' | 'request' | 'legacy' | 'reply'>();
  });
});
