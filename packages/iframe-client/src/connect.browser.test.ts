/**
 * The client in a real iframe of real Chromium; this test page plays the uContact form.
 * The iframe loads the client's sources as a module, so the client runs in the iframe's own realm
 * (its `postMessage` calls come from the iframe, as in production). Cross-origin frames are the
 * e2e suite's job; here the iframe is same-origin (srcdoc), which changes nothing the client checks.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ORIGIN, cleanup, connect, delivered, disposition, documentedListener, fakeHost, frame, nextHello, recordFrom, rejection } from './browser-helpers.test-helper.js';

afterEach(cleanup);

describe('against a ucbridge host', () => {
  it('connects, learns the actions, and closeTab/dispositionCall travel on the port only', async () => {
    const { win, host } = await connect();
    const seen = recordFrom(() => win);
    const bridge = fakeHost(win, { actions: ['CLOSE_TAB', 'DISPOSITION_CALL', 'TAG_RECORD'] });
    const info = await host.connected;
    expect(info).toEqual({ version: 1, actions: ['CLOSE_TAB', 'DISPOSITION_CALL', 'TAG_RECORD'], origin: ORIGIN, platformTimeoutMs: 0 });
    expect(host.supports('TAG_RECORD')).toBe(true);
    await expect(host.closeTab()).resolves.toEqual({ confirmed: true, result: 'CLOSE_TAB' });
    await expect(host.dispositionCall({ ...disposition, schedule: new Date(2026, 0, 2, 3, 4, 5) })).resolves.toEqual({ confirmed: true, result: 'DISPOSITION_CALL' });
    await expect(host.call('TAG_RECORD', { tag: 'vip' })).resolves.toEqual({ confirmed: true, result: 'TAG_RECORD' });
    expect(bridge.requests.map((r) => r.action)).toEqual(['CLOSE_TAB', 'DISPOSITION_CALL', 'TAG_RECORD']);
    expect(bridge.requests[1].disposition).toEqual({ ...disposition, l2: '', l3: '', d1: '', d2: '', schedule: '2026-01-02 03:04:05' });
    expect(bridge.requests[2].params).toEqual({ tag: 'vip' });
    // the window saw HELLOs and nothing else
    expect(seen.every((data: any) => data.type === 'HELLO' && !('action' in data))).toBe(true);
  });

  it('never lets a documented listener beside the bridge see a request: the platform is called by the bridge only', async () => {
    const platform = documentedListener();
    const { win, host } = await connect();
    const bridge = fakeHost(win);
    await host.connected;
    await host.dispositionCall(disposition);
    await host.closeTab();
    expect(bridge.requests).toHaveLength(2);
    expect(platform.UC_DispositionCall).not.toHaveBeenCalled();
    expect(platform.closeActiveTab).not.toHaveBeenCalled();
  });

  it("rejects with the host's code and field when the platform fails", async () => {
    const { win, host } = await connect();
    fakeHost(win, { onRequest: (r, reply) => reply({ ucbridge: 1, replyTo: r.id, ok: false, error: { code: 'PLATFORM_ERROR', message: 'UC_DispositionCall failed' } }) });
    expect(await rejection(host.dispositionCall(disposition))).toMatchObject({ name: 'BridgeError', code: 'PLATFORM_ERROR', message: 'UC_DispositionCall failed' });
  });

  it('rejects with TIMEOUT naming the action when the host never answers', async () => {
    const { win, host } = await connect({ timeoutMs: 200 });
    fakeHost(win, { onRequest: () => {} });
    await host.connected;
    const error = await rejection(host.dispositionCall(disposition));
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toContain('DISPOSITION_CALL');
  });

  it('ignores a WELCOME that another frame posts with the right id', async () => {
    const { win, host } = await connect({ handshakeTimeoutMs: 60_000 });
    const { win: sibling } = await frame();
    // an impostor sibling frame learns the HELLO id (it could not in real life) and answers first
    const hello = await nextHello(win);
    const impostor = new MessageChannel();
    const stolen: unknown[] = [];
    impostor.port1.onmessage = ({ data }) => stolen.push(data);
    // a function of the sibling's realm, so the browser reports the sibling as event.source
    const postFromSibling = (sibling as any).eval('(w, m, p) => w.postMessage(m, "*", [p])');
    postFromSibling(win, { ucbridge: 1, type: 'WELCOME', replyTo: hello.id, version: 1, actions: ['STEAL'] }, impostor.port2);
    await delivered(win);
    expect(host.info).toBeUndefined();
    const bridge = fakeHost(win);
    await expect(host.connected).resolves.toMatchObject({ actions: ['CLOSE_TAB', 'DISPOSITION_CALL'] });
    await host.closeTab();
    expect(bridge.requests).toHaveLength(1);
    expect(stolen).toEqual([]);
    impostor.port1.close();
  });

  it('rejects with INVALID_ARGUMENT naming the field, and sends nothing', async () => {
    const { win, host } = await connect();
    const bridge = fakeHost(win);
    await host.connected;
    for (const [input, field] of [
      [{ ...disposition, guid: '' }, 'disposition.guid'],
      [{ ...disposition, schedule: '24/11/2026' }, 'disposition.schedule'],
      [{ ...disposition, d1: 42 }, 'disposition.d1'],
      [{ ...disposition, extra: 'x' }, 'disposition.extra'],
    ] as const) {
      expect(await rejection(host.dispositionCall(input as never))).toMatchObject({ code: 'INVALID_ARGUMENT', field });
    }
    expect(bridge.requests).toEqual([]);
  });
});

describe('against a legacy-only form (the documented listener, no ucbridge)', () => {
  it('calls UC_DispositionCall exactly once with the ten fields in order, and resolves unconfirmed', async () => {
    const platform = documentedListener();
    const { host } = await connect({ handshakeTimeoutMs: 150 });
    await expect(host.dispositionCall({ ...disposition, schedule: '2026-11-24 18:30:00' })).resolves.toEqual({ confirmed: false });
    // the client posted before it resolved; the platform's listener runs in a later task
    await delivered(window);
    expect(platform.UC_DispositionCall).toHaveBeenCalledTimes(1);
    expect(platform.UC_DispositionCall.mock.calls[0]!.slice(0, 10)).toEqual(['Sales<-', '099123456', '3123-3123', 'Sold', '', '', '', '', 'call back', '2026-11-24 18:30:00']);
    expect(platform.closeActiveTab).not.toHaveBeenCalled();
  });

  it('calls closeActiveTab exactly once, and rejects UNCONFIRMED under requireConfirmation', async () => {
    const platform = documentedListener();
    const { host } = await connect({ handshakeTimeoutMs: 150, requireConfirmation: true });
    expect((await rejection(host.closeTab())).code).toBe('UNCONFIRMED');
    await delivered(window);
    expect(platform.closeActiveTab).toHaveBeenCalledTimes(1);
    expect(platform.UC_DispositionCall).not.toHaveBeenCalled();
  });
});

describe('with no listener at all', () => {
  it('settles every call: built-ins unconfirmed, own actions NOT_CONNECTED', async () => {
    const { host } = await connect({ handshakeTimeoutMs: 150 });
    await expect(host.closeTab()).resolves.toEqual({ confirmed: false });
    await expect(host.dispositionCall(disposition)).resolves.toEqual({ confirmed: false });
    const error = await rejection(host.call('TAG_RECORD'));
    expect(error.code).toBe('NOT_CONNECTED');
    expect(error.message).toContain('TAG_RECORD');
    expect(host.info).toBeUndefined();
  });
});

describe('a host that starts late or restarts', () => {
  it('is found by the retried HELLO, and a call made before it waits for it', async () => {
    const { win, host } = await connect({ handshakeTimeoutMs: 60_000 });
    const pending = host.closeTab();
    const bridge = fakeHost(win, { afterHellos: 3 });
    await expect(pending).resolves.toEqual({ confirmed: true, result: 'CLOSE_TAB' });
    expect(bridge.hellos()).toBeGreaterThanOrEqual(4);
  });

  it('after BYE: onDisconnect with CONNECTION_LOST, the call in flight rejects, and the next bridge is found', async () => {
    const onDisconnect = vi.fn();
    const onConnect = vi.fn();
    const { win, host } = await connect({ onConnect, onDisconnect, handshakeTimeoutMs: 60_000 });
    const first = fakeHost(win, { onRequest: () => {} });
    await host.connected;
    const inFlight = host.closeTab();
    await vi.waitFor(() => expect(first.requests).toHaveLength(1));
    first.stop();
    expect((await rejection(inFlight)).code).toBe('CONNECTION_LOST');
    expect(onDisconnect).toHaveBeenCalledTimes(1);
    expect(onDisconnect.mock.calls[0]![0].code).toBe('CONNECTION_LOST');
    expect(host.info).toBeUndefined();
    const waiting = host.closeTab();
    const second = fakeHost(win);
    await expect(host.connected).resolves.toMatchObject({ version: 1 });
    await expect(waiting).resolves.toEqual({ confirmed: true, result: 'CLOSE_TAB' });
    expect(second.requests).toHaveLength(1);
    expect(onConnect).toHaveBeenCalledTimes(2);
  });
});

describe('destroy()', () => {
  it('rejects pending calls and connected with DESTROYED, and no longer hears the host', async () => {
    const { win, host } = await connect({ handshakeTimeoutMs: 60_000 });
    const pending = host.closeTab();
    const hello = await nextHello(win);
    host.destroy();
    expect((await rejection(pending)).code).toBe('DESTROYED');
    expect((await rejection(host.connected)).code).toBe('DESTROYED');
    expect((await rejection(host.dispositionCall(disposition))).code).toBe('DESTROYED');
    // a WELCOME to the last HELLO, arriving after destroy(), is not taken
    const channel = new MessageChannel();
    win.postMessage({ ucbridge: 1, type: 'WELCOME', replyTo: hello.id, version: 1, actions: ['CLOSE_TAB'] }, ORIGIN, [channel.port2]);
    await delivered(win);
    expect(host.info).toBeUndefined();
    channel.port1.close();
  });
});
