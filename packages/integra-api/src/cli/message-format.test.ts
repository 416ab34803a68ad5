// One message format for everything the CLI says about a failure, in text and in JSON:
// `ucbridge CODE: …`, the code the JSON's `code` holds, and the CLI's own words — its options
// (`--max-lines`, `--timeout`, `--url`), never the library's (`maxLines`, `timeoutMs`, `baseUrl`).
// One walk over every failure the CLI can print, each run as text and as --json, the CLI
// in-process against the simulator over real HTTP.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCaptured, useUploadFixture } from './upload-fixture.test-helper.js';

const PASSWORD = 'format-pass';
const fixture = useUploadFixture({ name: 'format', password: PASSWORD, contacts: 30, resetAfterEach: false });

beforeAll(() => {
  writeFileSync(join(fixture.dir, 'bad.csv'), 'phone,name\n0983A4484,Ana\n,Eva\n12\n');
  writeFileSync(join(fixture.dir, 'empty.csv'), 'phone,name\n');
  writeFileSync(join(fixture.dir, 'lines.txt'), ' Sales<-;098344484;;;;\n');
  mkdirSync(join(fixture.dir, 'a-folder'));
});

const LIBRARY_WORDS = /\bmaxLines\b|\btimeoutMs\b|\bbaseUrl\b|\bmaxProblems\b|onUnknown|login\(\)|\bfile name\b/;

interface Failure {
  code: string;
  argv: () => string[];
  /** Switches the simulator's faults on before each run. */
  fault?: () => void;
  env?: Record<string, string>;
}

const login = (): string[] => ['--url', fixture.sim.url, '--user', 'ops', '--campaign', 'Sales<-'];
const FAILURES: Failure[] = [
  { code: 'USAGE', argv: () => ['upload-base', '--frobnicate', fixture.csv] },
  { code: 'USAGE', argv: () => ['upload-base', ...login(), '--timeout', '90x', fixture.csv] },
  { code: 'USAGE', argv: () => ['upload-base', ...login(), '--max-lines', '0', fixture.csv] },
  { code: 'USAGE', argv: () => ['upload-base', ...login(), '--format', 'xls', fixture.csv] },
  { code: 'USAGE', argv: () => ['upload-base', '--url', 'acme.ucontactcloud.com', '--user', 'ops', '--campaign', 'S', fixture.csv] },
  { code: 'USAGE', argv: () => ['upload-base', '--url', 'https://ops:secret@acme.ucontactcloud.com', '--user', 'ops', '--campaign', 'S', fixture.csv] },
  { code: 'USAGE', argv: () => ['upload-base', '--dry-run', '--campaign', ' Sales<-', fixture.csv] },
  { code: 'USAGE', argv: () => ['upload-base', '--dry-run', '--campaign', 'S', '--filename', 'Reactivar', fixture.csv] },
  { code: 'USAGE', argv: () => ['upload-base', '--dry-run', '--campaign', 'S', '--max-lines', '1', '--filename', 'a'.repeat(45), fixture.csv] },
  { code: 'USAGE', argv: () => ['upload-base', '--dry-run', fixture.csv] },
  { code: 'UNKNOWN_COMMAND', argv: () => ['upload', fixture.csv] },
  { code: 'PASSWORD_IN_ARGV', argv: () => ['upload-base', ...login(), '--password', 'x', fixture.csv] },
  { code: 'TOO_MANY_FILES', argv: () => ['upload-base', ...login(), fixture.csv, fixture.csv] },
  { code: 'INSECURE_URL', argv: () => ['upload-base', '--url', 'http://example.com', '--user', 'ops', '--campaign', 'S', fixture.csv] },
  { code: 'FILE_UNREADABLE', argv: () => ['upload-base', '--dry-run', '--campaign', 'S', join(fixture.dir, 'missing.csv')] },
  { code: 'EMPTY_FILE', argv: () => ['upload-base', '--dry-run', '--campaign', 'S', join(fixture.dir, 'empty.csv')] },
  { code: 'INVALID_CONTACTS', argv: () => ['upload-base', ...login(), join(fixture.dir, 'bad.csv')] },
  { code: 'INVALID_CONTACTS', argv: () => ['upload-base', '--dry-run', '--campaign', 'S', join(fixture.dir, 'bad.csv')] },
  { code: 'INVALID_FILE', argv: () => ['upload-base', '--dry-run', join(fixture.dir, 'lines.txt')] },
  { code: 'NO_PASSWORD', argv: () => ['upload-base', ...login(), '--filename', 'nopass', fixture.csv], env: {} },
  { code: 'JOURNAL_UNUSABLE', argv: () => ['upload-base', ...login(), '--journal', join(fixture.dir, 'a-folder'), fixture.csv] },
  { code: 'LOGIN_REFUSED', argv: () => ['upload-base', ...login(), '--filename', 'wrongpw', fixture.csv], env: { UCONTACT_PASSWORD: 'wrong' } },
  { code: 'NETWORK', argv: () => ['upload-base', '--url', 'http://127.0.0.1:1', '--user', 'ops', '--campaign', 'S', fixture.csv] },
  { code: 'HTTP_ERROR', argv: () => ['upload-base', ...login(), '--max-lines', '10', fixture.csv], fault: () => fixture.sim.setFault('http-500', { route: 'Dialers/uploadbase', nth: 2, times: 1 }) },
  { code: 'UPLOAD_REFUSED', argv: () => ['upload-base', ...login(), '--max-lines', '10', fixture.csv], fault: () => fixture.sim.setFault('zero', { route: 'Dialers/uploadbase', nth: 1, times: 1 }) },
  { code: 'TIMEOUT', argv: () => ['upload-base', ...login(), '--timeout', '200ms', fixture.csv], fault: () => fixture.sim.setFault('hold', { route: 'Dialers/uploadbase', nth: 1, delayMs: Infinity }) },
];

let runs = 0;
/** A run with its own journal, or the one named `state` (runs that follow an earlier one). */
const run = (argv: string[], env: Record<string, string> = { UCONTACT_PASSWORD: PASSWORD }, state = `state${++runs}`) =>
  runCaptured(argv, { ...env, XDG_STATE_HOME: join(fixture.dir, state) });

describe('every failure, as text: the first message on stderr (after any progress lines) reads "ucbridge CODE: …" in the CLI\'s words', () => {
  it.each(FAILURES.map((f, i) => [`${i + 1}. ${f.code}`, f] as const))('%s', async (_, failure) => {
    fixture.sim.releaseHeld();
    fixture.sim.clearFaults();
    failure.fault?.();
    const result = await run(failure.argv(), failure.env);
    expect(result.code).not.toBe(0);
    const messages = result.stderr.split('\n').filter((line) => !/^uploading part |^read [0-9]+ rows$/.test(line));
    expect(messages[0]!.startsWith(`ucbridge ${failure.code}: `), result.stderr).toBe(true);
    for (const line of messages.filter((l) => l.startsWith('ucbridge'))) expect(line).toMatch(/^ucbridge [A-Z_]+: \S/);
    expect(result.stdout + result.stderr).not.toMatch(LIBRARY_WORDS);
    expect(result.stdout + result.stderr).not.toContain('secret');
    expect(result.stderr).not.toMatch(/\u001b\[/); // no colour codes off a terminal
  });
});

describe('every failure, as --json: one document whose message reads "ucbridge CODE: …" with its code', () => {
  it.each(FAILURES.map((f, i) => [`${i + 1}. ${f.code}`, f] as const))('%s', async (_, failure) => {
    fixture.sim.releaseHeld();
    fixture.sim.clearFaults();
    failure.fault?.();
    const result = await run([...failure.argv(), '--json'], failure.env);
    expect(result.code).not.toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ ok: false, exitCode: result.code, code: failure.code });
    expect(report.message).toMatch(new RegExp(`^ucbridge ${failure.code}: \\S`));
    if (report.warning !== undefined) expect(report.warning).toMatch(/^ucbridge [A-Z_]+: \S/);
    expect(result.stdout).not.toMatch(LIBRARY_WORDS);
    expect(result.stdout).not.toContain('secret');
  });
});

it('a run that follows an unknown part (OUTCOME_UNKNOWN), one that changed the split (UPLOAD_CHANGED), a failed logout (warning): the same format', async () => {
  fixture.sim.releaseHeld();
  fixture.sim.clearFaults();
  fixture.sim.setFault('hold', { route: 'Dialers/uploadbase', nth: 2, delayMs: Infinity });
  const first = await run(['upload-base', ...login(), '--max-lines', '10', '--timeout', '200ms', '--json', fixture.csv], undefined, 'follow');
  expect(first.code).toBe(4);
  fixture.sim.releaseHeld();
  fixture.sim.clearFaults();
  for (const [argv, code] of [
    [['--max-lines', '10'], 'OUTCOME_UNKNOWN'],
    [['--max-lines', '20', '--skip-unknown'], 'UPLOAD_CHANGED'],
  ] as const) {
    const text = await run(['upload-base', ...login(), ...argv, fixture.csv], undefined, 'follow');
    expect(text.stderr.startsWith(`ucbridge ${code}: `), text.stderr).toBe(true);
    expect(text.stdout + text.stderr).not.toMatch(LIBRARY_WORDS);
    const json = JSON.parse((await run(['upload-base', ...login(), ...argv, '--json', fixture.csv], undefined, 'follow')).stdout);
    expect(json.code).toBe(code);
    expect(json.message).toMatch(new RegExp(`^ucbridge ${code}: \\S`));
    expect(JSON.stringify(json)).not.toMatch(LIBRARY_WORDS);
  }
  fixture.sim.setFault('http-500', { route: 'auth/EndSession', times: 1 });
  const warned = JSON.parse((await run(['upload-base', ...login(), '--filename', 'warned', '--json', fixture.csv])).stdout);
  expect(warned).toMatchObject({ ok: true, exitCode: 0 });
  expect(warned.warning).toMatch(/^ucbridge LOGOUT_FAILED: \S/);
  fixture.sim.clearFaults();
});
