// A journal that cannot be read or written, or that another run is using, must stop the upload
// before the login, exit 1, and never report success: without it a re-run (or a second run at
// once) could not know what the platform already holds.
// The CLI in-process (runCli), the simulator over real HTTP.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCaptured, useUploadFixture } from './upload-fixture.test-helper.js';

const PASSWORD = 'journal-pass';
const fixture = useUploadFixture({ name: 'journal', password: PASSWORD, contacts: 30 });

const upload = (journal: string, ...extra: string[]) =>
  runCaptured(['upload-base', '--url', fixture.sim.url, '--user', 'ops', '--campaign', 'Sales<-', '--max-lines', '10', '--journal', journal, ...extra, fixture.csv], { UCONTACT_PASSWORD: PASSWORD });

describe('a journal that cannot be used', () => {
  it('a folder given as --journal: JOURNAL_UNUSABLE, exit 1, no login, nothing sent (text)', async () => {
    const folder = join(fixture.dir, 'a-folder');
    mkdirSync(folder);
    const result = await upload(folder);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`ucbridge JOURNAL_UNUSABLE: cannot use the journal ${folder} (EISDIR: a folder, not a file)`);
    expect(result.stdout).not.toContain('uploaded');
    expect(fixture.sim.requests).toEqual([]); // not even a login
    expect(fixture.sim.uploads).toEqual([]);
  });

  it('the same with --json: one JSON document saying not ok', async () => {
    const folder = join(fixture.dir, 'another-folder');
    mkdirSync(folder);
    const result = await upload(folder, '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, exitCode: 1, code: 'JOURNAL_UNUSABLE' });
    expect(fixture.sim.requests).toEqual([]); // not even a login
    expect(fixture.sim.uploads).toEqual([]);
  });
});

describe('two runs with one journal at once (a cron job started again while the last one sends)', () => {
  it('the second is refused with JOURNAL_BUSY before any request; the first loads every contact once', async () => {
    const journal = join(fixture.dir, 'busy', 'journal.jsonl');
    // the platform takes the first run's part 1 and holds its answer: that run is in flight
    fixture.sim.setFault('hold', { route: 'Dialers/uploadbase', nth: 1, delayMs: Infinity });
    const first = upload(journal, '--json');
    await vi.waitFor(() => expect(fixture.sim.uploads).toHaveLength(1));
    const second = await upload(journal, '--json');
    fixture.sim.releaseHeld();
    expect(second.code).toBe(1);
    expect(JSON.parse(second.stdout)).toMatchObject({ ok: false, code: 'JOURNAL_BUSY' });
    expect(JSON.parse(second.stdout).message).toContain(`is using the journal ${journal}; nothing was sent: wait for it to end, then run the same command again`);
    const done = await first;
    expect(done.code).toBe(0);
    expect(fixture.sim.uploads.map((u) => u.filename)).toEqual(['leads_part01', 'leads_part02', 'leads_part03']);
    expect(existsSync(`${journal}.lock`)).toBe(false); // released

    // following the hint: the same command again has nothing left to send
    fixture.sim.clearLog();
    const again = await upload(journal, '--json');
    expect(again.code).toBe(0);
    expect(fixture.sim.requests).toEqual([]);
  });

  it('a lock left by a process that is gone (killed) is taken over', async () => {
    const journal = join(fixture.dir, 'stale', 'journal.jsonl');
    mkdirSync(join(fixture.dir, 'stale'));
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(`${journal}.lock`, `${gone}\n`);
    const result = await upload(journal, '--json');
    expect(result.code).toBe(0);
    expect(fixture.sim.uploads).toHaveLength(3);
    expect(existsSync(`${journal}.lock`)).toBe(false);
  });
});

describe('the journal cannot be written in the middle of an upload (removed, disk full)', () => {
  it('the report is still printed, truthfully: the part the platform took is accepted; exit 2; the re-run stops on it', async () => {
    const journal = join(fixture.dir, 'midway', 'journal.jsonl');
    // the platform takes part 2 and holds its answer; meanwhile the journal becomes a folder
    fixture.sim.setFault('hold', { route: 'Dialers/uploadbase', nth: 2, delayMs: Infinity });
    const running = upload(journal, '--json');
    await vi.waitFor(() => expect(fixture.sim.uploads).toHaveLength(2));
    renameSync(journal, `${journal}.saved`);
    mkdirSync(journal);
    fixture.sim.releaseHeld();
    const result = await running;
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ ok: false, code: 'JOURNAL_UNUSABLE', session: { opened: true, ended: true } });
    expect(report.message).toContain(`the journal ${journal} could not be written (EISDIR: a folder, not a file)`);
    expect(report.accepted.map((p: { filename: string }) => p.filename)).toEqual(['leads_part01', 'leads_part02']);
    expect(report.notSent.map((p: { filename: string }) => p.filename)).toEqual(['leads_part03']);
    expect(fixture.sim.uploads).toHaveLength(2);

    // the journal back: part 2's answer is not in it, only that it was being sent
    rmSync(journal, { recursive: true });
    renameSync(`${journal}.saved`, journal);
    const again = await upload(journal, '--json');
    expect(again.code).toBe(4);
    expect(JSON.parse(again.stdout).unknown.map((p: { filename: string }) => p.filename)).toEqual(['leads_part02']);
    expect(fixture.sim.uploads).toHaveLength(2);
  });
});
