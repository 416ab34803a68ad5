// Issue 11, cases 3 and 4, and the CLI's manners (case 11): the CLI in-process (runCli), the
// simulator over real HTTP, the journal in a folder of this test.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './main.js';
import { runCaptured, useUploadFixture } from './upload-fixture.test-helper.js';

const PASSWORD = 'resume-pass';
const fixture = useUploadFixture({ name: 'resume', password: PASSWORD, contacts: 100, removeStateAfterEach: true });

const run = (argv: string[], env: Record<string, string> = { UCONTACT_PASSWORD: PASSWORD }) => runCaptured(argv, { XDG_STATE_HOME: join(fixture.dir, 'state'), ...env });
const upload = (...extra: string[]) => run(['upload-base', '--url', fixture.sim.url, '--user', 'ops', '--campaign', 'Sales<-', '--max-lines', '10', ...extra, fixture.csv]);
const part = (n: number): string => `leads_part${String(n).padStart(2, '0')}`;
const range = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => part(from + i));
const names = (parts: readonly { filename: string }[]): string[] => parts.map((p) => p.filename);
function expectEveryPartOnce(): void {
  expect([...fixture.sim.uploads.map((u) => u.filename)].sort()).toEqual(range(1, 10));
  expect(fixture.sim.uploads.reduce((n, u) => n + u.lines.length, 0)).toBe(100);
}

describe('case 3: a late answer', () => {
  it('the platform takes part 3 and answers late: --timeout reports it unknown (sent), exit 4; the re-run stops; --skip-unknown completes it once', async () => {
    fixture.sim.setFault('hold', { route: 'Dialers/uploadbase', nth: 3, delayMs: Infinity });
    const first = await upload('--timeout', '300ms', '--json');
    expect(first.code).toBe(4);
    const report = JSON.parse(first.stdout);
    expect(report).toMatchObject({ ok: false, code: 'TIMEOUT', session: { opened: true, ended: true } });
    expect(report.message).toContain('within 300 ms, while waiting for the answer (the request was sent)');
    expect(report.message).toContain('check before retrying');
    expect(names(report.accepted)).toEqual(range(1, 2));
    expect(report.unknown).toEqual([expect.objectContaining({ filename: part(3), code: 'TIMEOUT' })]);
    expect(names(report.notSent)).toEqual(range(4, 10));
    expect(fixture.sim.uploads).toHaveLength(3); // the platform has part 3

    const again = await upload('--json');
    expect(again.code).toBe(4);
    expect(JSON.parse(again.stdout).code).toBe('OUTCOME_UNKNOWN');
    expect(fixture.sim.uploads).toHaveLength(3);

    const skip = await upload('--skip-unknown');
    expect(skip.code).toBe(0);
    expectEveryPartOnce();
  });

  it('a timeout before the body was fully sent says so and is "not sent": the re-run sends it', async () => {
    // --timeout holds for the whole exchange; a platform that never reads is simulated by a
    // server that accepts and reads nothing (a body larger than the socket buffers)
    const { createServer } = await import('node:net');
    const silent = createServer(() => {});
    silent.maxConnections = 10;
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const port = (silent.address() as { port: number }).port;
    const { login } = await import('../auth.js');
    const { TimeoutError, isIntegraError } = await import('../errors.js');
    // a login whose 8 MB password body cannot be written to a server that never reads
    const error = await login({ baseUrl: `http://127.0.0.1:${port}`, user: 'ops', password: 'x'.repeat(8 << 20), timeoutMs: 300 }).catch((e: unknown) => e);
    silent.close();
    expect(error).toBeInstanceOf(TimeoutError);
    expect(isIntegraError(error) && error.outcomeUnknown).toBe(false);
    expect((error as Error).message).toContain('sending the request (it was not fully sent)');
  });
});

describe('case 4: a re-run after a failed part', () => {
  it('part 3 answered HTTP 500 once: exit 2, parts 3–10 not sent; the same command again sends only 3–10', async () => {
    fixture.sim.setFault('http-500', { route: 'Dialers/uploadbase', nth: 3 });
    const first = await upload('--json');
    expect(first.code).toBe(2);
    const report = JSON.parse(first.stdout);
    expect(names(report.accepted)).toEqual(range(1, 2));
    expect(report.unknown).toEqual([]);
    expect(report.notSent[0]).toMatchObject({ filename: part(3), code: 'HTTP_ERROR' });
    expect(names(report.notSent)).toEqual(range(3, 10));

    const again = await upload();
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('(2 accepted by an earlier run, not sent again)');
    expect(again.stdout).toContain(`accepted  ${part(1)} (10 contacts, lines 2–11)  0.3 KB — accepted by an earlier run`);
    // part 3 reached the platform once and was refused (HTTP 500): the platform holds each part once
    expectEveryPartOnce();
    expect(fixture.sim.uploads.filter((u) => u.filename === part(1))).toHaveLength(1);

    // a third run finds everything done: no login at all
    const third = await upload('--json');
    expect(third.code).toBe(0);
    expect(JSON.parse(third.stdout).session).toEqual({ opened: false, ended: false });
    expect(fixture.sim.requests.filter((r) => r.route === 'auth/UserLogin')).toHaveLength(2);
  });

  it('a connection dropped after the body (the platform took it) is unknown, never "failed"', async () => {
    fixture.sim.setFault('drop-after-body', { route: 'Dialers/uploadbase', nth: 2 });
    const first = await upload('--json');
    expect(first.code).toBe(4);
    const report = JSON.parse(first.stdout);
    expect(report.unknown).toEqual([expect.objectContaining({ filename: part(2), code: 'NETWORK' })]);
    expect(fixture.sim.uploads).toHaveLength(2);
    expect((await upload('--skip-unknown')).code).toBe(0);
    expectEveryPartOnce();
  });

  it('a re-run with another --max-lines after a failure is refused (exit 1, UPLOAD_CHANGED): it would load parts 1–2 twice', async () => {
    fixture.sim.setFault('http-500', { route: 'Dialers/uploadbase', nth: 3 });
    expect((await upload()).code).toBe(2);
    const changed = await run(['upload-base', '--url', fixture.sim.url, '--user', 'ops', '--campaign', 'Sales<-', '--max-lines', '50', fixture.csv]);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toContain('UPLOAD_CHANGED: nothing was sent');
    expect(changed.stderr).toContain('its split (--max-lines) changed');
    expect(changed.stderr).toContain('To finish that upload, run it again with the list and --max-lines it had; to load this list as a new upload, give it another name, e.g. --filename leads_2');
    expect(changed.stderr).not.toMatch(/maxLines|onUnknown|file name/);
    expect(fixture.sim.uploads).toHaveLength(2);
    expect((await upload()).code).toBe(0);
    expectEveryPartOnce();
    // the other hint, followed: the list as a new upload under the name suggested
    const renamed = await run(['upload-base', '--url', fixture.sim.url, '--user', 'ops', '--campaign', 'Sales<-', '--max-lines', '50', '--filename', 'leads_2', fixture.csv]);
    expect(renamed.code).toBe(0);
    expect(fixture.sim.uploads.filter((u) => u.filename.startsWith('leads_2_')).map((u) => u.filename)).toEqual(['leads_2_part01', 'leads_2_part02']);
  });

  it('--journal PATH keeps the journal where it is told', async () => {
    const journal = join(fixture.dir, 'state', 'mine.jsonl');
    expect((await upload('--journal', journal)).code).toBe(0);
    const again = await upload('--journal', journal, '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, journal, session: { opened: false } });
    expect(fixture.sim.uploads).toHaveLength(10);
  });
});

describe('case 11 and CLI manners', () => {
  it('two files are refused: one line, exit 1, nothing sent', async () => {
    const other = join(fixture.dir, 'leads_2.csv');
    writeFileSync(other, 'phone\n098344484\n');
    const r = await run(['upload-base', '--url', fixture.sim.url, '--user', 'ops', '--campaign', 'Sales<-', fixture.csv, other]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`ucbridge TOO_MANY_FILES: one file per upload, got 2 (${fixture.csv}, ${other}); upload them one at a time, or join them into one file first (see ucbridge upload-base --help)\n`);
    expect(fixture.sim.requests).toHaveLength(0);
  });

  it('--version prints the package version; an unknown option is one line and "see --help"', async () => {
    const { version } = (await import('../../package.json', { with: { type: 'json' } })).default as { version: string };
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `ucbridge ${version}\n`, stderr: '' });
    expect((await run(['upload-base', '--version'])).stdout).toBe(`ucbridge ${version}\n`);
    const unknown = await run(['upload-base', '--campain', 'S', 'x.csv']);
    expect(unknown).toEqual({ code: 1, stdout: '', stderr: 'ucbridge USAGE: unknown option --campain (see ucbridge upload-base --help)\n' });
    expect((await run(['--verbose'])).stderr).toBe('ucbridge UNKNOWN_COMMAND: unknown option --verbose (see ucbridge --help)\n');
  });

  it('--password-file reads the first line (cron); a missing file is NO_PASSWORD', async () => {
    const file = join(fixture.dir, 'pw');
    writeFileSync(file, `${PASSWORD}\n`);
    chmodSync(file, 0o600);
    const ok = await run(['upload-base', '--url', fixture.sim.url, '--user', 'ops', '--campaign', 'Sales<-', '--password-file', file, fixture.csv], {});
    expect(ok.code).toBe(0);
    expect(ok.stderr).not.toContain('can be read by other users');
    chmodSync(file, 0o644);
    const open = await run(['upload-base', '--url', fixture.sim.url, '--user', 'ops', '--campaign', 'Sales<-', '--filename', 'open', '--password-file', file, fixture.csv], {});
    expect(open.code).toBe(0);
    expect(open.stderr).toContain(`ucbridge PASSWORD_FILE_READABLE: ${file} can be read by other users; chmod 600 ${file}`);
    const missing = await run(['upload-base', '--url', fixture.sim.url, '--user', 'ops', '--campaign', 'Sales<-', '--filename', 'other', '--password-file', join(fixture.dir, 'nope'), fixture.csv], {});
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('cannot read the password file');
    expect(ok.stdout + ok.stderr + missing.stderr).not.toContain(PASSWORD);
  });

  it('--timeout refuses what a timer cannot hold', async () => {
    for (const bad of ['0', '-5', '25d', '2147483648', 'soon']) {
      const r = await upload('--timeout', bad);
      expect(r.code, bad).toBe(1);
      expect(r.stderr, bad).toContain(`ucbridge USAGE: --timeout ${JSON.stringify(bad)} is not a duration: give seconds (--timeout 90), or a number with ms, s or m (--timeout 1500ms, --timeout 90s, --timeout 2m)`);
    }
    expect(fixture.sim.requests).toHaveLength(0);
  });

  it('with stdout closed, the report goes to stderr', async () => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(['upload-base', '--url', fixture.sim.url, '--user', 'ops', '--campaign', 'Sales<-', '--max-lines', '10', fixture.csv], {
      stdout: { write: (t: string) => (stdout += t), writable: false },
      stderr: { write: (t: string) => (stderr += t) },
      env: { XDG_STATE_HOME: join(fixture.dir, 'state'), UCONTACT_PASSWORD: PASSWORD },
      interactive: false,
    });
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain('uploaded 100 contacts to Sales<- in 10 parts:');
    expect(stderr).toContain('session: ended');
  });

  it('sizes under 1 MB are shown in KB', async () => {
    const r = await run(['upload-base', '--campaign', 'Sales<-', '--dry-run', '--max-lines', '10', fixture.csv]);
    expect(r.stdout).toContain(`  ${part(1)}  10 contacts  0.3 KB (request 0.5 KB)`);
  });
});
