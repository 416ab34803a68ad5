// The CLI as a real child process: bin/ucbridge.mjs's wiring (runProcess: signals, EPIPE), built
// from these sources with esbuild into a folder of its own per test file (the transport that
// Node loads on demand beside it), so tests never depend on a stale dist/.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = resolve(here, '../..');

/** Builds the CLI for the test file `name`; resolves with the path of the script to run with node. */
export async function buildCli(name: string): Promise<string> {
  // inside the package's node_modules so the CLI's dependencies resolve as they do for the bin,
  // two levels deep so ../../package.json is the package's (for --version)
  const outdir = join(pkg, 'node_modules/.ucbridge-test', name);
  mkdirSync(outdir, { recursive: true });
  const entry = join(outdir, 'entry.mjs');
  writeFileSync(entry, `import { runProcess } from ${JSON.stringify(join(pkg, 'src/cli/process-io.ts'))};\nawait runProcess(process.argv.slice(2));\n`);
  await build({
    entryPoints: { ucbridge: entry, 'transport-node': join(pkg, 'src/transport-node.ts') },
    outExtension: { '.js': '.js' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outdir,
    logLevel: 'error',
  });
  return join(outdir, 'ucbridge.js');
}

/** A running CLI: its process, what it printed so far, and its exit code once it ends. */
export interface RunningCli {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

/** Starts `node script ...argv` with `env` added to this process's. */
export function startCli(script: string, argv: readonly string[], env: Record<string, string>, options: { nodeArgs?: string[] } = {}): RunningCli {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script, ...argv], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Waits until `condition()` holds, failing at once if the child exited first. */
export async function until(condition: () => boolean, cli?: RunningCli): Promise<void> {
  while (!condition()) {
    if (cli !== undefined && cli.child.exitCode !== null) throw new Error(`the CLI exited early (${cli.child.exitCode}): ${cli.stderr()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
