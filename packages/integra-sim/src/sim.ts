/**
 * `startIntegraSim`: a real `node:http` server that answers like uContact's Integra API.
 *
 * Order of a request: CORS → `/__sim/*` endpoints → route lookup → body → fault switch →
 * content type → key check → handler. Faults come before the key check: they stand for
 * failures in front of the platform (proxies, network).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultBook, GARBAGE_BODY, checkDelayMs, type SimFaultKind } from './faults.js';
import { builtinRoutes, type SimState } from './routes.js';
import type { IntegraSim, IntegraSimOptions, SimAnswer, SimRequestRecord, SimRouteHandler } from './types.js';
import { DEFAULT_SIM_USERS } from './users.js';

const PREFIX = '/Integra/resources/';
const MAX_BODY_BYTES = 64 * 1024 * 1024;
const SECRET_FIELDS = new Set(['password', 'token']);
// the full upload is in `uploads`; the request log keeps a prefix so long runs stay small
const MAX_LOGGED_VALUE = 256;
/** Faults applied after the route's handler ran (the platform has the request). */
const PROCESSED_FAULTS: ReadonlySet<SimFaultKind> = new Set(['slow', 'hold', 'drop-after-body']);
type FrontFault = Exclude<SimFaultKind, 'slow' | 'hold' | 'drop-after-body'>;

/**
 * Starts a simulator and resolves once it listens.
 * @example const sim = await startIntegraSim(); // sim.url → 'http://127.0.0.1:41234'
 */
export async function startIntegraSim(options: IntegraSimOptions = {}): Promise<IntegraSim> {
  const state: SimState = { users: options.users ?? DEFAULT_SIM_USERS, live: new Map(), sessions: [], uploads: [] };
  const routes = new Map(Object.entries(builtinRoutes(state)));
  for (const [route, handler] of Object.entries(options.routes ?? {})) routes.set(route, { handler, public: false });
  const faults = new FaultBook();
  const requests: SimRequestRecord[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const corsOrigins = new Set(options.cors ?? []);
  const unauthorized = options.unauthorized ?? 'http-401';

  if (options.slowMs !== undefined) checkDelayMs('slowMs', options.slowMs);
  // Infinity: never answer (the connection stays until the client or close() drops it)
  const delay = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (ms === Infinity) return;
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });
  // answers held by `hold` faults, so releaseHeld() can let them go
  const held = new Set<() => void>();
  const hold = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const release = (): void => {
        held.delete(release);
        resolve();
      };
      held.add(release);
      void delay(ms).then(release);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://sim.invalid');
    const origin = req.headers.origin;
    if (origin !== undefined && corsOrigins.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      if (origin !== undefined && corsOrigins.has(origin)) {
        res.setHeader('Access-Control-Allow-Methods', 'POST, GET, OPTIONS');
        res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
        res.setHeader('Access-Control-Max-Age', '600');
      }
      res.writeHead(204).end();
      return;
    }
    if (url.pathname.startsWith('/__sim/') && req.method === 'GET') {
      const data = url.pathname === '/__sim/uploads' ? state.uploads : url.pathname === '/__sim/requests' ? requests : undefined;
      send(res, data === undefined ? { status: 404, body: 'not found' } : { body: JSON.stringify(data), contentType: 'application/json; charset=UTF-8' });
      return;
    }

    const route = url.pathname.startsWith(PREFIX) ? url.pathname.slice(PREFIX.length) : url.pathname;
    const record: SimRequestRecord = {
      seq: requests.length + 1,
      at: new Date().toISOString(),
      method: req.method ?? '',
      route,
      params: {},
      contentType: req.headers['content-type'],
      hadAuthorization: req.headers.authorization !== undefined,
      user: undefined,
      status: 0,
      fault: undefined,
    };
    requests.push(record);
    const finish = (answer: SimAnswer): void => {
      record.status = typeof answer === 'string' ? 200 : (answer.status ?? 200);
      send(res, answer);
      options.onRequest?.(record);
    };

    const entry = routes.get(route);
    if (!url.pathname.startsWith(PREFIX) || entry === undefined) return finish({ status: 404, body: 'Not Found' });
    if (req.method !== 'POST') return finish({ status: 405, body: 'Method Not Allowed' });

    const params = Object.fromEntries(new URLSearchParams(await readBody(req)));
    record.params = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, logValue(k, v)]));

    const fault = faults.take(route);
    record.fault = fault?.kind;
    if (fault !== undefined && !PROCESSED_FAULTS.has(fault.kind)) return applyFault(fault.kind as FrontFault, res, record, options.onRequest);
    if (fault?.kind === 'slow') await delay(fault.delayMs);
    if (options.slowMs !== undefined) await delay(options.slowMs);

    if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) {
      return finish({ status: 415, body: 'Unsupported Media Type' });
    }
    const key = /^Basic (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const session = key === undefined ? undefined : state.live.get(key);
    record.user = session?.user;
    if (!entry.public && session === undefined) {
      return finish(unauthorized === 'http-401' ? { status: 401, body: '0' } : '0');
    }
    const answer = await entry.handler({ route, params, user: session?.user, headers: req.headers });
    // the platform has processed the request; these faults lose or delay only its answer
    if (fault?.kind === 'hold') await hold(fault.delayMs);
    if (fault?.kind === 'drop-after-body') {
      res.socket?.destroy();
      options.onRequest?.(record);
      return;
    }
    finish(answer);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, { status: 500, body: 'simulator error' });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${hostForUrl}:${address.port}`,
    port: address.port,
    requests,
    uploads: state.uploads,
    sessions: state.sessions,
    isLive: (key) => state.live.has(key),
    setFault: (kind, faultOptions) => faults.add(kind, faultOptions),
    clearFaults: (route) => faults.clear(route),
    releaseHeld: () => {
      for (const release of [...held]) release();
    },
    addRoute: (route: string, handler: SimRouteHandler, routeOptions = {}) =>
      void routes.set(route.replace(/^\/+/, ''), { handler, public: routeOptions.public ?? false }),
    revokeAll: () => {
      const now = new Date().toISOString();
      for (const session of state.live.values()) session.endedAt = now;
      state.live.clear();
    },
    clearLog: () => {
      requests.length = 0;
      state.uploads.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A field as the log keeps it: secrets masked, long values (a `fileb64`) shortened. */
function logValue(name: string, value: string): string {
  if (SECRET_FIELDS.has(name)) return '***';
  return value.length > MAX_LOGGED_VALUE ? `${value.slice(0, 64)}… (${value.length} characters)` : value;
}

function send(res: ServerResponse, answer: SimAnswer): void {
  const { status = 200, body, contentType = 'text/plain; charset=UTF-8' } = typeof answer === 'string' ? { body: answer } : answer;
  const bytes = Buffer.from(body, 'utf8');
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': bytes.length, 'Cache-Control': 'no-store' });
  res.end(bytes);
}

function applyFault(
  kind: FrontFault,
  res: ServerResponse,
  record: SimRequestRecord,
  onRequest: ((r: SimRequestRecord) => void) | undefined,
): void {
  const answer: SimAnswer | undefined =
    kind === 'http-500' ? { status: 500, body: 'Internal Server Error' }
    : kind === 'garbage' ? { body: GARBAGE_BODY, contentType: 'text/html' }
    : kind === 'zero' ? '0'
    : kind === 'error' ? 'ERROR'
    : undefined;
  if (answer !== undefined) {
    record.status = typeof answer === 'string' ? 200 : (answer.status ?? 200);
    send(res, answer);
  } else if (kind === 'drop') {
    res.socket?.destroy();
  } else {
    // drop-mid-body: promise 64 bytes, send 8, hang up
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 64 });
    record.status = 200;
    res.write('[{"md5se', () => res.socket?.destroy());
  }
  onRequest?.(record);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
