/**
 * The seam between {@link postForm} and the network: one HTTP exchange, with two facts the
 * outcome depends on reported as they happen — the request body was fully written, and an
 * answer began. Node uses `node:http` (transport-node.ts, which knows both facts and checks the
 * address it connects to); browsers use `fetch`, which tells neither: there a request that
 * failed after `fetch` was called is taken as possibly sent.
 */
import { IntegraError } from './errors.js';

/**
 * Resolves a host name to the addresses a connection may use (IPv4 or IPv6 text). The default is
 * the system resolver (`dns.lookup`); tests pass their own.
 */
export type HostResolver = (hostname: string) => Promise<readonly string[]>;

/** One exchange for a {@link Transport}. */
export interface TransportRequest {
  url: URL;
  headers: Record<string, string>;
  body: Uint8Array;
  /** Aborting it stops the exchange at once (timeout, caller's signal). */
  signal: AbortSignal;
  /** Plain `http:`: connect only to a loopback address, decided by the address, not the name. */
  loopbackOnly: boolean;
  resolveHost: HostResolver | undefined;
  /** Called once the whole body was handed to the operating system. */
  onBodySent(): void;
}

/** The answer: status and body text (3xx are returned, never followed). */
export interface TransportResponse {
  status: number;
  text: string;
}

/** Performs one exchange; rejects with the network's error (or an {@link IntegraError}). */
export interface Transport {
  /** Whether {@link TransportRequest.onBodySent} is called; `false` (fetch): a failure after the start is "maybe sent". */
  readonly knowsBodySent: boolean;
  send(request: TransportRequest, onAnswer: () => void): Promise<TransportResponse>;
}

/** The browser transport: `fetch`, redirects not followed, no cookies, no cache. */
export const fetchTransport: Transport = {
  knowsBodySent: false,
  async send(request, onAnswer) {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body as BodyInit,
      signal: request.signal,
      // a redirect would carry the key or password elsewhere: report it instead of following
      redirect: 'manual',
      credentials: 'omit',
      cache: 'no-store',
    });
    onAnswer();
    const text = await response.text();
    // an opaque redirect (browsers) has status 0
    return { status: response.type === 'opaqueredirect' ? 302 : response.status, text };
  },
};

const NODE_TRANSPORT = './transport-node.js';
let nodeTransport: Promise<Transport> | undefined;

/**
 * The transport of this runtime: `node:http` under Node (loaded on first use, through a
 * specifier bundlers leave alone, so browser builds never see `node:` modules), else `fetch`.
 */
export function defaultTransport(): Promise<Transport> {
  const isNode = typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';
  if (!isNode) return Promise.resolve(fetchTransport);
  nodeTransport ??= import(/* @vite-ignore */ NODE_TRANSPORT).then((m: { nodeTransport: Transport }) => m.nodeTransport);
  return nodeTransport;
}

/** True for 127.0.0.0/8, `::1` and IPv4-mapped `::ffff:127.x.y.z` (brackets allowed). */
export function isLoopbackAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, '').toLowerCase();
  if (ip === '::1' || ip === '0:0:0:0:0:0:0:1') return true;
  return /^(?:::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ip);
}

/** The `INSECURE_URL` refusal for a loopback name that resolved elsewhere. */
export function notLoopbackError(hostname: string, address: string): IntegraError {
  return new IntegraError(
    'INSECURE_URL',
    `refusing plain http:// to ${hostname}: it resolves to ${address}, which is not a loopback address; nothing was sent (use https://, or a name that resolves to 127.0.0.0/8 or ::1)`,
  );
}
