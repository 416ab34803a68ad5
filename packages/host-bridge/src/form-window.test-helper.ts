import { createHostBridge, type BridgeLogEvent, type HostBridge, type HostBridgeOptions } from '@ucbridge/host-bridge';
import { vi } from 'vitest';
import type { MessagePort as NodePort } from 'node:worker_threads';

// A form window for Node tests: a fake window with one CRM child frame, the platform's
// UC_DispositionCall answering when the test says so, and real ports after the handshake.
export const CRM = 'https://crm.example.com';

export function frame(parent?: unknown) {
  const posted: { message: any; target: string; port?: NodePort }[] = [];
  return { parent, posted, postMessage: (message: unknown, target: string, transfer?: NodePort[]) => void posted.push({ message, target, port: transfer?.[0] }) };
}
export type Frame = ReturnType<typeof frame>;

/** The platform's UC_DispositionCall, answering when the test says so. */
export function platform() {
  const calls: { args: unknown[]; success: (v: unknown) => void; error: (r: unknown) => void }[] = [];
  const fn = vi.fn((...args: unknown[]) => void calls.push({ args: args.slice(0, 10), success: args[10] as never, error: args[11] as never }));
  return { fn, calls };
}

/** Every bridge and port a test made: cleanUp() ends them. */
export const bridges: HostBridge[] = [];
export const ports: NodePort[] = [];
/** Destroys every bridge and closes every port the tests made (call in afterEach). */
export function cleanUp() {
  bridges.splice(0).forEach((bridge) => bridge.destroy());
  ports.splice(0).forEach((port) => port.close());
  vi.useRealTimers();
}

export function setup(options: Partial<HostBridgeOptions> = {}, before?: (win: any) => void) {
  const listeners = new Set<(event: unknown) => void>();
  const uc = platform();
  const win: any = {
    frames: [] as Frame[],
    parent: { closeActiveTab: vi.fn() },
    UC_DispositionCall: uc.fn,
    addEventListener: (type: string, fn: (event: unknown) => void) => type == 'message' && listeners.add(fn),
    removeEventListener: (_: string, fn: (event: unknown) => void) => listeners.delete(fn),
  };
  const crm = frame(win);
  win.frames.push(crm);
  before?.(win);
  const accepted: BridgeLogEvent[] = [];
  const rejected: BridgeLogEvent[] = [];
  const bridge = createHostBridge({ allowedOrigins: CRM, onAccepted: (e) => accepted.push(e), onRejected: (e) => rejected.push(e), window: win, ...options });
  bridges.push(bridge);
  const post = (data: unknown, source: unknown = crm, origin = CRM) => listeners.forEach((fn) => fn({ data, origin, source }));
  const connect = (id = 'h' + Math.random().toString(36).slice(2)) => {
    post({ ucbridge: 1, type: 'HELLO', id, versions: [1] });
    const port = crm.posted.at(-1)!.port!;
    ports.push(port);
    return port;
  };
  return { win, uc, crm, bridge, post, connect, accepted, rejected, listeners };
}

