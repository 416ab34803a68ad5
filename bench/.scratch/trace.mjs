// scratch: where does ucbridge's connection time go?
import { chromium } from 'playwright';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { bundle } from '../lib/bundle.mjs';
import { CHILD_ORIGIN, PARENT_ORIGIN, startServer } from '../lib/server.mjs';
const ids = process.argv.slice(2);
const scripts = new Map();
for (const id of ids) {
  scripts.set(`parent-${id}.js`, await bundle(`import * as pair from './pairs/${id}/host.mjs';\nimport { runParent } from './harness/parent.mjs';\nrunParent(pair, ${JSON.stringify(id)});\n`));
  scripts.set(`child-${id}.js`, await bundle(`import * as pair from './pairs/${id}/client.mjs';
import { DISPOSITION } from './harness/disposition.mjs';
const t0 = self.__t0 ?? 0; const marks = { start: performance.now() - t0 };
self.__mark = (n) => (marks[n] = performance.now() - t0);
(async () => {
const conn = await pair.open(new URLSearchParams(location.search).get('host'));
marks.opened = performance.now() - t0;
await conn.call(DISPOSITION);
marks.answered = performance.now() - t0;
self.__benchDone(JSON.stringify({ ok: true, marks }));
})();
`));
}
const close = await startServer(scripts);
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
const all = {};
for (let r = 0; r < 12; r++) for (const id of ids) {
  const context = await browser.newContext();
  const page = await context.newPage();
  let settle; const result = new Promise((res) => (settle = res));
  await page.exposeBinding('__benchDone', (_s, json) => settle(JSON.parse(json)));
  await page.goto(`${PARENT_ORIGIN}/p/${id}?${new URLSearchParams({ child: CHILD_ORIGIN, mode: 'connect' })}`);
  const res = await result; await context.close();
  (all[id] ??= []).push(res.marks);
}
await browser.close(); await close();
for (const [id, runs] of Object.entries(all)) {
  const keys = Object.keys(runs[0]);
  const med = (k) => { const v = runs.map((m) => m[k]).filter((x) => x !== undefined).sort((a, b) => a - b); return v[v.length >> 1]?.toFixed(2); };
  console.log(id.padEnd(16), keys.map((k) => `${k}=${med(k)}`).join('  '));
}
