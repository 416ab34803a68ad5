#!/usr/bin/env node
// `ucbridge`: wires the built CLI (dist/cli/main.js, from `tsc -b`) to this process.
// Ctrl-C aborts the work in progress; the CLI then ends the uContact session and exits 130.
// A second Ctrl-C exits at once.
import { runCli } from '../dist/cli/main.js';

const controller = new AbortController();
process.on('SIGINT', () => {
  if (controller.signal.aborted) process.exit(130);
  controller.abort();
});

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  interactive: process.stdin.isTTY === true,
  signal: controller.signal,
});
