#!/usr/bin/env node
// `npx ucbridge …` from a clone of this repository (issue 11, case 12; issue 13). npx runs the bin
// of the package it stands in, and the repository root's package.json names this file: so the
// README's command works from the clone without installing anything by hand. The first run (and
// the first after a source changed) installs the workspace's dependencies and builds
// @ucbridge/integra-api (progress on stderr, so stdout stays the CLI's own, `--json` included); then
// it runs the package's own bin.
// Outside the repository the command comes from the installed package (@ucbridge/integra-api).
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureDependencies, ensurePnpm, root, run } from './bootstrap.mjs';

const packageFolder = join(root, 'packages', 'integra-api');
const built = join(packageFolder, 'dist', 'cli', 'main.js');

/** True when the built CLI is missing or older than a source file (a `git pull` since the last build). */
function needsBuild() {
  if (!existsSync(built) || !existsSync(join(root, 'node_modules'))) return true;
  const builtAt = statSync(built).mtimeMs;
  return readdirSync(join(packageFolder, 'src'), { recursive: true }).some((file) => statSync(join(packageFolder, 'src', String(file))).mtimeMs > builtAt);
}

if (needsBuild()) {
  console.error('ucbridge: building @ucbridge/integra-api in this clone first (dependencies included)');
  // child output to stderr: stdout belongs to the CLI
  const quiet = { stdio: ['ignore', 2, 2] };
  const pnpm = ensurePnpm(quiet);
  ensureDependencies(pnpm, quiet);
  run(pnpm, ['--filter', '@ucbridge/integra-api', 'run', 'build'], quiet);
  // tsc -b leaves an output alone when a source was touched but not changed: mark the build as fresh
  const now = new Date();
  utimesSync(built, now, now);
}

// the package's own bin reads process.argv and wires signals: the same command as after `npm install`
await import(pathToFileURL(join(packageFolder, 'bin', 'ucbridge.mjs')).href);
