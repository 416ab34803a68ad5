#!/usr/bin/env node
// The `integra-sim` command. Runs the compiled code: build first (`pnpm --filter @ucbridge/integra-sim build`).
let cli;
try {
  cli = await import('../dist/cli.js');
} catch (error) {
  console.error(`integra-sim: cannot load ../dist/cli.js (${error.message}); run the package build (tsc -b) first`);
  process.exit(1);
}
const sim = await cli.runIntegraSimCli(process.argv.slice(2));
if (sim) {
  const stop = () => sim.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
