// The client's `log` option (issue 13): every message sent and received, every handshake answer
// taken or refused with the reason. Node, a fake frame, real MessageChannel ports.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectToHost } from './connect.js';
import type { HostConnection } from './types.js';
import { HOST, fakeFrame } from './fake-frame.test-helper.js';

const open: HostConnection[] = [];
const frames: ReturnType<typeof fakeFrame>[] = [];
afterEach(() => {
  open.splice(0).forEach((host) => host.destroy());
  frames.splice(0).forEach((frame) => frame.closePorts());
  vi.restoreAllMocks();
});

/** A client in a fake frame; with `bridge`, the form's bridge listens before the first HELLO. */
async function setup(log: boolean | ((line: string, detail?: unknown) => void) | undefined, bridge = false) {
  const frame = fakeFrame();
  frames.push(frame);
  if (bridge) frame.startHost();
  const host = connectToHost({ hostOrigin: HOST, window: frame.window, log });
  open.push(host);
  await frame.firstHello();
  return { frame, host };
}

describe('the log option of connectToHost', () => {
  it('is off by default: nothing is printed', async () => {
    const print = vi.spyOn(console, 'log').mockImplementation(() => {});
    const { frame, host } = await setup(undefined);
    frame.startHost();
    frame.deliver({ ucbridge: 1, type: 'WELCOME', replyTo: 'stale', version: 1, actions: [] });
    await host.connected;
    expect(print).not.toHaveBeenCalled();
  });

  it('prints the HELLO sent, the WELCOME received and accepted, a request and its reply on the port', async () => {
    const lines: [string, unknown][] = [];
    const { host } = await setup((line, detail) => void lines.push([line, detail]), true);
    await host.connected;
    await host.closeTab();
    const shown = lines.map(([line, detail]) => {
      const { type, action, ok } = detail as { type?: string; action?: string; ok?: boolean };
      return `${line}: ${type ?? action ?? `reply ok=${ok}`}`;
    });
    expect(shown).toEqual([
      `ucbridge client sent to ${HOST}: HELLO`,
      `ucbridge client received from ${HOST}: WELCOME`,
      `ucbridge client accepted from ${HOST}: WELCOME`,
      `ucbridge client sent to ${HOST}: CLOSE_TAB`,
      `ucbridge client received from ${HOST}: reply ok=true`,
    ]);
    expect(lines.at(-1)![1]).toMatchObject({ ok: true, result: 'CLOSE_TAB' });
  });

  it('prints why an answer from the parent was refused: a stale HELLO id, an origin that does not match', async () => {
    const lines: [string, unknown][] = [];
    const { frame } = await setup((line, detail) => void lines.push([line, detail]));
    frame.deliver({ ucbridge: 1, type: 'WELCOME', replyTo: 'old-hello', version: 1, actions: [] });
    frame.deliver({ ucbridge: 1, type: 'WELCOME', replyTo: 'x', version: 1, actions: [] }, { origin: 'https://evil.example' });
    const refused = lines.filter(([line]) => line.startsWith('ucbridge client refused'));
    expect(refused).toEqual([
      [`ucbridge client refused from ${HOST}`, expect.stringMatching(/^not an answer to the latest HELLO \(.+\): "old-hello"$/)],
      ['ucbridge client refused from https://evil.example', `origin https://evil.example does not match hostOrigin ${HOST}`],
    ]);
  });

  it('prints a REFUSED as refused, with its code and the reason the caller gets', async () => {
    const lines: [string, unknown][] = [];
    const { frame, host } = await setup((line, detail) => void lines.push([line, detail]));
    frame.deliver({ ucbridge: 1, type: 'REFUSED', replyTo: frame.hellos()[0]!.data.id, code: 'ORIGIN_NOT_ALLOWED' });
    await expect(host.connected).rejects.toMatchObject({ code: 'ORIGIN_NOT_ALLOWED' });
    expect(lines.filter(([line]) => line.startsWith('ucbridge client refused'))).toEqual([
      [`ucbridge client refused from ${HOST}`, expect.stringMatching(/^ucbridge ORIGIN_NOT_ALLOWED: the form at .+ does not list this page's origin/)],
    ]);
  });

  it('prints a CALL_CONTEXT on the port as received and accepted, and a BYE with REPLACED as disconnected, with the reason', async () => {
    const lines: [string, unknown][] = [];
    const frame = fakeFrame();
    frames.push(frame);
    const fake = frame.startHost();
    const host = connectToHost({ hostOrigin: HOST, window: frame.window, log: (line, detail) => void lines.push([line, detail]) });
    open.push(host);
    await host.connected;
    lines.length = 0;
    const call = { guid: 'g-1', campaign: 'Sales<-', callerid: '099', vars: {} };
    fake.port!.postMessage({ ucbridge: 1, type: 'CALL_CONTEXT', callContext: call });
    await vi.waitFor(() => expect(host.callContext).toEqual(call));
    fake.port!.postMessage({ ucbridge: 1, type: 'BYE', code: 'REPLACED' });
    await vi.waitFor(() => expect(lines).toHaveLength(4));
    expect(lines).toEqual([
      [`ucbridge client received from ${HOST}`, { ucbridge: 1, type: 'CALL_CONTEXT', callContext: call }],
      [`ucbridge client accepted from ${HOST}`, { ucbridge: 1, type: 'CALL_CONTEXT', callContext: call }],
      [`ucbridge client received from ${HOST}`, { ucbridge: 1, type: 'BYE', code: 'REPLACED' }],
      [`ucbridge client disconnected from ${HOST}`, expect.stringMatching(/^ucbridge REPLACED: another connectToHost in this frame took the connection/)],
    ]);
  });

  it('log: true prints with console.log', async () => {
    const print = vi.spyOn(console, 'log').mockImplementation(() => {});
    await setup(true);
    expect(print).toHaveBeenCalledWith(`ucbridge client sent to ${HOST}`, expect.objectContaining({ type: 'HELLO' }));
  });
});
