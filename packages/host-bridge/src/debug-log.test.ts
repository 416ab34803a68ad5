// The `log` option (issue 13): every message received and sent, every one accepted or refused with
// the reason. Node with a fake window, real MessageChannel ports.
import { createHostBridge, type HostBridgeOptions } from '@ucbridge/host-bridge';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MessagePort as NodePort } from 'node:worker_threads';

const CRM = 'https://crm.example.com';
const cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.splice(0).forEach((cleanup) => cleanup());
  vi.restoreAllMocks();
});

/** A form window with one child frame (the CRM); returns what the bridge printed, line by line. */
function setup(log: HostBridgeOptions['log'], options: Partial<HostBridgeOptions> = {}) {
  const listeners = new Map<string, (event: unknown) => void>();
  const posted: { message: unknown; port?: NodePort }[] = [];
  const crm = { postMessage: (message: unknown, _target: string, transfer?: NodePort[]) => void posted.push({ message, port: transfer?.[0] }) };
  const win = {
    frames: [crm],
    parent: {},
    UC_DispositionCall: (...args: unknown[]) => (args[10] as (result: unknown) => void)('saved'),
    addEventListener: (type: string, fn: (event: unknown) => void) => listeners.set(type, fn),
    removeEventListener: () => {},
  };
  const bridge = createHostBridge({ allowedOrigins: CRM, window: win as unknown as Window, onRejected: () => {}, log, ...options });
  cleanups.push(() => bridge.destroy());
  const post = (data: unknown, origin = CRM, source: unknown = crm) => listeners.get('message')!({ data, origin, source });
  return { post, posted, bridge };
}

describe('the log option', () => {
  it('is off by default: nothing is printed', () => {
    const print = vi.spyOn(console, 'log').mockImplementation(() => {});
    setup(undefined).post({ action: 'CLOSE_TAB' }, 'https://evil.example');
    expect(print).not.toHaveBeenCalled();
  });

  it('prints a refused message with the reason, and a message that is not for the bridge as ignored', () => {
    const lines: unknown[][] = [];
    const { post } = setup((...line) => void lines.push(line));
    post({ action: 'CLOSE_TAB' }, 'https://crm.example.co');
    post({ type: 'webpackOk' });
    expect(lines).toEqual([
      ['ucbridge host received from https://crm.example.co', { action: 'CLOSE_TAB' }],
      [
        'ucbridge host refused from https://crm.example.co',
        'ucbridge ORIGIN_NOT_ALLOWED: https://crm.example.co is not in allowedOrigins (https://crm.example.com): add it there, or to data-allowed-origins, if that page is yours',
      ],
      ['ucbridge host received from https://crm.example.com', { type: 'webpackOk' }],
      ['ucbridge host refused from https://crm.example.com', 'ignored: not a ucbridge HELLO nor an { action } message'],
    ]);
  });

  it('prints the handshake and a request on the port: received, accepted, sent, and the outcome', async () => {
    const lines: [string, unknown][] = [];
    const { post, posted } = setup((line, detail) => void lines.push([line, detail]));
    post({ ucbridge: 1, type: 'HELLO', id: 'h1', versions: [1] });
    const port = posted[0]!.port!;
    cleanups.push(() => port.close());
    const reply = new Promise((resolve) => port.once('message', resolve));
    port.postMessage({ ucbridge: 1, id: 'r1', action: 'CLOSE_TAB' });
    expect(await reply).toMatchObject({ replyTo: 'r1', ok: false, error: { code: 'PLATFORM_MISSING' } });
    expect(lines.map(([line]) => line)).toEqual([
      'ucbridge host received from https://crm.example.com',
      'ucbridge host sent to https://crm.example.com',
      'ucbridge host accepted from https://crm.example.com',
      'ucbridge host received from https://crm.example.com',
      'ucbridge host accepted from https://crm.example.com',
      'ucbridge host sent to https://crm.example.com',
      'ucbridge host outcome for https://crm.example.com',
    ]);
    expect(lines[1]![1]).toMatchObject({ type: 'WELCOME', replyTo: 'h1' });
    expect(lines[3]![1]).toEqual({ ucbridge: 1, id: 'r1', action: 'CLOSE_TAB' });
    expect(lines[5]![1]).toMatchObject({ replyTo: 'r1', ok: false });
    expect(lines[6]![1]).toBe('ucbridge PLATFORM_MISSING: parent.closeActiveTab is missing');
  });

  it('prints a refused HELLO with the reason, then the REFUSED it sent', () => {
    const lines: [string, unknown][] = [];
    const { post, posted } = setup((line, detail) => void lines.push([line, detail]));
    post({ ucbridge: 1, type: 'HELLO', id: 'h1', versions: [1] }, 'https://crm.example.co');
    expect(posted.map(({ message }) => message)).toEqual([{ ucbridge: 1, type: 'REFUSED', replyTo: 'h1', code: 'ORIGIN_NOT_ALLOWED' }]);
    expect(lines).toEqual([
      ['ucbridge host received from https://crm.example.co', { ucbridge: 1, type: 'HELLO', id: 'h1', versions: [1] }],
      ['ucbridge host sent to https://crm.example.co', { ucbridge: 1, type: 'REFUSED', replyTo: 'h1', code: 'ORIGIN_NOT_ALLOWED' }],
      ['ucbridge host refused from https://crm.example.co', expect.stringMatching(/^ucbridge ORIGIN_NOT_ALLOWED: https:\/\/crm\.example\.co is not in allowedOrigins/)],
    ]);
  });

  it('prints the WELCOME with the call and every CALL_CONTEXT sent on the port', () => {
    const lines: [string, unknown][] = [];
    const call = { guid: 'g-1', campaign: 'Sales<-', callerid: '099', vars: {} };
    const { post, posted, bridge } = setup((line, detail) => void lines.push([line, detail]), { callContext: () => call });
    post({ ucbridge: 1, type: 'HELLO', id: 'h1', versions: [1] });
    cleanups.push(() => posted[0]!.port!.close());
    bridge.setCallContext({ ...call, guid: 'g-2' });
    const sent = lines.filter(([line]) => line == `ucbridge host sent to ${CRM}`).map(([, detail]) => detail);
    expect(sent).toEqual([
      expect.objectContaining({ type: 'WELCOME', callContext: call }),
      { ucbridge: 1, type: 'CALL_CONTEXT', callContext: { ...call, guid: 'g-2' } },
    ]);
  });

  it('log: true prints with console.log; a printer that throws does not stop the bridge', () => {
    const print = vi.spyOn(console, 'log').mockImplementation(() => {});
    setup(true).post({ action: 'CLOSE_TAB' }, 'https://evil.example');
    expect(print).toHaveBeenCalledWith('ucbridge host received from https://evil.example', { action: 'CLOSE_TAB' });
    const { post, posted } = setup(() => {
      throw new Error('printer bug');
    });
    post({ ucbridge: 1, type: 'HELLO', id: 'h2', versions: [1] });
    expect(posted[0]!.message).toMatchObject({ type: 'WELCOME' });
    posted[0]!.port!.close();
  });
});
