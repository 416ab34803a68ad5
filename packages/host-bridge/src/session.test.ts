import { BridgeError } from '@ucbridge/protocol';
import { describe, expect, it, vi } from 'vitest';
import type { RunAction } from './dispatcher.js';
import type { Log } from './log.js';
import { frameLimit } from './frame-limit.js';
import { createSession, type PortLike } from './session.js';

/** A synchronous port that clones like a real one (so a function in a result throws DataCloneError). */
function fakePort() {
  const port = {
    sent: [] as unknown[],
    closed: false,
    onmessage: null as ((event: { data: unknown }) => void) | null,
    postMessage(message: unknown) {
      this.sent.push(structuredClone(message));
    },
    close() {
      this.closed = true;
    },
    deliver(data: unknown) {
      port.onmessage?.({ data });
    },
  };
  return port;
}

const disposition = { campaign: 'Sales<-', callerid: '099123456', guid: 'g-1', l1: 'Sold', l2: '', l3: '', d1: '', d2: '', comment: 'ok', schedule: '' };

/** A session over a fake port whose actions settle when the test says so. */
function setup(options: { maxPending?: number } = {}) {
  const port = fakePort();
  const calls: { action: string; arg: unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = [];
  const run: RunAction = (action, arg) => new Promise((resolve, reject) => calls.push({ action, arg, resolve, reject }));
  const log = vi.fn<Log>();
  const onEnd = vi.fn();
  const admit = frameLimit(options.maxPending);
  const { close, receive } = createSession(port as unknown as PortLike, 'https://crm.example.com', ['CLOSE_TAB', 'DISPOSITION_CALL', 'saveNote', 'getThing'], run, () => admit(port), log, onEnd);
  return { port, calls, log, onEnd, close, receive };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('session (one client port)', () => {
  it('runs a valid request and replies ok with the result, once', async () => {
    const { port, calls, log } = setup();
    port.deliver({ ucbridge: 1, id: 'a1', action: 'DISPOSITION_CALL', disposition });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.arg).toEqual(disposition);
    calls[0]!.resolve({ saved: true });
    calls[0]!.resolve({ saved: 'again' });
    await flush();
    expect(port.sent).toEqual([{ ucbridge: 1, replyTo: 'a1', ok: true, result: { saved: true } }]);
    expect(log).toHaveBeenCalledWith('request', 'https://crm.example.com', 'DISPOSITION_CALL', undefined, disposition);
    expect(log).toHaveBeenCalledWith('reply', 'https://crm.example.com', 'DISPOSITION_CALL', undefined, { saved: true });
  });

  it('passes params of a custom action and replies with the code of the BridgeError it rejects with', async () => {
    const { port, calls } = setup();
    port.deliver({ ucbridge: 1, id: 'c1', action: 'saveNote', params: { text: 'hi' } });
    expect(calls[0]).toMatchObject({ action: 'saveNote', arg: { text: 'hi' } });
    calls[0]!.reject(new BridgeError('PLATFORM_ERROR', 'ucbridge: busy'));
    await flush();
    expect(port.sent).toEqual([{ ucbridge: 1, replyTo: 'c1', ok: false, error: { code: 'PLATFORM_ERROR', message: 'ucbridge: busy', field: undefined, outcome: 'not-done' } }]);
  });

  it('answers INVALID_ARGUMENT naming the field of a bad disposition, and calls nothing', () => {
    const { port, calls, log } = setup();
    port.deliver({ ucbridge: 1, id: 'b1', action: 'DISPOSITION_CALL', disposition: { ...disposition, schedule: '2026-02-30 10:00:00' } });
    expect(calls).toHaveLength(0);
    expect(port.sent).toEqual([{ ucbridge: 1, replyTo: 'b1', ok: false, error: expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'disposition.schedule' }) }]);
    expect(log).toHaveBeenCalledWith('request', 'https://crm.example.com', undefined, expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it.each([
    ['a message without the ucbridge marker', { id: 'x1', action: 'CLOSE_TAB' }, 'ucbridge'],
    ['a string', 'CLOSE_TAB', 'ucbridge'],
    ['a request with a bad id', { ucbridge: 1, id: 'has space', action: 'CLOSE_TAB' }, 'id'],
    ['a request whose id is not a string', { ucbridge: 1, id: 7, action: 'CLOSE_TAB' }, 'id'],
  ])('refuses %s with INVALID_MESSAGE and no reply (no usable id)', (_, data, field) => {
    const { port, calls, log } = setup();
    port.deliver(data);
    expect(calls).toHaveLength(0);
    expect(port.sent).toEqual([]);
    expect(log).toHaveBeenCalledWith('request', 'https://crm.example.com', undefined, expect.objectContaining({ code: 'INVALID_MESSAGE', field }));
  });

  it('answers UNKNOWN_ACTION to an action the form does not offer, calling nothing', () => {
    const { port, calls, log } = setup();
    port.deliver({ ucbridge: 1, id: 'u1', action: 'hangUp' });
    expect(calls).toHaveLength(0);
    expect(port.sent).toEqual([{ ucbridge: 1, replyTo: 'u1', ok: false, error: expect.objectContaining({ code: 'UNKNOWN_ACTION', field: 'action' }) }]);
    expect(log).toHaveBeenCalledWith('request', 'https://crm.example.com', 'hangUp', expect.objectContaining({ code: 'UNKNOWN_ACTION' }));
  });

  it('answers INVALID_MESSAGE to a request with a usable id and a bad action', () => {
    const { port, calls } = setup();
    port.deliver({ ucbridge: 1, id: 'x2', action: '__proto__' });
    expect(calls).toHaveLength(0);
    expect(port.sent).toEqual([{ ucbridge: 1, replyTo: 'x2', ok: false, error: expect.objectContaining({ code: 'INVALID_MESSAGE', field: 'action' }) }]);
  });

  it('refuses a second request with a pending id without replying to it (its reply would settle the first)', async () => {
    const { port, calls, log } = setup();
    port.deliver({ ucbridge: 1, id: 'd1', action: 'CLOSE_TAB' });
    port.deliver({ ucbridge: 1, id: 'd1', action: 'CLOSE_TAB' });
    expect(calls).toHaveLength(1);
    expect(port.sent).toEqual([]);
    expect(log).toHaveBeenCalledWith('request', 'https://crm.example.com', 'CLOSE_TAB', expect.objectContaining({ code: 'INVALID_MESSAGE', field: 'id' }));
    calls[0]!.resolve(undefined);
    await flush();
    expect(port.sent).toEqual([{ ucbridge: 1, replyTo: 'd1', ok: true }]);
  });

  it('refuses an invalid request that reuses a pending id without replying to it either', async () => {
    const { port, calls, log } = setup();
    port.deliver({ ucbridge: 1, id: 'd2', action: 'CLOSE_TAB' });
    port.deliver({ ucbridge: 1, id: 'd2', action: 'DISPOSITION_CALL', disposition: { ...disposition, l1: 7 } });
    expect(calls).toHaveLength(1);
    expect(port.sent).toEqual([]);
    expect(log).toHaveBeenLastCalledWith('request', 'https://crm.example.com', undefined, expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'disposition.l1' }));
    calls[0]!.resolve(undefined);
    await flush();
    expect(port.sent).toEqual([{ ucbridge: 1, replyTo: 'd2', ok: true }]);
  });

  it('answers RATE_LIMITED beyond maxPending requests in flight, and accepts again once one settles', async () => {
    const { port, calls } = setup({ maxPending: 2 });
    for (const id of ['r1', 'r2', 'r3', 'r4']) port.deliver({ ucbridge: 1, id, action: 'CLOSE_TAB' });
    expect(calls).toHaveLength(2);
    expect(port.sent).toEqual(['r3', 'r4'].map((replyTo) => ({ ucbridge: 1, replyTo, ok: false, error: expect.objectContaining({ code: 'RATE_LIMITED' }) })));
    calls[0]!.resolve('done');
    await flush();
    port.deliver({ ucbridge: 1, id: 'r5', action: 'CLOSE_TAB' });
    expect(calls).toHaveLength(3);
  });

  it('still replies ok when the result cannot be cloned (the action ran: the caller must not retry)', async () => {
    const { port, calls } = setup();
    port.deliver({ ucbridge: 1, id: 'n1', action: 'getThing' });
    calls[0]!.resolve({ callback() {} });
    await flush();
    expect(port.sent).toEqual([{ ucbridge: 1, replyTo: 'n1', ok: true }]);
  });

  it('on destroy answers every pending request DESTROYED, says BYE, closes the port and ignores late outcomes', async () => {
    const { port, calls, onEnd, close } = setup();
    port.deliver({ ucbridge: 1, id: 'p1', action: 'DISPOSITION_CALL', disposition });
    port.deliver({ ucbridge: 1, id: 'p2', action: 'CLOSE_TAB' });
    close('destroyed');
    expect(port.sent).toEqual([
      { ucbridge: 1, replyTo: 'p1', ok: false, error: expect.objectContaining({ code: 'DESTROYED' }) },
      { ucbridge: 1, replyTo: 'p2', ok: false, error: expect.objectContaining({ code: 'DESTROYED' }) },
      { ucbridge: 1, type: 'BYE' },
    ]);
    expect(port.closed).toBe(true);
    expect(port.onmessage).toBeNull();
    expect(onEnd).toHaveBeenCalledOnce();
    calls[0]!.resolve('late');
    await flush();
    expect(port.sent).toHaveLength(3);
  });

  it('answers a CLOSE_TAB pending while the page unloads as done: the tab closing is its outcome', () => {
    const { port, close } = setup();
    port.deliver({ ucbridge: 1, id: 't1', action: 'CLOSE_TAB' });
    port.deliver({ ucbridge: 1, id: 't2', action: 'saveNote' });
    close('unloading');
    expect(port.sent).toEqual([
      { ucbridge: 1, replyTo: 't1', ok: true },
      { ucbridge: 1, replyTo: 't2', ok: false, error: expect.objectContaining({ code: 'DESTROYED' }) },
      { ucbridge: 1, type: 'BYE' },
    ]);
  });

  it('when replaced (the frame said HELLO again) answers what is pending, outcome unknown, then says BYE / REPLACED', () => {
    const { port, close, onEnd } = setup();
    port.deliver({ ucbridge: 1, id: 'q1', action: 'CLOSE_TAB' });
    close('replaced');
    expect(port.sent).toEqual([
      { ucbridge: 1, replyTo: 'q1', ok: false, error: expect.objectContaining({ code: 'DESTROYED', outcome: 'unknown' }) },
      { ucbridge: 1, type: 'BYE', code: 'REPLACED' },
    ]);
    expect(port.closed).toBe(true);
    expect(onEnd).toHaveBeenCalledOnce();
  });

  it('when its frame is gone, closes the port without a word (nobody is there)', () => {
    const { port, close } = setup();
    close('gone');
    expect(port.sent).toEqual([]);
    expect(port.closed).toBe(true);
  });

  it('ends quietly when the client says BYE', () => {
    const { port, onEnd } = setup();
    port.deliver({ ucbridge: 1, type: 'BYE' });
    expect(port.sent).toEqual([]);
    expect(port.closed).toBe(true);
    expect(onEnd).toHaveBeenCalledOnce();
  });
});
