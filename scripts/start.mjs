// `npm start`: installs what is missing, builds the packages (the demo's form loads the
// script-tag build of host-bridge, as a form author would), then serves the demo.
import { ensureDependencies, ensurePnpm, run } from './bootstrap.mjs';

const pnpm = ensurePnpm();
ensureDependencies(pnpm);
run(pnpm, ['run', 'build']);
run(process.execPath, ['demo/start.mjs']);
