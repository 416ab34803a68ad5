import { createHostBridge, type BridgeLogEvent, type HostBridge, type HostBridgeOptions } from '@ucbridge/host-bridge';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MessagePort as NodePort } from 'node:worker_threads';
import { autoInstall, type UCBridgeGlobal } from './auto-install.js';

// The call context and scopes through createHostBridge, in Node: real MessageChannel ports, a fake window.
const CRM = 'https://crm.example.com';
const OTHER = 'https://other.example.com';
const CTI = JSON.stringify({ Guid: 'g-1', Campaign: 'Sales<-', Callerid: '099123456', ParAndValues: 'state=KY' });
const CALL = { guid: 'g-1', campaign: 'Sales<-', callerid: '099123456', vars: { state: 'KY' }, agent: 'agent007' };
const disposition = { campaign: 'Sales<-', callerid: '099123456', guid: 'g-1', l1: 'Sold', l2: '', l3: '', d1: '', d2: '', comment: '', schedule: '' };

function frame() {
  const posted: { message: any; target: string; port?: NodePort }[] = [];
  return { posted, postMessage: (message: unknown, target: string, transfer?: NodePort[]) => void posted.push({ message, target, port: transfer?.[0] }) };
}
type Frame = ReturnType<typeof frame>;

const bridges: HostBridge[] = [];
const ports: NodePort[] = [];
afterEach(() => {
  bridges.splice(0).forEach((bridge) => bridge.destroy());
  ports.splice(0).forEach((port) => port.close());
  vi.restoreAllMocks();
});

function setup(options: Partial<HostBridgeOptions> = {}) {
  const crm = frame();
  const other = frame();
  const listeners = new Set<(event: unknown) => void>();
  const win = {
    frames: [crm, other],
    parent: { closeActiveTab: vi.fn() },
    CTI,
    Agent: { accountcode: 'agent007' },
    UC_DispositionCall: vi.fn((...args: unknown[]) => (args[10] as (r: unknown) => void)('saved')),
    addEventListener: (type: string, fn: (event: unknown) => void) => type === 'message' && listeners.add(fn),
    removeEventListener: (type: string, fn: (event: unknown) => void) => listeners.delete(fn),
  };
  // the platform function itself: the bridge puts the page's global behind its disposition memory
  const platform = win.UC_DispositionCall;
  const accepted: BridgeLogEvent[] = [];
  const rejected: BridgeLogEvent[] = [];
  const bridge = createHostBridge({
    allowedOrigins: [{ origin: CRM, actions: ['DISPOSITION_CALL'] }, { origin: OTHER, callContext: false }],
    callContext: 'cti',
    onAccepted: (e) => accepted.push(e),
    onRejected: (e) => rejected.push(e),
    window: win as unknown as Window,
    ...options,
  });
  bridges.push(bridge);
  const post = (data: unknown, origin: string, source: Frame) => listeners.forEach((fn) => fn({ data, origin, source }));
  /** HELLO from `source`; the WELCOME and its port. */
  const connect = (source: Frame, origin: string) => {
    post({ ucbridge: 1, type: 'HELLO', id: 'h' + source.posted.length, versions: [1] }, origin, source);
    const { message, port } = source.posted.at(-1)!;
    ports.push(port!);
    const received: any[] = [];
    port!.on('message', (m) => received.push(m));
    return { welcome: message, port: port!, received };
  };
  return { bridge, win, platform, crm, other, post, connect, accepted, rejected };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the call context through createHostBridge', () => {
  it("'cti': WELCOME carries the call to an origin whose scope includes it, and not to one listed without it", () => {
    const { crm, other, connect } = setup();
    expect(connect(crm, CRM).welcome).toEqual({ ucbridge: 1, type: 'WELCOME', replyTo: 'h0', handshake: 'h0', version: 1, actions: ['DISPOSITION_CALL'], platformTimeoutMs: 30_000, callContext: CALL });
    const welcome = connect(other, OTHER).welcome;
    expect(welcome).toEqual({ ucbridge: 1, type: 'WELCOME', replyTo: 'h0', handshake: 'h0', version: 1, actions: ['CLOSE_TAB', 'DISPOSITION_CALL'], platformTimeoutMs: 30_000 });
    expect(welcome).not.toHaveProperty('callContext');
  });

  it('without the callContext option nobody receives a context, as before', () => {
    const { crm, connect } = setup({ allowedOrigins: [CRM], callContext: undefined });
    expect(connect(crm, CRM).welcome).not.toHaveProperty('callContext');
  });

  it('setCallContext sends CALL_CONTEXT on the ports of scoped origins only, and the getter follows', async () => {
    const { bridge, crm, other, connect } = setup();
    const scoped = connect(crm, CRM);
    const unscoped = connect(other, OTHER);
    const next = { guid: 'g-2', campaign: 'Sales<-', callerid: '098000111', vars: {} };
    bridge.setCallContext(next);
    bridge.setCallContext(next); // no change: nothing sent
    bridge.setCallContext(undefined);
    await settle();
    expect(scoped.received).toEqual([
      { ucbridge: 1, type: 'CALL_CONTEXT', callContext: next },
      { ucbridge: 1, type: 'CALL_CONTEXT', callContext: undefined },
    ]);
    expect(unscoped.received).toEqual([]);
    expect(bridge.callContext).toBeUndefined();
  });

  it('setCallContext refuses a bad context with a TypeError naming the field, and changes nothing', async () => {
    const { bridge, crm, connect } = setup();
    const scoped = connect(crm, CRM);
    expect(() => bridge.setCallContext({ guid: '', campaign: '', callerid: '', vars: {} })).toThrow(new TypeError('ucbridge INVALID_ARGUMENT: setCallContext().guid is required'));
    await settle();
    expect(scoped.received).toEqual([]);
    expect(bridge.callContext).toEqual(CALL);
  });

  it('a CTI written after the bridge started is read at the next HELLO, and the ports already open are told', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { win, crm, other, connect } = setup({ allowedOrigins: [CRM, OTHER] });
    delete (win as { CTI?: string }).CTI;
    const first = connect(crm, CRM);
    expect(first.welcome.callContext).toBeUndefined();
    win.CTI = CTI;
    expect(connect(other, OTHER).welcome.callContext).toEqual(CALL);
    await settle();
    expect(first.received).toEqual([{ ucbridge: 1, type: 'CALL_CONTEXT', callContext: CALL }]);
  });

  it('a disposition for another call is refused WRONG_CALL with zero platform calls, on the port and the legacy way', async () => {
    const { platform, crm, other, connect, post, accepted } = setup();
    const { port, received } = connect(crm, CRM);
    port.postMessage({ ucbridge: 1, id: 'r1', action: 'DISPOSITION_CALL', disposition: { ...disposition, guid: 'g-other' } });
    port.postMessage({ ucbridge: 1, id: 'r2', action: 'DISPOSITION_CALL', disposition: { ...disposition, campaign: 'Other->' } });
    post({ action: 'DISPOSITION_CALL', disposition: { ...disposition, guid: 'g-other' } }, OTHER, other);
    await settle();
    expect(received).toEqual([
      { ucbridge: 1, replyTo: 'r1', ok: false, error: { code: 'WRONG_CALL', message: expect.stringContaining('disposition.guid'), field: 'disposition.guid', outcome: 'not-done' } },
      { ucbridge: 1, replyTo: 'r2', ok: false, error: { code: 'WRONG_CALL', message: expect.stringContaining('disposition.campaign'), field: 'disposition.campaign', outcome: 'not-done' } },
    ]);
    // the legacy message is judged at once, port messages a task later: compare without order
    expect(accepted.filter((e) => e.kind === 'reply').map((e) => [e.origin, e.code]).sort()).toEqual([
      [CRM, 'WRONG_CALL'],
      [CRM, 'WRONG_CALL'],
      [OTHER, 'WRONG_CALL'],
    ].sort());
    expect(platform).not.toHaveBeenCalled();
  });

  it('the current call is disposed; with lockToCall: false another call is too', async () => {
    const { platform, crm, connect } = setup({ lockToCall: false });
    const { port, received } = connect(crm, CRM);
    port.postMessage({ ucbridge: 1, id: 'r1', action: 'DISPOSITION_CALL', disposition });
    port.postMessage({ ucbridge: 1, id: 'r2', action: 'DISPOSITION_CALL', disposition: { ...disposition, guid: 'g-other' } });
    await settle();
    expect(received.map((r) => r.ok)).toEqual([true, true]);
    expect(platform.mock.calls.map((args) => args[2])).toEqual(['g-1', 'g-other']);
  });

  it('an action outside the origin\'s scope is refused UNKNOWN_ACTION on the port and the legacy way, calling nothing', async () => {
    const { win, crm, connect, post, rejected } = setup();
    const { port, received } = connect(crm, CRM);
    port.postMessage({ ucbridge: 1, id: 'r1', action: 'CLOSE_TAB' });
    post({ action: 'CLOSE_TAB' }, CRM, crm);
    await settle();
    expect(received).toEqual([{ ucbridge: 1, replyTo: 'r1', ok: false, error: expect.objectContaining({ code: 'UNKNOWN_ACTION', field: 'action' }) }]);
    expect(rejected.map((e) => [e.kind, e.action, e.code]).sort()).toEqual([
      ['legacy', 'CLOSE_TAB', 'UNKNOWN_ACTION'],
      ['request', 'CLOSE_TAB', 'UNKNOWN_ACTION'],
    ]);
    expect(win.parent.closeActiveTab).not.toHaveBeenCalled();
  });

  it('bridge.actions is every action the form offers; each WELCOME lists its origin\'s scope', () => {
    const { bridge, crm, connect } = setup({ platformFunctions: ['closeForm'], allowedOrigins: [{ origin: CRM, actions: ['CLOSE_FORM'] }] });
    expect(bridge.actions).toEqual(['CLOSE_TAB', 'DISPOSITION_CALL', 'CLOSE_FORM']);
    expect(connect(crm, CRM).welcome.actions).toEqual(['CLOSE_FORM']);
  });

  it('createHostBridge refuses the SQL runners by name', () => {
    for (const name of ['UC_get_async', 'UC_exec', 'UC_Save_async']) {
      expect(() => setup({ platformFunctions: [name as never] })).toThrow(TypeError);
      expect(() => setup({ actions: { [name]: () => 1 } })).toThrow(/runs SQL/);
    }
  });
});

describe('the call context under the exactly-once rules (bridge × context)', () => {
  const NEXT = { guid: 'g-2', campaign: 'Sales<-', callerid: '098000111', vars: {} };

  it('a retry of a disposition already done is answered from memory after the form moved to another call; a correction for the old call is WRONG_CALL', async () => {
    const { bridge, platform, crm, connect } = setup();
    const { port, received } = connect(crm, CRM);
    port.postMessage({ ucbridge: 1, id: 'r1', action: 'DISPOSITION_CALL', disposition });
    await settle();
    bridge.setCallContext(NEXT);
    // the CRM did not hear r1 (a timeout, a reload) and retries it: the first outcome, not a refusal
    port.postMessage({ ucbridge: 1, id: 'r2', action: 'DISPOSITION_CALL', disposition });
    port.postMessage({ ucbridge: 1, id: 'r3', action: 'DISPOSITION_CALL', disposition: { ...disposition, l1: 'NoSale' } });
    await settle();
    expect(received.filter((m) => m.replyTo).map((m) => [m.replyTo, m.ok, m.error?.code, m.error?.outcome])).toEqual([
      ['r1', true, undefined, undefined],
      ['r2', true, undefined, undefined],
      ['r3', false, 'WRONG_CALL', 'not-done'],
    ]);
    expect(platform).toHaveBeenCalledTimes(1);
  });

  it('a disposition refused WRONG_CALL is not remembered: once the form is on that call, the same disposition reaches the platform', async () => {
    const { bridge, platform, crm, connect } = setup();
    bridge.setCallContext(NEXT);
    const { port, received } = connect(crm, CRM);
    port.postMessage({ ucbridge: 1, id: 'r1', action: 'DISPOSITION_CALL', disposition });
    await settle();
    bridge.setCallContext(CALL);
    port.postMessage({ ucbridge: 1, id: 'r2', action: 'DISPOSITION_CALL', disposition });
    await settle();
    expect(received.filter((m) => m.replyTo).map((m) => [m.replyTo, m.ok, m.error?.code])).toEqual([
      ['r1', false, 'WRONG_CALL'],
      ['r2', true, undefined],
    ]);
    expect(platform.mock.calls.map((args) => args[2])).toEqual(['g-1']);
  });

  it('a refused HELLO is answered REFUSED with nothing but its id and code: never the call', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { crm, post } = setup();
    post({ ucbridge: 1, type: 'HELLO', id: 'h-evil', versions: [1] }, 'https://evil.example.com', crm);
    expect(crm.posted).toEqual([{ message: { ucbridge: 1, type: 'REFUSED', replyTo: 'h-evil', code: 'ORIGIN_NOT_ALLOWED' }, target: 'https://evil.example.com', port: undefined }]);
  });

  it('the per-frame limit counts a scoped origin\'s documented messages and port requests together; an out-of-scope one takes no place', async () => {
    const { crm, connect, post, rejected } = setup({ maxPendingPerPort: 1, platformTimeoutMs: Infinity, handlers: { dispositionCall: () => new Promise(() => {}) } });
    const { port, received } = connect(crm, CRM);
    post({ action: 'CLOSE_TAB' }, CRM, crm); // out of CRM's scope: UNKNOWN_ACTION, holds nothing
    post({ action: 'DISPOSITION_CALL', disposition }, CRM, crm); // pending: the frame's one place
    port.postMessage({ ucbridge: 1, id: 'r1', action: 'DISPOSITION_CALL', disposition: { ...disposition, l1: 'NoSale' } });
    await settle();
    expect(received.map((m) => [m.replyTo, m.error?.code])).toEqual([['r1', 'RATE_LIMITED']]);
    expect(rejected.map((e) => [e.kind, e.action, e.code])).toEqual([
      ['legacy', 'CLOSE_TAB', 'UNKNOWN_ACTION'],
      ['request', 'DISPOSITION_CALL', 'RATE_LIMITED'],
    ]);
  });
});

describe('the script tag: data-call-context="cti"', () => {
  const scriptWindow = () => ({ frames: [], CTI, addEventListener() {}, removeEventListener() {} }) as unknown as Window & { UCBridge?: UCBridgeGlobal };

  it('shares the CTI call with every listed origin', () => {
    const api = autoInstall({ dataset: { allowedOrigins: CRM, callContext: 'cti' } } as unknown as HTMLScriptElement, scriptWindow());
    expect(api.bridge?.callContext).toEqual({ guid: 'g-1', campaign: 'Sales<-', callerid: '099123456', vars: { state: 'KY' } });
    api.bridge!.destroy();
  });

  it('refuses any other value, after UCBridge is defined', () => {
    const win = scriptWindow();
    expect(() => autoInstall({ dataset: { allowedOrigins: CRM, callContext: 'yes' } } as unknown as HTMLScriptElement, win)).toThrow(new TypeError('ucbridge INVALID_OPTION: data-call-context must be "cti", not "yes"'));
    expect(typeof win.UCBridge?.createHostBridge).toBe('function');
  });
});
