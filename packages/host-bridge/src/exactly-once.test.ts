import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MessagePort as NodePort } from 'node:worker_threads';
import { createHostBridge } from '@ucbridge/host-bridge';
import { bridges, cleanUp, CRM, frame, ports, setup } from './form-window.test-helper.js';

afterEach(cleanUp);

// Issue 10 on the form's side: every disposition reaches the platform once, whatever the client
// retries, and every outcome is told as done / not-done / unknown. Real ports, a fake window.
const disposition = { campaign: 'Sales<-', callerid: '099123456', guid: 'g-1', l1: 'Sold', l2: '', l3: '', d1: '', d2: '', comment: 'ok', schedule: '' };
const ARGS = ['Sales<-', '099123456', 'g-1', 'Sold', '', '', '', '', 'ok', ''];

/** Sends a DISPOSITION_CALL on `port` and resolves with its reply. */
function dispose(port: NodePort, id: string, d = disposition) {
  const reply = new Promise<any>((resolve) => port.on('message', (m: any) => m.replyTo === id && resolve(m)));
  port.postMessage({ ucbridge: 1, id, action: 'DISPOSITION_CALL', disposition: d });
  return reply;
}
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('idempotent dispositions: the same disposition reaches the platform once', () => {
  it('a retry while the first is pending joins it: one platform call, both get the outcome', async () => {
    const { uc, connect } = setup();
    const port = connect();
    const first = dispose(port, 'r1');
    const retry = dispose(port, 'r2');
    await tick();
    expect(uc.calls).toHaveLength(1);
    uc.calls[0]!.success('saved');
    expect(await first).toMatchObject({ ok: true, result: 'saved' });
    expect(await retry).toMatchObject({ ok: true, result: 'saved' });
  });

  it('a retry after the client gave up (and after the port was replaced: the CRM reloaded) gets the first outcome, no new call', async () => {
    const { uc, connect } = setup();
    const old = connect();
    void dispose(old, 'r1');
    await tick();
    uc.calls[0]!.success('saved');
    const fresh = connect();
    expect(await dispose(fresh, '1')).toMatchObject({ ok: true, result: 'saved' });
    expect(uc.fn).toHaveBeenCalledTimes(1);
  });

  it('after PLATFORM_TIMEOUT (outcome unknown) a retry joins the platform call still running, and hears it done', async () => {
    const { uc, connect, accepted } = setup({ platformTimeoutMs: 20 });
    const port = connect();
    expect((await dispose(port, 'r1')).error).toMatchObject({ code: 'PLATFORM_TIMEOUT', outcome: 'unknown' });
    expect(accepted.at(-1)).toMatchObject({ kind: 'reply', code: 'PLATFORM_TIMEOUT', outcome: 'unknown' });
    const retry = dispose(port, 'r2');
    uc.calls[0]!.success('saved late');
    expect(await retry).toMatchObject({ ok: true, result: 'saved late' });
    expect(accepted.at(-1)).toMatchObject({ kind: 'reply', outcome: 'done' });
    expect(uc.fn).toHaveBeenCalledTimes(1);
  });

  it('a correction (same guid, another level) is a new call; a call the platform refused may be tried again', async () => {
    const { uc, connect } = setup();
    const port = connect();
    const first = dispose(port, 'r1');
    await tick();
    uc.calls[0]!.error('campaign closed');
    expect((await first).error).toMatchObject({ code: 'PLATFORM_ERROR', outcome: 'not-done' });
    const again = dispose(port, 'r2');
    await tick();
    expect(uc.calls).toHaveLength(2);
    uc.calls[1]!.success('ok');
    await again;
    void dispose(port, 'r3', { ...disposition, l1: 'Not interested' });
    await tick();
    expect(uc.calls.map((c) => c.args[3])).toEqual(['Sold', 'Sold', 'Not interested']);
  });

  it('a restarted bridge on the same form page remembers what the first one sent', async () => {
    const { uc, connect, bridge, win } = setup();
    void dispose(connect(), 'r1');
    await tick();
    uc.calls[0]!.success('saved');
    bridge.destroy();
    bridges.push(createHostBridge({ allowedOrigins: CRM, window: win, onRejected: () => {} }));
    expect(await dispose(connect(), 'r2')).toMatchObject({ ok: true, result: 'saved' });
    expect(uc.fn).toHaveBeenCalledTimes(1);
  });
});

describe('two listeners on one form: the documented listener beside a bridge with legacy on', () => {
  /** The platform's documented listener, verbatim in spirit: it calls the global with the message's fields. */
  const documented = (win: any) => (event: { data: any }) => {
    const d = event.data.disposition;
    if (event.data.action === 'DISPOSITION_CALL') win.UC_DispositionCall(d.campaign, d.callerid, d.guid, d.l1, d.l2, d.l3, d.d1, d.d2, d.comment, d.schedule, () => {}, () => {});
  };

  it.each(['before', 'after'])('one documented message calls UC_DispositionCall once and warns, with the documented listener added %s the bridge', async (order) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { uc, listeners, post, win } = setup();
    // the fake window runs listeners in the order they were added: put the documented one where asked
    const bridgeListener = [...listeners][0]!;
    listeners.clear();
    if (order == 'before') listeners.add(documented(win) as never).add(bridgeListener);
    else listeners.add(bridgeListener).add(documented(win) as never);
    post({ action: 'DISPOSITION_CALL', disposition });
    await tick();
    expect(uc.fn).toHaveBeenCalledTimes(1);
    expect(uc.calls[0]!.args).toEqual(ARGS);
    expect(warn.mock.calls.flat().join(' ')).toMatch(/data-legacy="false"/);
    warn.mockRestore();
  });
});

describe('what the bridge never runs, and what it tells', () => {
  it("never runs a client's fallback (a ucbridge request on the window): the client already reported it unconfirmed", async () => {
    const { uc, post, rejected } = setup();
    post({ ucbridge: 1, id: '7', action: 'DISPOSITION_CALL', disposition });
    await tick();
    expect(uc.fn).not.toHaveBeenCalled();
    expect(rejected).toEqual([expect.objectContaining({ kind: 'legacy', action: 'DISPOSITION_CALL', code: 'UNCONFIRMED' })]);
  });

  it('answers a HELLO from a frame nested inside its frame with REFUSED / SOURCE_NOT_ALLOWED', () => {
    const { crm, post, rejected } = setup();
    const nested = frame(crm);
    post({ ucbridge: 1, type: 'HELLO', id: 'n1', versions: [1] }, nested);
    expect(nested.posted).toEqual([{ message: { ucbridge: 1, type: 'REFUSED', replyTo: 'n1', code: 'SOURCE_NOT_ALLOWED' }, target: CRM, port: undefined }]);
    expect(rejected[0]!.message).toMatch(/direct child/);
  });

  it('tells its platformTimeoutMs in WELCOME (Infinity too), and with Infinity keeps no timer', async () => {
    const { crm, connect, uc } = setup({ platformTimeoutMs: Infinity });
    const port = connect();
    expect(crm.posted[0]!.message).toMatchObject({ type: 'WELCOME', platformTimeoutMs: Infinity });
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const reply = dispose(port, 'r1');
    await vi.waitFor(() => expect(uc.calls).toHaveLength(1));
    expect(vi.getTimerCount()).toBe(0);
    uc.calls[0]!.success('saved after a long time');
    expect(await reply).toMatchObject({ ok: true });
  });

  it.each([0, -1, NaN, 2 ** 31, 30 * 86_400_000, '30000'])('throws a TypeError for platformTimeoutMs %s', (platformTimeoutMs) => {
    expect(() => setup({ platformTimeoutMs: platformTimeoutMs as number })).toThrow(/platformTimeoutMs must be/);
  });
});

describe('limits per frame', () => {
  it('counts in-flight calls per frame across its HELLOs and documented messages: RATE_LIMITED beyond, nothing called', async () => {
    const { uc, post, connect } = setup({ maxPendingPerPort: 4 });
    const replies: Promise<any>[] = [];
    for (let hello = 0; hello < 3; hello++) {
      const port = connect();
      for (let i = 0; i < 3; i++) replies.push(dispose(port, `${hello}-${i}`, { ...disposition, guid: `g-${hello}-${i}` }));
    }
    for (let i = 0; i < 5; i++) post({ action: 'DISPOSITION_CALL', disposition: { ...disposition, guid: `legacy-${i}` } });
    await tick();
    expect(uc.fn.mock.calls.length).toBeLessThanOrEqual(4);
  });
});

describe('issue 14: params without prototype keys; ports of removed frames dropped', () => {
  it("a handler that deep-merges its params leaves Object.prototype untouched (no __proto__, constructor or prototype key at any depth)", async () => {
    const merge = (target: any, source: any): any => {
      for (const key of Object.keys(source)) {
        if (typeof source[key] === 'object' && source[key] !== null) merge((target[key] ??= {}), source[key]);
        else target[key] = source[key];
      }
      return target;
    };
    let seen: unknown;
    const { connect } = setup({ actions: { act: (params) => ((seen = params), merge({}, params), 'merged') } });
    const port = connect();
    const reply = new Promise<any>((resolve) => port.on('message', resolve));
    const params = JSON.parse('{"a":{"__proto__":{"isAdmin":true}},"__proto__":{"polluted":1},"list":[{"constructor":{"prototype":{"evil":1}}}],"ok":"yes"}');
    port.postMessage({ ucbridge: 1, id: 'p1', action: 'act', params });
    expect(await reply).toMatchObject({ ok: true, result: 'merged' });
    expect(({} as any).isAdmin).toBeUndefined();
    expect(({} as any).polluted).toBeUndefined();
    expect(({} as any).evil).toBeUndefined();
    expect(seen).toEqual({ a: {}, list: [{}], ok: 'yes' });
  });

  it('drops the session of a frame that is no longer a child of the form, at the next handshake', async () => {
    const { win, crm, connect, post } = setup();
    const old = connect();
    const closed = new Promise((resolve) => old.once('close', resolve));
    // the CRM iframe is replaced by a new one: the old frame is gone from window.frames
    const fresh = frame(win);
    win.frames.splice(0, 1, fresh);
    post({ ucbridge: 1, type: 'HELLO', id: 'new', versions: [1] }, fresh);
    ports.push(fresh.posted[0]!.port!);
    await closed;
    expect(crm.posted).toHaveLength(1);
  });
});
