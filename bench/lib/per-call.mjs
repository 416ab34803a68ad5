// The work ucbridge adds to every call beyond a raw MessagePort pair, timed in Node (same V8 as
// Chromium): it explains most of the round-trip gap to the floor, which the browser cannot split.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DISPOSITION } from '../harness/disposition.mjs';
import { rootDir } from './libraries.mjs';

const REQUEST = { ucbridge: 1, id: 'k2x9f1', action: 'DISPOSITION_CALL', disposition: DISPOSITION };

/** µs per run of `f`, after a warm-up, best of three batches. */
function time(f, n = 50_000) {
  for (let i = 0; i < n / 5; i++) f();
  let best = Infinity;
  for (let b = 0; b < 3; b++) {
    const t = performance.now();
    for (let i = 0; i < n; i++) f();
    best = Math.min(best, ((performance.now() - t) / n) * 1000);
  }
  return best;
}

/** Rows `[what, µs]`, or null when @ucbridge/protocol is not built. */
export async function perCallCosts() {
  const file = join(rootDir, 'packages', 'protocol', 'dist', 'index.js');
  if (!existsSync(file)) return null;
  const { checkDisposition, checkRequest } = await import(pathToFileURL(file).href);
  let n = 0;
  return [
    ['client: checkDisposition(d) before sending', time(() => checkDisposition(DISPOSITION))],
    ['host: checkRequest(request) on arrival (checks the disposition again)', time(() => checkRequest(REQUEST))],
    ['one timer set and cleared (each side keeps one per call)', time(() => clearTimeout(setTimeout(() => {}, 15_000)))],
    ['a random id (Math.random().toString(36))', time(() => Math.random().toString(36).slice(2) + ++n)],
    ['for scale: structuredClone of the request (postMessage does this once per direction, in every library)', time(() => structuredClone(REQUEST))],
  ];
}
