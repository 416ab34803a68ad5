// Two runs of one upload at once with DIFFERENT journals (two cron entries, a colleague's shell):
// neither journal sees the other's records, so without a lock keyed by the upload itself both
// would send every part, loading each contact twice. The first run is a real child process held
// in flight by the simulator; the second runs in-process against the same simulator over HTTP.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCli, until } from './child.test-helper.js';
import { uploadLockPath } from './locks.js';
import { runCaptured, useUploadFixture } from './upload-fixture.test-helper.js';

const PASSWORD = 'lock-pass';
const fixture = useUploadFixture({ name: 'upload-lock', password: PASSWORD, contacts: 30, cli: true, removeStateAfterEach: true });

const argv = (journal: string, ...extra: string[]): string[] => ['upload-base', '--url', fixture.sim.url, '--user', 'ops', '--campaign', 'Sales<-', '--max-lines', '10', '--journal', journal, ...extra, fixture.csv];
const logins = (): number => fixture.sim.requests.filter((r) => r.route === 'auth/UserLogin').length;

describe('two runs of one upload with different --journal files at once', () => {
  it('the second stops before its login with UPLOAD_BUSY naming the first (pid, journal); the contacts are loaded once', async () => {
    const first = join(fixture.dir, 'first.jsonl');
    const second = join(fixture.dir, 'second.jsonl');
    // the platform takes the first run's part 1 and holds its answer: that run is in flight
    fixture.sim.setFault('hold', { route: 'Dialers/uploadbase', nth: 1, delayMs: Infinity });
    const running = startCli(fixture.cli, argv(first, '--json'), fixture.env());
    await until(() => fixture.sim.uploads.length === 1, running);

    const busy = await runCaptured(argv(second, '--json'), fixture.env());
    expect(busy.code).toBe(1);
    const refusal = JSON.parse(busy.stdout);
    expect(refusal).toMatchObject({ ok: false, exitCode: 1, code: 'UPLOAD_BUSY' });
    expect(refusal.message).toMatch(/^ucbridge UPLOAD_BUSY: /);
    expect(refusal.message).toContain(`another run (process ${running.child.pid}) is uploading leads to Sales<- at ${fixture.sim.url}; nothing was sent and no session opened`);
    expect(refusal.message).toContain(`run it with --journal ${first}`);
    expect(logins()).toBe(1); // the first run's only

    fixture.sim.releaseHeld();
    expect(await running.exited).toBe(0);
    expect(fixture.sim.uploads.map((u) => u.filename)).toEqual(['leads_part01', 'leads_part02', 'leads_part03']);
    expect(existsSync(uploadLockPath({ baseUrl: fixture.sim.url, campaign: 'Sales<-', filename: 'leads' }, fixture.env()))).toBe(false); // released

    // the hint, followed: with the first run's journal there is nothing left to send
    fixture.sim.clearLog();
    const resumed = await runCaptured(argv(first), fixture.env());
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain('uploaded 30 contacts to Sales<- in 3 parts (3 accepted by an earlier run, not sent again)');
    expect(fixture.sim.requests).toEqual([]);
  }, 60_000);

  it('in text: one line on stderr, exit 1, no report of parts', async () => {
    fixture.sim.setFault('hold', { route: 'Dialers/uploadbase', nth: 1, delayMs: Infinity });
    const running = startCli(fixture.cli, argv(join(fixture.dir, 'a.jsonl')), fixture.env());
    await until(() => fixture.sim.uploads.length === 1, running);
    const busy = await runCaptured(argv(join(fixture.dir, 'b.jsonl')), fixture.env());
    fixture.sim.releaseHeld();
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(new RegExp(`^ucbridge UPLOAD_BUSY: another run \\(process ${running.child.pid}\\) is uploading leads`));
    expect(busy.stdout).toBe('');
    expect(await running.exited).toBe(0);
  }, 60_000);

  it('another upload name, campaign or instance is another upload: both run', async () => {
    fixture.sim.setFault('hold', { route: 'Dialers/uploadbase', nth: 1, delayMs: Infinity });
    const running = startCli(fixture.cli, argv(join(fixture.dir, 'c.jsonl')), fixture.env());
    await until(() => fixture.sim.uploads.length === 1, running);
    const other = await runCaptured(argv(join(fixture.dir, 'd.jsonl'), '--filename', 'leads_b'), fixture.env());
    expect(other.code).toBe(0);
    fixture.sim.releaseHeld();
    expect(await running.exited).toBe(0);
    expect(fixture.sim.uploads).toHaveLength(6);
  }, 60_000);

  it('a lock left by a process that is gone (killed) is taken over', async () => {
    const lock = uploadLockPath({ baseUrl: fixture.sim.url, campaign: 'Sales<-', filename: 'leads' }, fixture.env());
    mkdirSync(dirname(lock), { recursive: true });
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(lock, `${gone}\n${join(fixture.dir, 'old.jsonl')}\n`);
    const result = await runCaptured(argv(join(fixture.dir, 'e.jsonl')), fixture.env());
    expect(result.code).toBe(0);
    expect(fixture.sim.uploads).toHaveLength(3);
    expect(existsSync(lock)).toBe(false);
  });
});

describe('a state folder that cannot hold the lock', () => {
  it('STATE_UNUSABLE before the login, naming XDG_STATE_HOME; with a folder this user can write in, the upload runs', async () => {
    const notAFolder = join(fixture.dir, 'state-is-a-file');
    writeFileSync(notAFolder, '');
    const refused = await runCaptured(argv(join(fixture.dir, 'f.jsonl'), '--json'), { UCONTACT_PASSWORD: PASSWORD, XDG_STATE_HOME: notAFolder });
    expect(refused.code).toBe(1);
    const report = JSON.parse(refused.stdout);
    expect(report).toMatchObject({ ok: false, exitCode: 1, code: 'STATE_UNUSABLE' });
    expect(report.message).toMatch(/^ucbridge STATE_UNUSABLE: cannot lock the upload leads to Sales<- at .*\/uploads\/[0-9a-f]{32}\.lock: ENOTDIR: a part of the path is not a folder\); nothing was sent and no session opened: set XDG_STATE_HOME to a folder this user can write in$/);
    expect(fixture.sim.requests).toEqual([]);
    // the hint, followed
    expect((await runCaptured(argv(join(fixture.dir, 'f.jsonl')), fixture.env())).code).toBe(0);
  });
});
