// Ctrl-C against a real child process: the CLI built from these sources (esbuild, the same
// wiring as bin/ucbridge.mjs) uploads to the simulator, which holds the upload unanswered; a
// SIGINT must abort it, end the session on the platform, and exit 130.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startIntegraSim, type IntegraSim } from '@ucbridge/integra-sim';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = resolve(here, '../..');
// inside the package's node_modules so the CLI's dependencies resolve as they do for the bin
const out = join(pkg, 'node_modules/.ucbridge-test/ucbridge.mjs');
const PASSWORD = 'sigint-pass';
let sim: IntegraSim;
let dir: string;

beforeAll(async () => {
  mkdirSync(dirname(out), { recursive: true });
  const bin = readFileSync(join(pkg, 'bin/ucbridge.mjs'), 'utf8').replace('../dist/cli/main.js', join(pkg, 'src/cli/main.ts'));
  await build({ stdin: { contents: bin, resolveDir: pkg, loader: 'js' }, bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: out, logLevel: 'error' });
  sim = await startIntegraSim({ users: [{ user: 'ops', password: PASSWORD }] });
  dir = mkdtempSync(join(tmpdir(), 'ucbridge-sigint-'));
}, 60_000);
afterAll(async () => {
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('Ctrl-C (SIGINT) during an upload ends the session and exits 130', async () => {
  const csv = join(dir, 'leads.csv');
  writeFileSync(csv, 'phone,name\n098344484,Ana\n098344485,Eva\n');
  sim.setFault('slow', { route: 'Dialers/uploadbase', delayMs: 120_000 });
  const child = spawn(process.execPath, [out, 'upload-base', '--url', sim.url, '--user', 'ops', '--campaign', 'Sales<-', csv], {
    env: { ...process.env, UCONTACT_PASSWORD: PASSWORD },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));

  // wait until the upload is in flight (the simulator has the request and holds it)
  while (!sim.requests.some((r) => r.route === 'Dialers/uploadbase')) {
    if (child.exitCode !== null) throw new Error(`the CLI exited early: ${stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  expect(sim.sessions.filter((s) => s.endedAt === undefined)).toHaveLength(1);
  child.kill('SIGINT');

  expect(await exited).toBe(130);
  expect(stderr).toContain('interrupted; nothing more was sent, and the session (if one was open) was ended');
  expect(sim.sessions).toHaveLength(1);
  expect(sim.sessions[0]!.endedAt).toBeDefined();
  expect(sim.requests.map((r) => r.route)).toEqual(['auth/UserLogin', 'Dialers/uploadbase', 'auth/EndSession']);
  expect(stderr).not.toContain(PASSWORD);
}, 60_000); // a generous bound for a loaded machine; nothing here waits on time
