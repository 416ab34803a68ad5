// Static server for the bridge e2e suite: the same files on three ports, so a page's origin is
// chosen by the URL it is loaded from (http://localhost:4101 the console and form, http://127.0.0.1:4102
// or a *.test name the CRM, http://localhost:4103 a hostile site). node:http only, no dependencies.
//   /health                      -> 200 "ok" (Playwright waits for it)
//   /dist/host-bridge.iife.js    -> packages/host-bridge/dist/host-bridge.iife.js (read at request time)
//   /dist/iframe-client.iife.js  -> packages/iframe-client/dist/iframe-client.iife.js
//   /<file>                      -> e2e/bridge/fixtures/<file>
// Exits on SIGTERM / SIGINT. PORTS=4101,4102,4103 and HOST=127.0.0.1 may be overridden.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const fixtures = join(here, 'fixtures');
const packages = join(here, '..', '..', 'packages');
const dist = {
  '/dist/host-bridge.iife.js': join(packages, 'host-bridge', 'dist', 'host-bridge.iife.js'),
  '/dist/iframe-client.iife.js': join(packages, 'iframe-client', 'dist', 'iframe-client.iife.js'),
};
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.map': 'application/json' };
const ports = (process.env.PORTS ?? '4101,4102,4103').split(',').map(Number);
const host = process.env.HOST ?? '127.0.0.1';

/** Maps a URL path to a file under fixtures/ (or a dist IIFE); undefined for anything outside. */
function resolve(pathname) {
  if (Object.hasOwn(dist, pathname)) return dist[pathname];
  if (Object.hasOwn(dist, pathname.replace(/\.map$/, ''))) return dist[pathname.replace(/\.map$/, '')] + '.map';
  let path;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (path.endsWith('/')) path += 'index.html';
  const file = normalize(join(fixtures, path));
  return file.startsWith(fixtures + sep) && !path.includes('\0') ? file : undefined;
}

async function handle(req, res) {
  const { pathname } = new URL(req.url ?? '/', 'http://x');
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
  if (pathname === '/health') return send(res, 200, 'ok');
  const file = resolve(pathname);
  if (!file) return send(res, 404, 'not found');
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    const missing = Object.values(dist).some((d) => file.startsWith(d));
    send(res, 404, missing ? `not built: ${pathname} (run pnpm run build)` : 'not found');
  }
}

function send(res, status, text) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

const servers = [];
for (const port of ports) {
  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, 'error'));
  });
  server.listen(port, host);
  server.on('error', (error) => {
    console.error(`serve.mjs: cannot listen on ${host}:${port}: ${error.message}`);
    process.exit(1);
  });
  servers.push(server);
  // `localhost` may resolve to ::1 first (Node's fetch, some Chromium builds): answer there too when the
  // machine has IPv6 loopback; failing to bind it is not an error.
  if (host === '127.0.0.1') {
    const v6 = createServer((req, res) => handle(req, res).catch(() => send(res, 500, 'error')));
    v6.on('error', () => {});
    v6.listen(port, '::1');
    servers.push(v6);
  }
}
console.log(`serve.mjs: ${ports.map((p) => `http://${host}:${p}`).join(' ')} serving ${fixtures}`);

const stop = () => {
  for (const server of servers) server.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
