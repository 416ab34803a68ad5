// Starts the QA demo: three Vite dev servers from this folder — three origins — and the Integra
// simulator. `npm start` (after building the packages) and Playwright's `demo` project run it.
//   A  http://localhost:5173   the stand-in agent console, the uContact form inside it, the upload page
//   B  http://127.0.0.1:5174   the CRM pages (the form frames them)
//   C  http://localhost:5175   the hostile page
//   http://127.0.0.1:8089      @ucbridge/integra-sim, for the upload page
// Every server serves every page; the origin a page is loaded from is what the demo is about.
// DEMO_WATCH=1 turns file watching and hot reload on (off by default: a reload in the middle of a
// QA session or an e2e run would lose what the page shows).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, defaultClientConditions } from 'vite';
import { ORIGINS, SIM } from './origins.mjs';

const root = import.meta.dirname;
const watch = process.env.DEMO_WATCH === '1';

// The form loads host-bridge the way a form author would: the built script-tag file, not a module.
const builtScripts = {
  '/lib/host-bridge.iife.js': join(root, '../packages/host-bridge/dist/host-bridge.iife.js'),
  '/lib/iframe-client.iife.js': join(root, '../packages/iframe-client/dist/iframe-client.iife.js'),
};

/** Serves the packages' built IIFE files; a missing one answers a script that says what to run. */
const serveBuiltScripts = {
  name: 'ucbridge-demo-built-scripts',
  configureServer(server) {
    server.middlewares.use((req, res, next) => {
      const file = builtScripts[req.url?.split('?')[0] ?? ''];
      if (!file) return next();
      res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
      res.setHeader('Cache-Control', 'no-store');
      res.end(existsSync(file) ? readFileSync(file) : `throw new Error(${JSON.stringify(`${file} is missing: run \`pnpm run build\` first`)});`);
    });
  },
};

const pages = ['index.html', 'form.html', 'form-legacy.html', 'crm-elements.html', 'crm-plain.html', 'crm-legacy.html', 'hostile.html', 'upload.html'];

/** One dev server for one origin; each keeps its own optimizer cache (three run from one root). */
function serve(role, origin) {
  const { hostname, port } = new URL(origin);
  return createServer({
    root,
    configFile: false,
    appType: 'mpa',
    logLevel: 'warn',
    clearScreen: false,
    cacheDir: join(root, 'node_modules', `.vite-${role}`),
    // workspace packages straight from their TypeScript sources
    resolve: { conditions: ['source', ...defaultClientConditions] },
    // every dependency is known up front: no re-optimization (and page reload) in the middle of a session
    optimizeDeps: { noDiscovery: true, include: ['lit', 'lit/directives/live.js'], entries: pages },
    plugins: [serveBuiltScripts],
    server: {
      host: hostname,
      port: Number(port),
      strictPort: true,
      // *.test names (lookalike origins, mapped to 127.0.0.1 by Chromium's --host-resolver-rules in e2e)
      allowedHosts: ['.test'],
      hmr: watch,
      watch: watch ? {} : null,
    },
  });
}

const started = [];
let stopping = false;

async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled(started.map((s) => s.close()));
  process.exit(code);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

try {
  let startIntegraSim;
  try {
    ({ startIntegraSim } = await import('@ucbridge/integra-sim'));
  } catch (error) {
    throw new Error(`@ucbridge/integra-sim is not built (${error.message}): run \`pnpm run build\` first`);
  }
  const { hostname, port } = new URL(SIM);
  started.push(await startIntegraSim({ host: hostname, port: Number(port), cors: [ORIGINS.console] }));
  // the console last: its URL answering is what Playwright waits for, so everything else is up by then
  for (const role of ['crm', 'hostile', 'console']) {
    const server = await serve(role, ORIGINS[role]);
    started.push(server);
    await server.listen();
  }
} catch (error) {
  console.error(`demo: ${error.message}`);
  await stop(1);
}

console.log(`
ucbridge demo — Ctrl-C stops it
  agent console + form (origin A)  ${ORIGINS.console}/
  dialer upload page   (origin A)  ${ORIGINS.console}/upload.html
  CRM pages            (origin B)  ${ORIGINS.crm}/crm-elements.html  (also crm-plain.html, crm-legacy.html)
  hostile page         (origin C)  ${ORIGINS.hostile}/hostile.html
  integra simulator                ${SIM}  (user api, password api-pass)
`);
