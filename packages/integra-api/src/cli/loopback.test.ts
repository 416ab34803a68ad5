// Issue 14, case 2, end to end: the CLI in a real child process whose resolver answers an
// address that is not loopback (0.0.0.0) for a loopback-looking name. The password must never
// be sent: the CLI refuses before connecting, exit 1, and the simulator sees nothing.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { startCli } from './child.test-helper.js';
import { useUploadFixture } from './upload-fixture.test-helper.js';

const PASSWORD = 'loopback-pass';
const fixture = useUploadFixture({ name: 'loopback', password: PASSWORD, cli: true, resetAfterEach: false });
let preload: string;

beforeAll(() => {
  // a process-wide resolver (like a hosts entry or a DNS answer) for one name
  preload = join(fixture.dir, 'resolver.mjs');
  writeFileSync(
    preload,
    `import dns from 'node:dns';
const lookup = dns.promises.lookup.bind(dns.promises);
dns.promises.lookup = async (name, options) =>
  name === 'ucontact.localhost' ? [{ address: process.env.TEST_ANSWER, family: 4 }] : lookup(name, options);
`,
  );
});

const run = (answer: string) => {
  const csv = join(fixture.dir, 'leads.csv');
  writeFileSync(csv, 'phone\n098344484\n');
  return startCli(fixture.cli, ['upload-base', '--url', `http://ucontact.localhost:${fixture.sim.port}`, '--user', 'ops', '--campaign', 'Sales<-', '--json', csv], { ...fixture.env(), TEST_ANSWER: answer }, { nodeArgs: ['--import', preload] });
};

it('refuses when the loopback name resolves to an address that is not loopback: exit 1, INSECURE_URL, no request', async () => {
  const refused = run('0.0.0.0');
  expect(await refused.exited).toBe(1);
  const report = JSON.parse(refused.stdout());
  expect(report).toMatchObject({ ok: false, code: 'INSECURE_URL', session: { opened: false } });
  expect(report.message).toContain('resolves to 0.0.0.0, which is not a loopback address; nothing was sent');
  expect(fixture.sim.requests).toHaveLength(0);
  expect(refused.stdout() + refused.stderr()).not.toContain(PASSWORD);
}, 60_000);

it('uploads when the same name resolves to a loopback address', async () => {
  const ok = run('127.0.0.1');
  expect(await ok.exited).toBe(0);
  expect(fixture.sim.uploads).toHaveLength(1);
}, 60_000);
