// The work ucbridge adds to every call beyond a raw MessagePort pair, timed alone in headless
// Chromium (the browser cannot split a round trip into its parts; this explains the gap to the floor).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { bundle } from './bundle.mjs';
import { rootDir } from './libraries.mjs';

// Runs in the page: µs per run of each piece, best of three batches after a warm-up.
const PAGE = `
import { checkDisposition, checkRequest } from 'PROTOCOL';
import { DISPOSITION } from './harness/disposition.mjs';
const REQUEST = { ucbridge: 1, id: 'k2x9f1', action: 'DISPOSITION_CALL', disposition: DISPOSITION };
function time(f, n = 20000) {
  for (let i = 0; i < n / 5; i++) f();
  let best = Infinity;
  for (let b = 0; b < 3; b++) {
    const t = performance.now();
    for (let i = 0; i < n; i++) f();
    best = Math.min(best, ((performance.now() - t) / n) * 1000);
  }
  return best;
}
function timersWithPending(n) {
  const t = performance.now();
  const ids = [];
  for (let i = 0; i < n; i++) ids.push(setTimeout(() => {}, 15000));
  for (const id of ids) clearTimeout(id);
  return ((performance.now() - t) / n) * 1000;
}
let k = 0;
window.__perCall = () => [
  ['client: checkDisposition(d) before sending', time(() => checkDisposition(DISPOSITION))],
  ['host: checkRequest(request) on arrival (checks the disposition again)', time(() => checkRequest(REQUEST))],
  ['one timer set and cleared, few pending (client: the call timeout, sequential calls)', time(() => clearTimeout(setTimeout(() => {}, 15000)))],
  ['one timer set and cleared with 10,000 pending (client: the call timeout, during the burst)', Math.min(timersWithPending(10000), timersWithPending(10000))],
  ['a random id (Math.random().toString(36))', time(() => Math.random().toString(36).slice(2) + ++k)],
  ['for scale: structuredClone of the request (postMessage does this once per direction, in every library)', time(() => structuredClone(REQUEST))],
];
`;

/** Rows `[what, µs]`, or null when @ucbridge/protocol has neither dist nor src. */
export async function perCallCosts() {
  const dist = join(rootDir, 'packages', 'protocol', 'dist', 'index.js');
  const src = join(rootDir, 'packages', 'protocol', 'src', 'index.ts');
  const file = existsSync(dist) ? dist : existsSync(src) ? src : null;
  if (!file) return null;
  const script = await bundle(PAGE.replace('PROTOCOL', file.replaceAll('\\', '/')));
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
  try {
    const page = await browser.newPage();
    await page.setContent(`<script>${script}</script>`);
    return await page.evaluate(() => window.__perCall());
  } finally {
    await browser.close();
  }
}
