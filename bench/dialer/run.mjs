// The dialer benchmark: `node bench/dialer/run.mjs [--rounds N] [--sizes 1000000,5000000,10000000] [--json]`.
// Generates (once) realistic CRM exports under bench/.work/ — BOM, CRLF, quoted names with commas,
// accents, typed alternative phones; one with 7 bad rows, one clean — then times, each in its own
// child process (so peak RSS is per run):
//   papaparse      parsing the whole file alone (its usual use)           — first size only
//   csv-parse      parsing it alone, streaming                            — first size only
//   pipeline       `ucbridge upload-base --dry-run`: parse + validate + encode every upload body
//   pipeline-text  the same through prepareFile with `fastPath: false` (no UTF-8 fast path: every
//                  row decoded, a contact object, DialerBaseBuilder.add) — first size only
//   upload         `ucbridge upload-base` of the clean file to a local server that discards the
//                  bodies: pass 1 (check, hash each part), journal, login, pass 2 (read again,
//                  send each part as it completes), logout
//   upload-dedupe  the same with `--dedupe` (pass 1 holds the table of phones) — last size only
// Prints a markdown report on stdout (progress on stderr). Needs the built package
// (`pnpm run build`), which the pipeline imports from packages/integra-api/dist.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BAD_ROWS, generate } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const { values: opt } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    sizes: { type: 'string', default: '1000000' },
    rows: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const rounds = Number(opt.rounds);
const sizes = (opt.rows ?? opt.sizes).split(',').map(Number);
const log = (m) => process.stderr.write(`[dialer] ${m}\n`);

if (!existsSync(join(here, '../../packages/integra-api/dist/cli/main.js'))) {
  console.log('# Dialer CSV\n\nNot run: build first (`pnpm run build`), the pipeline runs packages/integra-api/dist.');
  process.exit(0);
}

// the stand-in platform for the upload runs, in a process of its own
const server = spawn(process.execPath, [join(here, 'discard-server.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
const [url] = (await once(server.stdout, 'data')).map((b) => b.toString().trim());

async function fileOf(rows, clean) {
  const file = join(here, '..', '.work', `contacts-${rows}${clean ? '-clean' : ''}.csv`);
  if (!existsSync(file)) {
    log(`generating ${file}…`);
    await generate(file, rows, { clean });
  }
  return file;
}

const LABELS = {
  papaparse: 'papaparse 5.7 alone, whole file',
  'csv-parse': 'csv-parse 7 alone, streaming',
  pipeline: 'ucbridge dry run: parse + validate + encode all bodies (one pass)',
  'pipeline-text': 'same, ordinary path (`fastPath: false`: no UTF-8 fast path)',
  upload: 'ucbridge upload: check + hash (pass 1), read again + send each part (pass 2)',
  'upload-dedupe': 'same upload with `--dedupe`',
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const results = [];
for (const [n, rows] of sizes.entries()) {
  const file = await fileOf(rows, false);
  const clean = await fileOf(rows, true);
  // papaparse cannot hold a file past V8's string limit as one string: the bare parses at the first size
  const modes = n === 0 ? ['papaparse', 'csv-parse', 'pipeline', 'pipeline-text', 'upload'] : ['pipeline', 'upload'];
  if (n === sizes.length - 1) modes.push('upload-dedupe');
  const runs = Object.fromEntries(modes.map((m) => [m, []]));
  for (let round = 1; round <= rounds; round++) {
    // rotate the order so no mode always runs first (cold disk cache, CPU boost)
    for (let i = 0; i < modes.length; i++) {
      const mode = modes[(i + round - 1) % modes.length];
      const sends = mode.startsWith('upload');
      const args = sends ? [join(here, 'measure.mjs'), mode, clean, url] : [join(here, 'measure.mjs'), mode, file];
      const r = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      if (r.status !== 0) throw new Error(`${mode} failed (exit ${r.status})`);
      const result = JSON.parse(r.stdout.trim().split('\n').at(-1));
      if (sends && result.exit !== 0) throw new Error(`upload exited ${result.exit}`);
      runs[mode].push(result);
      log(`${rows} rows, round ${round}: ${mode} ${(result.ms / 1000).toFixed(2)} s, ${result.maxRssMB.toFixed(0)} MB`);
    }
  }
  const summary = modes.map((mode) => ({
    mode,
    label: LABELS[mode],
    seconds: median(runs[mode].map((r) => r.ms)) / 1000,
    cpuSeconds: median(runs[mode].map((r) => r.cpuMs)) / 1000,
    // measure.mjs reports maxRSS (KiB) / 1024: MiB
    peakRssMiB: Math.round(Math.max(...runs[mode].map((r) => r.maxRssMB))),
    last: runs[mode].at(-1),
  }));
  results.push({ rows, bytes: statSync(file).size, summary });
}
server.kill();

if (opt.json) {
  console.log(JSON.stringify({ rounds, results }, null, 2));
  process.exit(0);
}
const fmt = (x) => x.toLocaleString('en-US');
const first = results[0];
const get = (r, mode) => r.summary.find((s) => s.mode === mode);
const papa = get(first, 'papaparse');
const pipe = get(first, 'pipeline');
const ratio = pipe.seconds / papa.seconds;
const expectedBad = [...BAD_ROWS.keys()].map((i) => i + 2).filter((l) => l <= first.rows + 1);
const foundAll = JSON.stringify(pipe.last.problemLines) === JSON.stringify(expectedBad);
const maxRss = Math.max(...results.flatMap((r) => r.summary.filter((s) => s.mode === 'pipeline' || s.mode.startsWith('upload')).map((s) => s.peakRssMiB)));
console.log(`# Dialer CSV

Realistic CRM exports (BOM, CRLF, quoted names with commas, accents, typed phones; the dry-run file has ${BAD_ROWS.size} bad rows, the upload file none); median of ${rounds} round${rounds === 1 ? '' : 's'}, each run in its own process; time excludes Node start-up and imports. Peak RSS is the process's maxRSS in MiB.

${results.map((r) => `## ${fmt(r.rows)} contacts (${(r.bytes / 1e6).toFixed(1)} MB)

| run | time | CPU time | peak RSS |
|---|---:|---:|---:|
${r.summary.map((s) => `| ${s.label} | ${s.seconds.toFixed(2)} s | ${s.cpuSeconds.toFixed(2)} s | ${s.peakRssMiB} MiB |`).join('\n')}
`).join('\n')}
Dry run of ${fmt(first.rows)} / papaparse's bare parse of the same file in the same run: ${ratio.toFixed(2)}× (goal ≤ 1.3×: ${ratio <= 1.3 ? 'met' : 'not met'}); bad rows reported at lines ${pipe.last.problemLines.join(', ')} (${foundAll ? 'all expected' : 'NOT the expected ones'}).
Peak RSS of every dry run and upload (with \`--dedupe\` too): at most ${maxRss} MiB (goal < 250 MiB at every size: ${maxRss < 250 ? 'met' : 'not met'}).
CPU time (user + system, all threads) is given because wall time suffers on a shared machine.
Command: \`node bench/dialer/run.mjs --rounds ${rounds} --sizes ${sizes.join(',')}\`.`);
