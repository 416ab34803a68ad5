// `npm test`: installs what is missing, builds, then runs every test — unit and browser (Vitest),
// end-to-end (Playwright), the consumer test (consumer/: release/ installed into fresh projects) —
// and ends with one line `N passed, N failed` over all of them.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium, ensureDependencies, ensurePnpm, root, tryRun } from './bootstrap.mjs';

const pnpm = ensurePnpm();
const reports = join(root, 'test-results', 'counts');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

let passed = 0;
let failed = 0;

function step(name, ok) {
  if (ok) return true;
  console.error(`\n✗ ${name} failed`);
  failed += 1;
  return false;
}

function finish() {
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

ensureDependencies(pnpm);
ensureChromium();
if (!step('build', tryRun(pnpm, ['run', 'build']) === 0)) finish();
step('typecheck', tryRun(pnpm, ['run', 'typecheck']) === 0);

const vitestJson = join(reports, 'vitest.json');
tryRun(pnpm, ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
count('vitest', vitestJson, (r) => [r.numPassedTests, r.numFailedTests + (r.success || r.numFailedTests ? 0 : 1)]);

const playwrightJson = join(reports, 'playwright.json');
tryRun(pnpm, ['exec', 'playwright', 'test', '--reporter=list,json'], {
  env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson, PLAYWRIGHT_JSON_OUTPUT_FILE: playwrightJson },
});
count('playwright', playwrightJson, (r) => [
  r.stats.expected + r.stats.flaky,
  r.stats.unexpected + r.stats.skipped + (r.errors?.length ?? 0),
]);

// the consumer test (issue 13): release/, each tarball installed alone into a fresh project with npm,
// typechecked, bundled and run in Chromium; the script tags with their integrity; the installed CLI
const consumerJson = join(reports, 'consumer.json');
tryRun(pnpm, ['exec', 'playwright', 'test', '-c', 'consumer/playwright.config.ts', '--reporter=list,json'], {
  env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: consumerJson, PLAYWRIGHT_JSON_OUTPUT_FILE: consumerJson },
});
count('consumer', consumerJson, (r) => [
  r.stats.expected + r.stats.flaky,
  r.stats.unexpected + r.stats.skipped + (r.errors?.length ?? 0),
]);

finish();

/** Adds a runner's counts from its JSON report; a missing or unreadable report is one failure. */
function count(runner, file, read) {
  try {
    const [p, f] = read(JSON.parse(readFileSync(file, 'utf8')));
    console.log(`${runner}: ${p} passed, ${f} failed`);
    passed += p;
    failed += f;
  } catch (error) {
    step(`${runner} (no report: ${error.message})`, false);
  }
}
