// Ctrl-C against a real child process (bin/ucbridge.mjs's wiring, built from these sources):
// the simulator holds the upload's answer; a SIGINT must abort it, end the session on the
// platform, report the part as unknown (its body was sent) and exit 130.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startCli, until } from './child.test-helper.js';
import { useUploadFixture } from './upload-fixture.test-helper.js';

const PASSWORD = 'sigint-pass';
const fixture = useUploadFixture({ name: 'sigint', password: PASSWORD, cli: true, resetAfterEach: false });
// before the fixture closes the simulator (vitest runs afterAll hooks last registered first)
afterAll(() => {
  fixture.sim.releaseHeld();
});

it('Ctrl-C (SIGINT) during an upload ends the session and exits 130', async () => {
  const csv = join(fixture.dir, 'leads.csv');
  writeFileSync(csv, 'phone,name\n098344484,Ana\n098344485,Eva\n');
  fixture.sim.setFault('slow', { route: 'Dialers/uploadbase', delayMs: 120_000 });
  const run = startCli(fixture.cli, ['upload-base', '--url', fixture.sim.url, '--user', 'ops', '--campaign', 'Sales<-', csv], { UCONTACT_PASSWORD: PASSWORD, XDG_STATE_HOME: fixture.dir });

  // wait until the upload is in flight (the simulator has the request and holds it)
  await until(() => fixture.sim.requests.some((r) => r.route === 'Dialers/uploadbase'), run);
  expect(fixture.sim.sessions.filter((s) => s.endedAt === undefined)).toHaveLength(1);
  run.child.kill('SIGINT');

  expect(await run.exited).toBe(130);
  expect(run.stderr()).toContain('ucbridge INTERRUPTED: interrupted by SIGINT: stopped sending; the session was ended. The report says where each part stands and what to run next');
  expect(run.stdout()).toContain('unknown   leads (2 contacts, lines 2–3)');
  expect(run.stdout()).toContain('session: ended');
  expect(fixture.sim.sessions).toHaveLength(1);
  expect(fixture.sim.sessions[0]!.endedAt).toBeDefined();
  expect(fixture.sim.requests.map((r) => r.route)).toEqual(['auth/UserLogin', 'Dialers/uploadbase', 'auth/EndSession']);
  expect(run.stderr() + run.stdout()).not.toContain(PASSWORD);
}, 60_000); // a generous bound for a loaded machine; nothing here waits on time
