// The pairs under bench/pairs/<id>: a client (child frame) and a host (parent page) per library.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const benchDir = join(import.meta.dirname, '..');
export const rootDir = join(benchDir, '..');
export const workDir = join(benchDir, '.work');

/**
 * Every library measured, in the report's order. `pkg` is the npm package whose pinned version is
 * shown; `raw` marks the hand-written floors the others are compared with; `optional` ones run
 * only when `--only` names them.
 */
export const LIBRARIES = [
  { id: 'ucbridge', name: 'ucbridge', pkg: null },
  { id: 'penpal', name: 'penpal', pkg: 'penpal' },
  { id: 'postmate', name: 'postmate', pkg: 'postmate', note: 'call = emit() up + call() back (no child→parent reply in postmate)' },
  { id: 'post-robot', name: 'post-robot', pkg: 'post-robot' },
  { id: 'comlink', name: 'comlink', pkg: 'comlink' },
  { id: 'raw-window', name: 'raw window.postMessage', pkg: null, raw: true },
  { id: 'raw-port', name: 'raw MessagePort', pkg: null, raw: true },
  // only with --only: the floor of a port design whose first call rides the handshake
  { id: 'raw-port-eager', name: 'raw MessagePort, 1st call in handshake', pkg: null, raw: true, optional: true },
  // only with --only, after `node bench/baseline.mjs <ref>`: ucbridge as it was at <ref>, side by side
  { id: 'ucbridge-baseline', name: 'ucbridge', pkg: null, optional: true, baseline: true },
];

/** `name version` as installed in bench/node_modules (the pinned one), or the workspace version for ucbridge. */
export function label(lib) {
  if (lib.raw) return lib.name;
  if (lib.baseline) {
    const ref = join(workDir, 'baseline', '.ref');
    return existsSync(ref) ? `ucbridge at ${readFileSync(ref, 'utf8').trim()} (baseline)` : 'ucbridge baseline (not built: node bench/baseline.mjs <ref>)';
  }
  const file = lib.pkg
    ? join(benchDir, 'node_modules', lib.pkg, 'package.json')
    : join(rootDir, 'packages', 'iframe-client', 'package.json');
  return existsSync(file) ? `${lib.name} ${JSON.parse(readFileSync(file, 'utf8')).version}` : lib.name;
}

/** The two built script-tag files the size budget watches. */
export const IIFE = {
  client: join(rootDir, 'packages', 'iframe-client', 'dist', 'iframe-client.iife.js'),
  host: join(rootDir, 'packages', 'host-bridge', 'dist', 'host-bridge.iife.js'),
};

/** True when both ucbridge packages have a built dist (`pnpm run build`) to bundle from. */
export function ucbridgeBuilt() {
  return ['iframe-client', 'host-bridge'].every((p) => existsSync(join(rootDir, 'packages', p, 'dist', 'index.js')));
}

/** True when the ucbridge package sources exist at all (before the packages land the pair is skipped). */
export function ucbridgeAvailable() {
  return ['iframe-client', 'host-bridge'].every((p) => existsSync(join(rootDir, 'packages', p, 'src', 'index.ts')));
}

/** Names of the ucbridge packages whose dist is older than a file of their src (a rebuild is due). */
export function staleBuilds() {
  const newest = (dir) => {
    let t = 0;
    for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
      const dir = e.parentPath ?? e.path;
      // tests and the Lit elements (a build of their own) do not go into dist/index.js
      if (e.isFile() && !/\.test(-helper)?\.ts$/.test(e.name) && !/[\\/]elements$/.test(dir)) t = Math.max(t, statSync(join(dir, e.name)).mtimeMs);
    }
    return t;
  };
  return ['protocol', 'iframe-client', 'host-bridge'].filter((p) => {
    const dist = join(rootDir, 'packages', p, 'dist', 'index.js');
    return existsSync(dist) && newest(join(rootDir, 'packages', p, 'src')) > statSync(dist).mtimeMs;
  });
}
