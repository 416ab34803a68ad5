// `npm run bench`: size of every minimal pair, then latency / connection / throughput in headless
// Chromium across two origins, then the dialer CSV benchmark; prints one markdown report and writes
// it to bench/results/<date>.md, bench/results/latest.md and the table block of bench/README.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runBrowser } from './lib/latency.mjs';
import { LIBRARIES, benchDir, staleBuilds, ucbridgeAvailable, ucbridgeBuilt } from './lib/libraries.mjs';
import { report, summarize } from './lib/report.mjs';
import { perCallCosts } from './lib/per-call.mjs';
import { measureIife, measurePairs } from './lib/size.mjs';

const USAGE = `npm run bench [-- options]
  --rounds N    page loads per library, order rotated each round (default 5; 15+ for a stable figure)
  --calls N     sequential awaited calls per load (default 1000)
  --warm N      warm-up calls before them (default 100)
  --burst N     unawaited calls for throughput (default 10000)
  --connects N  extra connection-only loads per library per round (default 3)
  --only a,b    only these libraries (${LIBRARIES.map((l) => l.id).join(', ')})
  --size-only   no browser
  --no-dialer   skip the dialer CSV benchmark
  --no-write    print only; leave bench/results and README alone`;

const { values: opt } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    calls: { type: 'string', default: '1000' },
    warm: { type: 'string', default: '100' },
    burst: { type: 'string', default: '10000' },
    connects: { type: 'string', default: '3' },
    only: { type: 'string' },
    'size-only': { type: 'boolean', default: false },
    'no-dialer': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opt.help) {
  console.log(USAGE);
  process.exit(0);
}
const int = (name, least = 1) => {
  const n = Number(opt[name]);
  if (!Number.isInteger(n) || n < least) {
    console.error(`--${name} must be a positive integer\n\n${USAGE}`);
    process.exit(1);
  }
  return n;
};
const settings = { rounds: int('rounds'), calls: int('calls'), warm: int('warm'), burst: int('burst'), connects: int('connects', 0) };
settings.command = ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');

const notes = [];
let libs = LIBRARIES.filter((l) => !l.optional);
if (opt.only) {
  const wanted = opt.only.split(',');
  libs = LIBRARIES.filter((l) => wanted.includes(l.id));
}
if (!ucbridgeAvailable()) {
  libs = libs.filter((l) => l.id !== 'ucbridge');
  notes.push('ucbridge is not measured: packages/iframe-client or packages/host-bridge has no src/index.ts yet.');
} else if (!ucbridgeBuilt()) {
  notes.push('ucbridge pair bundled from TypeScript sources (no dist yet: run `pnpm run build` first for the published form and the IIFE sizes).');
} else if (staleBuilds().length) {
  notes.push(`The dist of ${staleBuilds().join(', ')} is older than its src: these figures are of the last build (run \`pnpm run build\`).`);
}

const log = (line) => console.error(line);
log('size: bundling minimal pairs with esbuild…');
const pairs = await measurePairs(libs);
const iife = measureIife();

let summary = null;
let browserVersion = '';
if (!opt['size-only']) {
  log(`browser: ${settings.rounds} round(s) × ${libs.length} libraries…`);
  const run = await runBrowser(libs, { ...settings, onProgress: log });
  browserVersion = `Chromium ${run.browserVersion}`;
  summary = summarize(libs, run.results);
  if ([...summary.values()].some((s) => s.rounds && !s.isolated)) notes.push('Some frames were not crossOriginIsolated: performance.now() was coarse (100 µs).');
}

const now = new Date();
const date = now.toISOString().slice(0, 10);
const cpu = cpus();
const env = [ucbridgeRevision(), `Node ${process.version}`, browserVersion, `${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}`, now.toISOString().slice(0, 16).replace('T', ' ') + ' UTC']
  .filter(Boolean)
  .join(' · ');

const perCall = libs.some((l) => l.id === 'ucbridge') ? await perCallCosts() : null;
let markdown = report({ date, env, settings, pairs, iife, libs, summary, perCall, notes });
markdown += dialer();

console.log(markdown);
if (!opt['no-write']) {
  const dir = join(benchDir, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${date}.md`), markdown);
  writeFileSync(join(dir, 'latest.md'), markdown);
  updateReadme(markdown);
  log(`wrote bench/results/${date}.md, bench/results/latest.md and the table in bench/README.md`);
}

/** `ucbridge <commit>`, marked when the packages measured have uncommitted changes. */
function ucbridgeRevision() {
  const git = (...args) => spawnSync('git', args, { cwd: benchDir, encoding: 'utf8' }).stdout?.trim() ?? '';
  const head = git('rev-parse', '--short', 'HEAD');
  if (!head) return '';
  const dirty = git('status', '--porcelain', '--', '../packages/protocol', '../packages/iframe-client', '../packages/host-bridge');
  return `ucbridge at ${head}${dirty ? ' + uncommitted changes in packages/' : ''}`;
}

/** Runs the dialer CSV benchmark when its entry script exists; otherwise says how to run it. */
function dialer() {
  const entry = ['run.mjs', 'bench.mjs', 'index.mjs'].map((f) => join(benchDir, 'dialer', f)).find(existsSync);
  if (!entry) return '\n## Dialer CSV\n\nNot run: bench/dialer has no entry script yet (bench/dialer/run.mjs). Run it on its own once it exists: `node bench/dialer/run.mjs`.\n';
  if (opt['no-dialer']) return `\n## Dialer CSV\n\nSkipped (--no-dialer). Run: \`node ${entry.slice(benchDir.length - 5)}\`.\n`;
  log(`dialer: node ${entry.slice(benchDir.length - 5)}…`);
  const r = spawnSync(process.execPath, [entry], { cwd: join(benchDir, '..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) return `\n## Dialer CSV\n\nThe dialer benchmark failed (exit ${r.status}).\n`;
  return `\n${r.stdout.trim().startsWith('#') ? r.stdout.trim().replace(/^# /, '## ') : `## Dialer CSV\n\n${r.stdout.trim()}`}\n`;
}

/** Replaces the block between the latest-results markers of bench/README.md with this report. */
function updateReadme(md) {
  const file = join(benchDir, 'README.md');
  if (!existsSync(file)) return;
  const text = readFileSync(file, 'utf8');
  const start = '<!-- latest:start -->';
  const end = '<!-- latest:end -->';
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) return;
  // one heading level down so the report nests under the README's own heading
  const body = md.replace(/^(#+) /gm, '#$1 ');
  writeFileSync(file, `${text.slice(0, a + start.length)}\n${body}\n${text.slice(b)}`);
}
