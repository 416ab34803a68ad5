// Makes a machine that has only Node and npm ready to run the project: pnpm, the workspace's
// dependencies and (for tests) Debian's chromium. Used by `npm start` and `npm test`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromiumPath } from './chromium.mjs';

export const root = join(import.meta.dirname, '..');
const PNPM_VERSION = '10.34.9'; // equal to package.json "packageManager"; 11+ needs Node 22

function versionOf(cmd) {
  try {
    return execFileSync(cmd, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

/**
 * The pnpm to run: a global pnpm 10, else a private copy installed with npm under .tools/ (no root
 * needed). `options` go to the install's spawn (`{ stdio }` to keep stdout clean).
 */
export function ensurePnpm(options = {}) {
  if (versionOf('pnpm').startsWith('10.')) return 'pnpm';
  const bin = join(root, '.tools', 'node_modules', '.bin');
  if (!existsSync(join(bin, 'pnpm'))) {
    console.error(`installing pnpm@${PNPM_VERSION} into .tools/ with npm`);
    run('npm', ['install', '--prefix', join(root, '.tools'), '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `pnpm@${PNPM_VERSION}`], options);
  }
  // scripts run by pnpm call `pnpm` again (the root build script does): put it on their PATH
  process.env.PATH = `${bin}${delimiter}${process.env.PATH}`;
  return 'pnpm';
}

/** Installs the workspace's dependencies exactly as the lockfile says (fast when nothing changed). */
export function ensureDependencies(pnpm, options = {}) {
  run(pnpm, ['install', '--frozen-lockfile', '--config.confirmModulesPurge=false'], options);
}

/** Debian's chromium (or $CHROMIUM); installs it with apt when running as root, else explains. */
export function ensureChromium() {
  if (existsSync(chromiumPath)) return;
  if (process.env.CHROMIUM) fail(`CHROMIUM=${chromiumPath} does not exist`);
  if (process.getuid?.() !== 0) {
    fail('Chromium is missing: run `sudo apt-get install -y chromium` (or set CHROMIUM=/path/to/chromium), then run this again.');
  }
  console.log('installing Debian chromium with apt-get');
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (!existsSync(chromiumPath)) fail(`apt-get installed chromium but ${chromiumPath} is not there`);
}

/** Runs a command in the repository root with inherited output; returns its exit status. */
export function tryRun(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) console.error(`${cmd}: ${result.error.message}`);
  return result.status ?? 1;
}

export function run(cmd, args, options = {}) {
  const status = tryRun(cmd, args, options);
  if (status !== 0) fail(`\`${cmd} ${args.join(' ')}\` failed (exit ${status})`);
}

export function fail(message) {
  console.error(`\nerror: ${message}`);
  process.exit(1);
}
