// Latency, connection and throughput: one page load per library per round in headless Chromium,
// the parent on one origin and the child frame on another; the library order rotates every round.
import { chromium } from 'playwright';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { bundle } from './bundle.mjs';
import { CHILD_ORIGIN, PARENT_ORIGIN, startServer } from './server.mjs';

/** Builds the parent and child bundles of every library (harness + that library's pair). */
async function buildPages(libs) {
  const scripts = new Map();
  for (const { id } of libs) {
    scripts.set(`parent-${id}.js`, await bundle(`import * as pair from './pairs/${id}/host.mjs';\nimport { runParent } from './harness/parent.mjs';\nrunParent(pair, ${JSON.stringify(id)});\n`));
    scripts.set(`child-${id}.js`, await bundle(`import * as pair from './pairs/${id}/client.mjs';\nimport { runChild } from './harness/child.mjs';\nrunChild(pair);\n`));
  }
  return scripts;
}

/** Loads one library's page in a fresh context and resolves with the child's measurements. */
async function loadOnce(browser, lib, params, timeoutMs) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    let settle;
    const result = new Promise((resolve) => (settle = resolve));
    // exposed in every frame, the cross-origin child included
    await page.exposeBinding('__benchDone', (_source, json) => settle(JSON.parse(json)));
    const query = new URLSearchParams({ ...params, child: CHILD_ORIGIN });
    await page.goto(`${PARENT_ORIGIN}/p/${lib.id}?${query}`);
    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, error: `no result after ${timeoutMs / 1000} s${errors.length ? `: ${errors.join('; ')}` : ''}` }), timeoutMs);
    });
    const r = await Promise.race([result, timeout]);
    clearTimeout(timer);
    return r;
  } finally {
    await context.close();
  }
}

/**
 * Runs `rounds` rounds over `libs`; round r starts at library r (mod n) so no library always goes
 * first or last. Each round is one full load per library, then `connects` more loads per library
 * that stop after the first answered call (connection time is one sample per load and noisy).
 * Resolves to { results: Map(id -> [{ ...full load, connects: [ms...] }] per round), browserVersion }.
 */
export async function runBrowser(libs, { rounds, calls, warm, burst, connects, timeoutMs = 180_000, onProgress = () => {} }) {
  const scripts = await buildPages(libs);
  const close = await startServer(scripts);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
  const results = new Map(libs.map((l) => [l.id, []]));
  try {
    for (let r = 0; r < rounds; r++) {
      const order = libs.map((_, i) => libs[(i + r) % libs.length]);
      for (const lib of order) {
        const started = Date.now();
        const res = await loadOnce(browser, lib, { calls, warm, burst }, timeoutMs);
        if (res.ok) res.connects = [res.connectMs];
        results.get(lib.id).push(res);
        onProgress(`round ${r + 1}/${rounds} ${lib.id}: ${res.ok ? `ok in ${((Date.now() - started) / 1000).toFixed(1)} s` : `FAILED ${res.error}`}`);
      }
      for (let k = 0; k < connects; k++) {
        for (const lib of order) {
          const res = await loadOnce(browser, lib, { mode: 'connect' }, timeoutMs);
          const round = results.get(lib.id)[r];
          if (res.ok && round.ok) round.connects.push(res.connectMs);
          else if (!res.ok) onProgress(`round ${r + 1}/${rounds} ${lib.id} connect: FAILED ${res.error}`);
        }
      }
      if (connects) onProgress(`round ${r + 1}/${rounds}: ${connects} connection load(s) per library done`);
    }
  } finally {
    await browser.close();
    await close();
  }
  return { results, browserVersion: browser.version() };
}
