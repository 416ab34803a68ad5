// Issue 14, case 2, end to end: the CLI in a real child process whose resolver answers an
// address that is not loopback (0.0.0.0) for a loopback-looking name. The password must never
// be sent: the CLI refuses before connecting, exit 1, and the simulator sees nothing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startIntegraSim, type IntegraSim } from '@ucbridge/integra-sim';
import { buildCli, startCli } from './child.test-helper.js';

const PASSWORD = 'loopback-pass';
let sim: IntegraSim;
let dir: string;
let cli: string;
let preload: string;

beforeAll(async () => {
  cli = await buildCli('loopback');
  sim = await startIntegraSim({ users: [{ user: 'ops', password: PASSWORD }] });
  dir = mkdtempSync(join(tmpdir(), 'ucbridge-loopback-'));
  // a process-wide resolver (like a hosts entry or a DNS answer) for one name
  preload = join(dir, 'resolver.mjs');
  writeFileSync(
    preload,
    `import dns from 'node:dns';
const lookup = dns.promises.lookup.bind(dns.promises);
dns.promises.lookup = async (name, options) =>
  name === 'ucontact.localhost' ? [{ address: process.env.TEST_ANSWER, family: 4 }] : lookup(name, options);
`,
  );
}, 60_000);
afterAll(async () => {
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = (answer: string) => {
  const csv = join(dir, 'leads.csv');
  writeFileSync(csv, 'phone\n098344484\n');
  return startCli(cli, ['upload-base', '--url', `http://ucontact.localhost:${sim.port}`, '--user', 'ops', '--campaign', 'Sales<-', '--json', csv], {
    UCONTACT_PASSWORD: PASSWORD,
    XDG_STATE_HOME: join(dir, 'state'),
    TEST_ANSWER: answer,
  }, { nodeArgs: ['--import', preload] });
};

it('refuses when the loopback name resolves to an address that is not loopback: exit 1, INSECURE_URL, no request', async () => {
  const refused = run('0.0.0.0');
  expect(await refused.exited).toBe(1);
  const report = JSON.parse(refused.stdout());
  expect(report).toMatchObject({ ok: false, code: 'INSECURE_URL', session: { opened: false } });
  expect(report.message).toContain('resolves to 0.0.0.0, which is not a loopback address; nothing was sent');
  expect(sim.requests).toHaveLength(0);
  expect(refused.stdout() + refused.stderr()).not.toContain(PASSWORD);
}, 60_000);

it('uploads when the same name resolves to a loopback address', async () => {
  const ok = run('127.0.0.1');
  expect(await ok.exited).toBe(0);
  expect(sim.uploads).toHaveLength(1);
}, 60_000);
