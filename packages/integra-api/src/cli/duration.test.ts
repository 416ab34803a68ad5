// `--timeout` reads a duration as ops tools do (curl --max-time, timeout(1)): a bare number is
// seconds; ms, s and m name the unit; anything else is refused naming the option, the value and
// forms that work. The report and the messages say the unit. The CLI in-process, the simulator
// over real HTTP.
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCaptured, useUploadFixture } from './upload-fixture.test-helper.js';

const PASSWORD = 'duration-pass';
const fixture = useUploadFixture({ name: 'duration', password: PASSWORD, contacts: 3 });

let runs = 0;
const upload = (...extra: string[]) =>
  runCaptured(['upload-base', '--url', fixture.sim.url, '--user', 'ops', '--campaign', 'Sales<-', ...extra, fixture.csv], { UCONTACT_PASSWORD: PASSWORD, XDG_STATE_HOME: join(fixture.dir, `state${++runs}`) });

it('a bare number is seconds; 1500ms, 90s, 2m and none are read with their unit; the report says it', async () => {
  for (const [given, shown] of [
    ['90', '90s'],
    ['1.5', '1.5s'],
    ['1500ms', '1.5s'],
    ['90s', '90s'],
    ['2m', '2m'],
    ['none', 'none'],
  ]) {
    const json = await upload('--timeout', given!, '--json');
    expect(json.code, given).toBe(0);
    expect(JSON.parse(json.stdout).timeout, given).toBe(shown);
  }
  const text = await upload('--timeout', '90');
  expect(text.code).toBe(0);
  expect(text.stdout).toContain('timeout: 90s per request (--timeout)\n');
  const unset = await upload('--json');
  expect(JSON.parse(unset.stdout).timeout).toBe('30s');
});

it('--timeout 1 waits one second, not one millisecond: the timeout says "within 1000 ms" and names --timeout 1s', async () => {
  // the platform takes the part and never answers
  fixture.sim.setFault('hold', { route: 'Dialers/uploadbase', nth: 1, delayMs: Infinity });
  const result = await upload('--timeout', '1', '--json');
  expect(result.code).toBe(4);
  const report = JSON.parse(result.stdout);
  expect(report).toMatchObject({ code: 'TIMEOUT', timeout: '1s' });
  expect(report.message).toMatch(/^ucbridge TIMEOUT: /);
  expect(report.message).toContain('within 1000 ms');
  expect(report.message).toContain('(each request may take --timeout 1s)');
  expect(report.accepted).toEqual([]); // the login took less than a second
  expect(report.unknown).toEqual([expect.objectContaining({ filename: 'leads', code: 'TIMEOUT' })]);
});

it('anything else is a usage error naming --timeout, the value and forms that work; nothing is sent', async () => {
  for (const bad of ['90x', '1 m', '-1', '0', '1e3', '90S', '2d', '0.0001', '2147484', ' 90']) {
    const result = await upload('--timeout', bad);
    expect(result.code, bad).toBe(1);
    expect(result.stderr, bad).toBe(
      `ucbridge USAGE: --timeout ${JSON.stringify(bad)} is not a duration: give seconds (--timeout 90), or a number with ms, s or m (--timeout 1500ms, --timeout 90s, --timeout 2m), at most 24 days, or --timeout none for no limit (see ucbridge upload-base --help)\n`,
    );
  }
  const json = await upload('--timeout=soon', '--json');
  expect(json.code).toBe(1);
  expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, exitCode: 1, code: 'USAGE', message: expect.stringMatching(/^ucbridge USAGE: --timeout "soon" is not a duration/) });
  expect(fixture.sim.requests).toEqual([]);
});
