import { afterEach, describe, expect, it, vi } from 'vitest';
import { isOutcomeUnknown, type CallContext } from '@ucbridge/protocol';
import { connectToHost } from './connect.js';
import { fillFromCall, needsCall } from './call-context.js';
import type { ConnectOptions, HostConnection } from './types.js';
import { HOST, fakeFrame, rejection } from './fake-frame.test-helper.js';

const CALL: CallContext = { guid: '824da669-0001', campaign: 'SalienteTest->', callerid: '17410632', vars: { state: 'KY' }, agent: 'agent007' };
const open: HostConnection[] = [];
const ports: MessagePort[] = [];

afterEach(() => {
  open.splice(0).forEach((host) => host.destroy());
  ports.splice(0).forEach((port) => port.close());
  vi.useRealTimers();
});

/**
 * A client and a scripted form that answers its first HELLO with a WELCOME carrying `welcome` (a call
 * context or none); every request is recorded and answered ok; `port` is the form's end.
 */
async function setup(welcome: { callContext?: CallContext; actions?: string[] } | undefined, options: Partial<ConnectOptions> = {}) {
  const frame = fakeFrame();
  const host = connectToHost({ hostOrigin: HOST, window: frame.window, ...options });
  open.push(host);
  const requests: any[] = [];
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  port1.onmessage = ({ data }) => {
    requests.push(data);
    port1.postMessage({ ucbridge: 1, replyTo: data.id, ok: true, result: data.action });
  };
  const answer = (reply = welcome) =>
    frame.deliver({ ucbridge: 1, type: 'WELCOME', replyTo: frame.hellos().at(-1)!.data.id, version: 1, actions: reply?.actions ?? ['CLOSE_TAB', 'DISPOSITION_CALL'], ...reply }, { ports: [port2] });
  await (vi.isFakeTimers() ? vi.advanceTimersByTimeAsync(0) : frame.firstHello());
  if (welcome) answer();
  return { frame, host, requests, port: port1, answer };
}


const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('host.callContext and onCallContext', () => {
  it('hold the call the WELCOME carried, known before connected resolves and onConnect runs', async () => {
    const seen: unknown[] = [];
    const { host, answer } = await setup(undefined, { onConnect: () => seen.push(['connect', host.callContext]), onCallContext: (c) => seen.push(['context', c]) });
    host.connected.then(() => seen.push(['connected', host.callContext]));
    answer({ callContext: CALL });
    await host.connected;
    expect(host.callContext).toEqual(CALL);
    expect(seen).toEqual([
      ['connect', CALL],
      ['context', CALL],
      ['connected', CALL],
    ]);
  });

  it('are undefined when the form shares no call with this origin (onCallContext still tells, on connect)', async () => {
    const onCallContext = vi.fn();
    const { host } = await setup({}, { onCallContext });
    await host.connected;
    expect(host.callContext).toBeUndefined();
    expect(onCallContext).toHaveBeenCalledExactlyOnceWith(undefined);
  });

  it('follow every CALL_CONTEXT the form sends, and forget the call when the form goes away', async () => {
    const onCallContext = vi.fn();
    const { host, port } = await setup({ callContext: CALL }, { onCallContext });
    await host.connected;
    const next = { ...CALL, guid: 'g-2' };
    port.postMessage({ ucbridge: 1, type: 'CALL_CONTEXT', callContext: next });
    await tick();
    expect(host.callContext).toEqual(next);
    port.postMessage({ ucbridge: 1, type: 'CALL_CONTEXT', callContext: undefined });
    await tick();
    expect(host.callContext).toBeUndefined();
    port.postMessage({ ucbridge: 1, type: 'CALL_CONTEXT', callContext: CALL });
    port.postMessage({ ucbridge: 1, type: 'BYE' });
    await tick();
    expect(host.callContext).toBeUndefined();
    expect(onCallContext.mock.calls).toEqual([[CALL], [next], [undefined], [CALL], [undefined]]);
  });

  it('follow a CALL_CONTEXT without an onCallContext listener too: a later disposition goes to the new call', async () => {
    const { host, port, requests } = await setup({ callContext: CALL });
    await host.connected;
    const next = { ...CALL, guid: 'g-2' };
    port.postMessage({ ucbridge: 1, type: 'CALL_CONTEXT', callContext: next });
    await tick();
    expect(host.callContext).toEqual(next);
    await host.dispositionCall({ l1: 'Venta' });
    expect(requests.at(-1).disposition.guid).toBe('g-2');
  });
});

describe('an onCallContext that throws', () => {
  it('does not hold the calls that waited for the handshake', async () => {
    const { host, requests, answer } = await setup(undefined, {
      onCallContext: () => {
        throw new Error('listener bug');
      },
    });
    const pending = host.dispositionCall({ l1: 'Venta' });
    // the listener's error surfaces where the WELCOME is handled, after the waiting calls went out
    expect(() => answer({ callContext: CALL })).toThrow('listener bug');
    await expect(pending).resolves.toMatchObject({ confirmed: true });
    expect(requests[0].disposition.guid).toBe(CALL.guid);
  });
});

describe('dispositionCall({ l1 }) with the form\'s call', () => {
  it('fills campaign, callerid and guid from the call, in the platform order', async () => {
    const { host, requests } = await setup({ callContext: CALL });
    await host.connected;
    await expect(host.dispositionCall({ l1: 'Venta' })).resolves.toEqual({ confirmed: true, result: 'DISPOSITION_CALL' });
    expect(requests[0].disposition).toEqual({ campaign: 'SalienteTest->', callerid: '17410632', guid: '824da669-0001', l1: 'Venta', l2: '', l3: '', d1: '', d2: '', comment: '', schedule: '' });
    expect(Object.keys(requests[0].disposition).slice(0, 3)).toEqual(['campaign', 'callerid', 'guid']);
  });

  it('keeps what the caller gave (the form judges it: WRONG_CALL for another call)', async () => {
    const { host, requests } = await setup({ callContext: CALL });
    await host.connected;
    await host.dispositionCall({ l1: 'Venta', guid: 'g-other', callerid: '099' });
    expect(requests[0].disposition).toMatchObject({ campaign: 'SalienteTest->', callerid: '099', guid: 'g-other' });
  });

  it('a call made before the handshake waits for it and is filled from the call it brings', async () => {
    const { host, requests, answer, frame } = await setup(undefined);
    const pending = host.dispositionCall({ l1: 'Venta', schedule: new Date(2026, 11, 1, 9, 30, 0) });
    answer({ callContext: CALL });
    await expect(pending).resolves.toMatchObject({ confirmed: true });
    expect(requests[0].disposition).toMatchObject({ campaign: 'SalienteTest->', callerid: '17410632', guid: '824da669-0001', l1: 'Venta', schedule: '2026-12-01 09:30:00' });
    expect(frame.legacy()).toEqual([]);
  });

  it('without a call it is INVALID_ARGUMENT naming the first missing field, and nothing is sent', async () => {
    const { host, requests } = await setup({});
    await host.connected;
    const error = await rejection(host.dispositionCall({ l1: 'Venta' }));
    expect([error.code, error.field]).toEqual(['INVALID_ARGUMENT', 'disposition.campaign']);
    await tick();
    expect(requests).toEqual([]);
  });

  it('a waiting call that the handshake brings no call for is INVALID_ARGUMENT too, never posted the legacy way', async () => {
    vi.useFakeTimers();
    const { host, frame } = await setup(undefined, { handshakeTimeoutMs: 500 });
    const pending = rejection(host.dispositionCall({ l1: 'Venta' }));
    // no bridge is concluded 500 ms after the closing HELLO at handshakeTimeoutMs
    await vi.advanceTimersByTimeAsync(1100);
    expect([(await pending).code, (await pending).field, (await pending).outcome]).toEqual(['INVALID_ARGUMENT', 'disposition.campaign', 'not-done']);
    // it says why no call filled it, and what to do
    expect((await pending).message).toMatch(/no ucbridge bridge answered.*pass campaign, callerid, guid/);
    expect(frame.legacy()).toEqual([]);
  });

  it('an invalid level still fails at once, before the handshake, when the call fields are given', async () => {
    const { host } = await setup(undefined);
    const error = await rejection(host.dispositionCall({ campaign: 'c', callerid: '1', guid: 'g', l1: '' }));
    expect(error.field).toBe('disposition.l1');
  });
});

describe('the call context under the exactly-once rules (bridge × context)', () => {
  it('a waiting disposition answered at the closing HELLO goes once, on the port, never also the documented way', async () => {
    vi.useFakeTimers();
    const { host, frame, requests, answer } = await setup(undefined, { handshakeTimeoutMs: 500 });
    const pending = host.dispositionCall({ l1: 'Venta' });
    await vi.advanceTimersByTimeAsync(500); // the closing HELLO goes out; the bridge answers it within the grace
    answer({ callContext: CALL });
    await vi.advanceTimersByTimeAsync(2000); // past the grace: no conclusion that the form has no bridge
    vi.useRealTimers();
    await expect(pending).resolves.toMatchObject({ confirmed: true });
    await tick();
    expect(requests.map((r) => r.disposition.guid)).toEqual([CALL.guid]);
    expect(frame.legacy()).toEqual([]);
  });

  it('a refused page gets the refusal, not a field no call could fill', async () => {
    const { host, frame } = await setup(undefined);
    frame.deliver({ ucbridge: 1, type: 'REFUSED', replyTo: frame.hellos()[0]!.data.id, code: 'ORIGIN_NOT_ALLOWED' });
    const error = await rejection(host.dispositionCall({ l1: 'Venta' }));
    expect([error.code, error.outcome]).toEqual(['ORIGIN_NOT_ALLOWED', 'not-done']);
  });

  it('WRONG_CALL from the form is not done: safe to retry (isOutcomeUnknown is false)', async () => {
    const { host, port } = await setup({ callContext: CALL });
    port.onmessage = ({ data }) =>
      port.postMessage({ ucbridge: 1, replyTo: data.id, ok: false, error: { code: 'WRONG_CALL', message: "disposition.guid is not the form's current call", field: 'disposition.guid', outcome: 'not-done' } });
    const error = await rejection(host.dispositionCall({ l1: 'Venta' }));
    expect([error.code, error.field, isOutcomeUnknown(error)]).toEqual(['WRONG_CALL', 'disposition.guid', false]);
  });

  it('REPLACED forgets the call: onCallContext(undefined), host.callContext undefined, later calls REPLACED', async () => {
    const onCallContext = vi.fn();
    const { host, port } = await setup({ callContext: CALL }, { onCallContext });
    await host.connected;
    port.postMessage({ ucbridge: 1, type: 'BYE', code: 'REPLACED' });
    await tick();
    expect(host.callContext).toBeUndefined();
    expect(onCallContext.mock.calls).toEqual([[CALL], [undefined]]);
    expect((await rejection(host.dispositionCall({ l1: 'Venta' }))).code).toBe('REPLACED');
  });

  it('pagehide forgets the call with the port', async () => {
    const onCallContext = vi.fn();
    const { host, frame } = await setup({ callContext: CALL }, { onCallContext });
    await host.connected;
    frame.fire('pagehide');
    expect(host.callContext).toBeUndefined();
    expect(onCallContext.mock.calls).toEqual([[CALL], [undefined]]);
  });
});

describe('the form functions on the client', () => {
  const actions = ['CLOSE_TAB', 'DISPOSITION_CALL', 'CLOSE_FORM', 'TAG_RECORD', 'MAKE_CALL', 'NOTIFY', 'HANG_UP'];

  it('send their parameters as params (tagRecord\'s guid from the call); those without parameters take the call options', async () => {
    const { host, requests } = await setup({ callContext: CALL, actions });
    await host.connected;
    expect(host.supports('MAKE_CALL')).toBe(true);
    await host.makeCall({ campaign: 'Out->', destination: '+59899123456' });
    await host.notify({ title: 'Saved', message: 'ok' });
    await host.closeForm({ timeoutMs: 5000 });
    await host.hangUp();
    await host.tagRecord({ l1: 'Sale', l2: 'Card' });
    // the bridge checks them (platform-functions.ts): the client sends what it was given, guid filled
    expect(requests.map(({ action, params }) => [action, params])).toEqual([
      ['MAKE_CALL', { campaign: 'Out->', destination: '+59899123456' }],
      ['NOTIFY', { title: 'Saved', message: 'ok' }],
      ['CLOSE_FORM', undefined],
      ['HANG_UP', undefined],
      ['TAG_RECORD', { guid: '824da669-0001', l1: 'Sale', l2: 'Card' }],
    ]);
  });

  it('need a bridge: NOT_CONNECTED when only a legacy form answers', async () => {
    vi.useFakeTimers();
    const { host } = await setup(undefined, { handshakeTimeoutMs: 100 });
    const pending = rejection(host.makeCall({ campaign: 'Out->', destination: '099' }));
    await vi.advanceTimersByTimeAsync(700);
    expect((await pending).code).toBe('NOT_CONNECTED');
  });
});

describe('fillFromCall / needsCall', () => {
  const fields = ['campaign', 'callerid', 'guid'];
  it('fills only what is undefined, in a copy', async () => {
    const input = { l1: 'x', guid: 'mine', callerid: undefined };
    const filled = fillFromCall(input, CALL, fields);
    expect(filled).toEqual({ l1: 'x', guid: 'mine', callerid: '17410632', campaign: 'SalienteTest->' });
    expect(input).toEqual({ l1: 'x', guid: 'mine', callerid: undefined });
    expect(fillFromCall({ campaign: '', callerid: null, guid: 'g' }, CALL, fields)).toEqual({ campaign: '', callerid: null, guid: 'g' });
  });

  it('returns the input itself without a call, without fields to fill, or for a non-object', async () => {
    const input = { l1: 'x' };
    expect(fillFromCall(input, undefined, fields)).toBe(input);
    expect(fillFromCall(input, CALL, [])).toBe(input);
    expect(fillFromCall('x', CALL, fields)).toBe('x');
    expect(fillFromCall(null, CALL, fields)).toBe(null);
  });

  it('needsCall is true when one of the fields is left out', async () => {
    expect(needsCall({ campaign: 'c', callerid: '1', guid: 'g' }, fields)).toBe(false);
    expect(needsCall({ campaign: 'c', callerid: '1' }, fields)).toBe(true);
    expect(needsCall(undefined, fields)).toBe(true);
    expect(needsCall(undefined, [])).toBe(false);
  });
});

describe('a failed disposition carries what was sent, for an exact retry', () => {
  it('error.disposition holds the call fields of the call it was filled from, not the form\'s current call', async () => {
    const { host, port, requests } = await setup({ callContext: CALL });
    port.onmessage = ({ data }) => {
      requests.push(data);
      port.postMessage({ ucbridge: 1, replyTo: data.id, ok: false, error: { code: 'PLATFORM_TIMEOUT', message: 'late', outcome: 'unknown' } });
    };
    const error = await rejection(host.dispositionCall({ l1: 'Sold' } as never));
    expect(error).toMatchObject({ code: 'PLATFORM_TIMEOUT', outcome: 'unknown' });
    // the form moves on to its next call
    port.postMessage({ ucbridge: 1, type: 'CALL_CONTEXT', callContext: { ...CALL, guid: 'next-call' } });
    await tick();
    expect(host.callContext?.guid).toBe('next-call');
    expect(error.disposition).toMatchObject({ guid: CALL.guid, campaign: CALL.campaign, callerid: CALL.callerid, l1: 'Sold' });
    await rejection(host.dispositionCall(error.disposition!));
    expect(requests.at(-1).disposition).toEqual(error.disposition);
  });

  it('a disposition that times out before it was sent carries it too (checked, optional fields filled); other calls carry none', async () => {
    const { host } = await setup(undefined);
    const full = { campaign: CALL.campaign, callerid: CALL.callerid, guid: CALL.guid, l1: 'Sold' };
    const notSent = await rejection(host.dispositionCall(full, { timeoutMs: 10 }));
    expect(notSent).toMatchObject({ code: 'TIMEOUT', outcome: 'not-done', disposition: { ...full, l2: '', comment: '', schedule: '' } });
    expect(await rejection(host.closeTab({ timeoutMs: 10 }))).not.toHaveProperty('disposition');
  });
});
