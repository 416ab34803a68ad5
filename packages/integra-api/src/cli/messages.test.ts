// Every line the CLI prints about a failure reads `ucbridge CODE: …` once: a part's request error
// is not prefixed twice (text, JSON and the report's reason). The simulator over real HTTP.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from './main.js';
import { runCaptured, useUploadFixture } from './upload-fixture.test-helper.js';

const PASSWORD = 'msg-pass';
const fixture = useUploadFixture({ name: 'msg', password: PASSWORD, contacts: 30, resetAfterEach: false });

const upload = (...extra: string[]) =>
  runCaptured(['upload-base', '--url', fixture.sim.url, '--user', 'ops', '--campaign', 'Sales<-', '--max-lines', '10', ...extra, fixture.csv], fixture.env());

it('an HTTP 500 on part 2: "ucbridge HTTP_ERROR: Dialers/uploadbase: …", never "ucbridge HTTP_ERROR: ucbridge HTTP_ERROR"', async () => {
  fixture.sim.setFault('http-500', { route: 'Dialers/uploadbase', nth: 2, times: 1 });
  const json = await upload('--json');
  expect(json.code).toBe(2);
  const report = JSON.parse(json.stdout);
  expect(report.message).toMatch(/^ucbridge HTTP_ERROR: Dialers\/uploadbase: /);
  expect(json.stdout).not.toContain('ucbridge HTTP_ERROR: ucbridge');
  fixture.sim.setFault('http-500', { route: 'Dialers/uploadbase', nth: 1, times: 1 });
  const text = await upload('--filename', 'other');
  expect(text.code).toBe(2);
  expect(text.stderr).toMatch(/^ucbridge HTTP_ERROR: Dialers\/uploadbase: /m);
  expect(`${text.stdout}${text.stderr}`).not.toContain('ucbridge HTTP_ERROR: ucbridge');
});

it('--json=true (as wrappers write it) gets its error as one JSON document too; --json --no-json gets text', async () => {
  const missing = join(fixture.dir, 'missing.csv');
  const asJson = await runCliWith(['upload-base', '--campaign', 'Sales<-', '--dry-run', '--json=true', missing]);
  expect(asJson.code).toBe(1);
  expect(JSON.parse(asJson.stdout)).toMatchObject({ ok: false, exitCode: 1, code: 'FILE_UNREADABLE' });
  const asText = await runCliWith(['upload-base', '--campaign', 'Sales<-', '--dry-run', '--json', '--no-json', missing]);
  expect(asText.code).toBe(1);
  expect(asText.stdout).toBe('');
  expect(asText.stderr).toMatch(/^ucbridge FILE_UNREADABLE: cannot read /);
});

async function runCliWith(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env: {}, interactive: false });
  return { code, stdout, stderr };
}

it('--encoding utf16le on a UTF-8 file: one problem whose advice works (not a --drop/--map of garbage column names)', async () => {
  const utf8 = join(fixture.dir, 'utf8.csv');
  writeFileSync(utf8, 'phone,name\n098344401,José\n');
  const forced = await runCliWith(['upload-base', '--campaign', 'Sales<-', '--dry-run', '--encoding', 'utf16le', utf8]);
  expect(forced.code).toBe(1);
  expect(forced.stderr).toContain('line 1, encoding: the file is not UTF-16LE');
  expect(forced.stderr).toContain('leave out --encoding utf16le');
  expect(forced.stderr).not.toContain('--drop');
  const followed = await runCliWith(['upload-base', '--campaign', 'Sales<-', '--dry-run', utf8]);
  expect(followed.code).toBe(0);
});
