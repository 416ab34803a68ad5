// A static server for the latency pages, listening on two ports = two origins
// (http://localhost:P1 parent, http://127.0.0.1:P2 child). Every response is cross-origin
// isolated (COOP/COEP) and embeddable (CORP) so performance.now() keeps its fine resolution.
import { createServer } from 'node:http';

export const PARENT_PORT = 4201;
export const CHILD_PORT = 4202;
export const PARENT_ORIGIN = `http://localhost:${PARENT_PORT}`;
export const CHILD_ORIGIN = `http://127.0.0.1:${CHILD_PORT}`;

const HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Cache-Control': 'no-store',
};

// Bundles are inlined: no fetch between the child's first line and its library, only parse and run.
// (esbuild escapes "</script" inside its output, so inlining is safe.)
const page = (script, head = '') => `<!doctype html><html><head><meta charset="utf-8">${head}</head><body><script>${script}</script></body></html>`;

/**
 * Starts both listeners. `scripts` maps a bundle name (`parent-penpal.js`) to its text.
 * Routes: /p/<lib> parent page, /c/<lib> child page (bundles inline), /js/<name> a bundle alone. Resolves to close().
 */
export async function startServer(scripts) {
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://x');
    const [, kind, name] = pathname.split('/');
    let body;
    let type = 'text/html; charset=utf-8';
    if (kind === 'p' && scripts.has(`parent-${name}.js`)) body = page(scripts.get(`parent-${name}.js`));
    // the child's first line runs before its library bundle is parsed: connection time counts the parse
    else if (kind === 'c' && scripts.has(`child-${name}.js`)) body = page(scripts.get(`child-${name}.js`), '<script>self.__t0 = performance.now()</script>');
    else if (kind === 'js' && scripts.has(name)) {
      body = scripts.get(name);
      type = 'text/javascript; charset=utf-8';
    }
    if (body === undefined) {
      res.writeHead(404, HEADERS).end('not found');
      return;
    }
    res.writeHead(200, { ...HEADERS, 'Content-Type': type }).end(body);
  });
  const child = createServer(server.listeners('request')[0]);
  await Promise.all([
    new Promise((resolve, reject) => server.once('error', reject).listen(PARENT_PORT, '127.0.0.1', resolve)),
    new Promise((resolve, reject) => child.once('error', reject).listen(CHILD_PORT, '127.0.0.1', resolve)),
  ]);
  return () => Promise.all([new Promise((r) => server.close(r)), new Promise((r) => child.close(r))]);
}
