// The dialer benchmark: `node bench/dialer/run.mjs [--rounds N] [--rows N] [--json]`.
// Generates (once) a realistic CRM export of 1,000,000 contacts under bench/.work/ — BOM, CRLF,
// quoted names with commas, accents, typed alternative phones and 7 bad rows — then times, each
// in its own child process (so peak RSS is per run):
//   papaparse   parsing the whole file alone (its usual use),
//   csv-parse   parsing it alone, streaming,
//   pipeline    `ucbridge upload-base --dry-run`: parse + validate + encode every upload body,
//   pipeline-text  the same through prepareFile with `fastPath: false` (no UTF-8 fast path: every
//               row decoded, a contact object, DialerBaseBuilder.add): what the fast path saves.
// Prints a markdown report on stdout (progress on stderr). Needs the built package
// (`pnpm run build`), which the pipeline imports from packages/integra-api/dist.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BAD_ROWS, generate } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const { values: opt } = parseArgs({
  options: { rounds: { type: 'string', default: '3' }, rows: { type: 'string', default: '1000000' }, json: { type: 'boolean', default: false } },
});
const rounds = Number(opt.rounds);
const rows = Number(opt.rows);
const file = join(here, '..', '.work', `contacts-${rows}.csv`);
const log = (m) => process.stderr.write(`[dialer] ${m}\n`);

if (!existsSync(join(here, '../../packages/integra-api/dist/cli/main.js'))) {
  console.log('# Dialer CSV\n\nNot run: build first (`pnpm run build`), the pipeline runs packages/integra-api/dist.');
  process.exit(0);
}
if (!existsSync(file)) {
  log(`generating ${file}…`);
  await generate(file, rows);
}
const size = statSync(file).size;

const MODES = [
  ['papaparse', 'papaparse 5.7 alone, whole file'],
  ['csv-parse', 'csv-parse 7 alone, streaming'],
  ['pipeline', 'ucbridge pipeline (papaparse core parser, 64 KiB chunks): parse + validate + encode all bodies'],
  ['pipeline-text', 'same, ordinary path (`fastPath: false`: no UTF-8 fast path)'],
];
const runs = Object.fromEntries(MODES.map(([m]) => [m, []]));
for (let round = 1; round <= rounds; round++) {
  // rotate the order so no mode always runs first (cold disk cache, CPU boost)
  for (let i = 0; i < MODES.length; i++) {
    const [mode] = MODES[(i + round - 1) % MODES.length];
    const r = spawnSync(process.execPath, [join(here, 'measure.mjs'), mode, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (r.status !== 0) throw new Error(`${mode} failed (exit ${r.status})`);
    const result = JSON.parse(r.stdout.trim().split('\n').at(-1));
    runs[mode].push(result);
    log(`round ${round}: ${mode} ${(result.ms / 1000).toFixed(2)} s, ${result.maxRssMB.toFixed(0)} MB`);
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const summary = MODES.map(([mode, label]) => {
  const ms = median(runs[mode].map((r) => r.ms));
  const rss = Math.max(...runs[mode].map((r) => r.maxRssMB));
  const cpu = median(runs[mode].map((r) => r.cpuMs));
  return { mode, label, seconds: ms / 1000, cpuSeconds: cpu / 1000, rowsPerSecond: Math.round((rows / ms) * 1000), peakRssMB: Math.round(rss), last: runs[mode].at(-1) };
});
const [papa, csv, pipe, pipeText] = summary;
const fastest = Math.min(papa.seconds, csv.seconds);
const ratio = pipe.seconds / fastest;
const expectedBad = [...BAD_ROWS.keys()].map((i) => i + 2); // header is line 1, contact i is line i + 2
const foundAll = JSON.stringify(pipe.last.problemLines) === JSON.stringify(expectedBad.filter((l) => l <= rows + 1));

if (opt.json) {
  console.log(JSON.stringify({ file: { rows, bytes: size }, rounds, summary, ratio, foundAll }, null, 2));
  process.exit(0);
}
const fmt = (n) => n.toLocaleString('en-US');
console.log(`# Dialer CSV

${fmt(rows)} contacts, ${(size / 1e6).toFixed(1)} MB CSV (BOM, CRLF, quoted names with commas, accents, typed phones, ${BAD_ROWS.size} bad rows); median of ${rounds} round${rounds === 1 ? '' : 's'}, each run in its own process; time excludes Node start-up and imports.

| run | time | CPU time | rows/s | peak RSS |
|---|---:|---:|---:|---:|
${summary.map((s) => `| ${s.label} | ${s.seconds.toFixed(2)} s | ${s.cpuSeconds.toFixed(2)} s | ${fmt(s.rowsPerSecond)} | ${s.peakRssMB} MB |`).join('\n')}

Pipeline: ${pipe.last.parts} upload bodies encoded for ${fmt(pipe.last.contacts ?? 0)} valid contacts; ${pipe.last.problems} bad rows reported at lines ${pipe.last.problemLines.join(', ')} (${foundAll ? 'all expected' : 'NOT the expected ones'}).
Pipeline / fastest bare parse: ${ratio.toFixed(2)}× (goal ≤ 1.5×: ${ratio <= 1.5 ? 'met' : 'not met'}); peak RSS ${pipe.peakRssMB} MB (goal < 250 MB: ${pipe.peakRssMB < 250 ? 'met' : 'not met'}). Without the UTF-8 fast path: ${(pipeText.seconds / fastest).toFixed(2)}×, ${pipeText.peakRssMB} MB.
CPU time (user + system, all threads) is given because wall time suffers on a shared machine.
Command: \`node bench/dialer/run.mjs --rounds ${rounds}\`.`);
