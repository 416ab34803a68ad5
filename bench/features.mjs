// Per-feature byte table of the two script-tag builds (issue 15: "every byte earns its place").
//
//   node bench/features.mjs            prints a markdown table per build
//   node bench/features.mjs --json     the same as JSON
//
// How: esbuild bundles each IIFE entry from the TypeScript sources, minified, with private names
// shortened as the real build does (vite.mangle.ts's PRIVATE_NAME), and its metafile says how many
// bytes of the minified output each source file holds. Files are one concept each, so a file is a
// feature; FEATURES below groups the few that belong together. Gzip does not add up per file, so
// each feature's gzip figure is an estimate: its share of the minified bytes times the build's gzip
// size. The whole build's gzip size is exact. Figures are for reading, not for tests
// (bench/budgets.mjs holds the budgets npm test checks).
import { build } from 'esbuild';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Same rule as packages/iframe-client/vite.mangle.ts (kept in one place there; repeated here as data). */
const PRIVATE_NAME = /^[a-z]\w*[a-z]_$/i;

const BUILDS = [
  { name: 'client', entry: 'packages/iframe-client/src/iife.ts' },
  { name: 'host', entry: 'packages/host-bridge/src/iife.ts' },
];

/** Source files that together make one feature; any other file is its own feature, named by its path. */
const FEATURES = {
  'call context (CTI, current call, scopes)': ['host-bridge/src/cti.ts', 'host-bridge/src/current-call.ts', 'host-bridge/src/scopes.ts', 'protocol/src/call-context.ts', 'iframe-client/src/call-context.ts'],
  'form functions (closeForm, tagRecord, makeCall, notify, hangUp)': ['host-bridge/src/platform-functions.ts', 'protocol/src/form-functions.ts'],
  'debug log option': ['host-bridge/src/debug-log.ts', 'iframe-client/src/debug-log.ts'],
  'origin patterns and lists': ['protocol/src/origin.ts', 'iframe-client/src/target.ts'],
  'disposition check': ['protocol/src/disposition.ts', 'protocol/src/fields.ts', 'protocol/src/checked.ts'],
};

function featureOf(file) {
  const path = relative(join(root, 'packages'), join(root, file)).replaceAll('\\', '/');
  for (const [feature, files] of Object.entries(FEATURES)) if (files.includes(path)) return feature;
  return path;
}

async function measure({ name, entry }) {
  const result = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2022',
    conditions: ['source'],
    mangleProps: PRIVATE_NAME,
    write: false,
    metafile: true,
    outfile: `${name}.js`,
    logLevel: 'silent',
  });
  const code = result.outputFiles.find((file) => file.path.endsWith('.js')).contents;
  const minified = code.length;
  const gzip = gzipSync(code, { level: 9 }).length;
  const inputs = Object.values(result.metafile.outputs)[0].inputs;
  const features = new Map();
  for (const [file, { bytesInOutput }] of Object.entries(inputs)) {
    const feature = featureOf(file);
    features.set(feature, (features.get(feature) ?? 0) + bytesInOutput);
  }
  const rows = [...features]
    .filter(([, bytes]) => bytes > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([feature, bytes]) => ({ feature, minified: bytes, gzipEstimate: Math.round((bytes / minified) * gzip) }));
  return { name, entry: basename(entry), minified, gzip, rows };
}

const results = await Promise.all(BUILDS.map(measure));
if (process.argv.includes('--json')) console.log(JSON.stringify(results, null, 2));
else {
  for (const { name, minified, gzip, rows } of results) {
    console.log(`\n### ${name} script tag: ${minified.toLocaleString('en')} B minified, ${gzip.toLocaleString('en')} B gzip -9\n`);
    console.log('| feature (source file or group) | minified B | share | gzip B (estimate) |');
    console.log('|---|---:|---:|---:|');
    for (const row of rows) {
      console.log(`| ${row.feature} | ${row.minified.toLocaleString('en')} | ${((row.minified / minified) * 100).toFixed(1)} % | ${row.gzipEstimate.toLocaleString('en')} |`);
    }
  }
}
