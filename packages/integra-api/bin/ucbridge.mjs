#!/usr/bin/env node
// `ucbridge`: runs the built CLI (dist/cli/, from `tsc -b`) in this process. SIGINT, SIGTERM,
// SIGHUP and a closed stdout/stderr stop the upload, end the uContact session and print the
// report (see the README's exit codes); a second signal exits at once.
import { runProcess } from '../dist/cli/process-io.js';

await runProcess(process.argv.slice(2));
