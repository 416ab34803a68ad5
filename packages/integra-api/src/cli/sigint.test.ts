// Ctrl-C against a real child process (bin/ucbridge.mjs's wiring, built from these sources):
// the simulator holds the upload's answer; a SIGINT must abort it, end the session on the
// platform, report the part as unknown (its body was sent) and exit 130.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startIntegraSim, type IntegraSim } from '@ucbridge/integra-sim';
import { buildCli, startCli, until } from './child.test-helper.js';

const PASSWORD = 'sigint-pass';
let sim: IntegraSim;
let dir: string;
let cli: string;

beforeAll(async () => {
  cli = await buildCli('sigint');
  sim = await startIntegraSim({ users: [{ user: 'ops', password: PASSWORD }] });
  dir = mkdtempSync(join(tmpdir(), 'ucbridge-sigint-'));
}, 60_000);
afterAll(async () => {
  sim?.releaseHeld();
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('Ctrl-C (SIGINT) during an upload ends the session and exits 130', async () => {
  const csv = join(dir, 'leads.csv');
  writeFileSync(csv, 'phone,name\n098344484,Ana\n098344485,Eva\n');
  sim.setFault('slow', { route: 'Dialers/uploadbase', delayMs: 120_000 });
  const run = startCli(cli, ['upload-base', '--url', sim.url, '--user', 'ops', '--campaign', 'Sales<-', csv], { UCONTACT_PASSWORD: PASSWORD, XDG_STATE_HOME: dir });

  // wait until the upload is in flight (the simulator has the request and holds it)
  await until(() => sim.requests.some((r) => r.route === 'Dialers/uploadbase'), run);
  expect(sim.sessions.filter((s) => s.endedAt === undefined)).toHaveLength(1);
  run.child.kill('SIGINT');

  expect(await run.exited).toBe(130);
  expect(run.stderr()).toContain('ucbridge INTERRUPTED: interrupted by SIGINT: stopped sending; the session was ended. The report says where each part stands and what to run next');
  expect(run.stdout()).toContain('unknown   leads (2 contacts, lines 2–3)');
  expect(run.stdout()).toContain('session: ended');
  expect(sim.sessions).toHaveLength(1);
  expect(sim.sessions[0]!.endedAt).toBeDefined();
  expect(sim.requests.map((r) => r.route)).toEqual(['auth/UserLogin', 'Dialers/uploadbase', 'auth/EndSession']);
  expect(run.stderr() + run.stdout()).not.toContain(PASSWORD);
}, 60_000); // a generous bound for a loaded machine; nothing here waits on time
