// Every signal at every phase of an upload gives the same truthful report: code INTERRUPTED, exit
// 128 + the signal, the session ended when one was opened, and nothing reported that did not
// happen. A real child process (bin/ucbridge.mjs's wiring) and the simulator over real HTTP; each
// phase is reached by what the child shows, never by waiting a while:
// - pass 1 (the file check): the child's "read 100000 rows" progress line on a 400,000-row file;
// - before the login: the password file is a FIFO the child is reading;
// - during the login: the simulator holds the login's answer;
// - between parts: part 1's answer is held, the child frozen (SIGSTOP), the answer released, the
//   signal sent, the child resumed: it reads the answer before the signal, then must not send part 2;
// - a part in flight: the simulator holds part 3's answer.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startCli, until, type RunningCli } from './child.test-helper.js';
import { Interrupt } from './interrupt.js';
import { runCli } from './main.js';
import { useUploadFixture } from './upload-fixture.test-helper.js';

const PASSWORD = 'signals-pass';
// 100 contacts, 10 per part: leads_part01 … leads_part10
const fixture = useUploadFixture({ name: 'signals', password: PASSWORD, contacts: 100, cli: true, removeStateAfterEach: true });
let big: string;

beforeAll(() => {
  big = join(fixture.dir, 'big.csv');
  writeFileSync(big, `phone\n${Array.from({ length: 400_000 }, (_, i) => `09${String(i).padStart(7, '0')}`).join('\n')}\n`);
}, 60_000);

const upload = (file: string, ...extra: string[]): RunningCli =>
  startCli(fixture.cli, ['upload-base', '--url', fixture.sim.url, '--user', 'ops', '--campaign', 'Sales<-', '--max-lines', '10', ...extra, file], fixture.env());
const names = (parts: readonly { filename: string }[]): string[] => parts.map((p) => p.filename);
const part = (n: number): string => `leads_part${String(n).padStart(2, '0')}`;
const range = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => part(from + i));
const openSessions = (): number => fixture.sim.sessions.filter((s) => s.endedAt === undefined).length;

/** Sends `signal` and waits until the child says it heard it. */
async function interrupt(run: RunningCli, signal: NodeJS.Signals): Promise<void> {
  run.child.kill(signal);
  await until(() => run.stderr().includes(`ucbridge INTERRUPTED: ${signal} received: stopping`), run);
}

/** What every interrupted run reports, whatever the phase: the JSON report's head. */
function expectInterrupted(report: Record<string, unknown>, signal: string, exitCode: number): void {
  expect(report).toMatchObject({ ok: false, exitCode, code: 'INTERRUPTED', interrupted: signal });
  expect(report['message']).toMatch(new RegExp(`^ucbridge INTERRUPTED: interrupted by ${signal}`));
}

describe.each([
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const)('%s', (signal, exitCode) => {
  it(`while the file is checked (pass 1): INTERRUPTED, exit ${exitCode}, no login, nothing sent`, async () => {
    const run = upload(big, '--max-lines', '50000');
    await until(() => run.stderr().includes('read 100000 rows'), run);
    await interrupt(run, signal);
    expect(await run.exited).toBe(exitCode);
    expect(run.stderr()).toContain(`ucbridge INTERRUPTED: interrupted by ${signal} before anything was sent: nothing was sent and no session was opened`);
    expect(run.stderr()).not.toContain('ABORTED');
    expect(fixture.sim.requests).toEqual([]);
  }, 60_000);

  it(`before the login (reading the password file): INTERRUPTED, exit ${exitCode}, no login, every part not sent`, async () => {
    const fifo = join(fixture.dir, `password-${signal}`);
    execFileSync('mkfifo', ['-m', '600', fifo]);
    const run = upload(fixture.csv, '--json', '--password-file', fifo);
    // opening the FIFO for writing completes once the child opens it to read the password
    const writer = await open(fifo, 'w');
    await interrupt(run, signal);
    await writer.write(`${PASSWORD}\n`);
    await writer.close();
    expect(await run.exited).toBe(exitCode);
    const report = JSON.parse(run.stdout());
    expectInterrupted(report, signal, exitCode);
    expect(report).toMatchObject({ session: { opened: false, ended: false }, accepted: [], unknown: [] });
    expect(names(report.notSent)).toEqual(range(1, 10));
    expect(report.notSent[0].reason).toBe('not sent: interrupted before the login');
    expect(fixture.sim.requests).toEqual([]);
  }, 60_000);

  it(`during the login: lets it finish, ends the session, INTERRUPTED, exit ${exitCode}, nothing sent`, async () => {
    fixture.sim.setFault('hold', { route: 'auth/UserLogin', nth: 1, delayMs: Infinity });
    const before = fixture.sim.sessions.length;
    const run = upload(fixture.csv, '--json');
    await until(() => fixture.sim.sessions.length === before + 1, run);
    await interrupt(run, signal);
    fixture.sim.releaseHeld();
    expect(await run.exited).toBe(exitCode);
    const report = JSON.parse(run.stdout());
    expectInterrupted(report, signal, exitCode);
    expect(report).toMatchObject({ session: { opened: true, ended: true }, accepted: [], unknown: [] });
    expect(names(report.notSent)).toEqual(range(1, 10));
    expect(fixture.sim.uploads).toEqual([]);
    expect(openSessions()).toBe(0);
  }, 60_000);

  it(`between parts: part 1 accepted, parts 2–10 not sent, session ended, INTERRUPTED, exit ${exitCode}`, async () => {
    fixture.sim.setFault('hold', { route: 'Dialers/uploadbase', nth: 1, delayMs: Infinity });
    const run = upload(fixture.csv, '--json');
    await until(() => fixture.sim.uploads.length === 1, run);
    run.child.kill('SIGSTOP');
    // stopped for sure (state T) before the answer goes out: it cannot read it before the signal
    await until(() => readFileSync(`/proc/${run.child.pid}/stat`, 'utf8').split(' ')[2] === 'T');
    fixture.sim.releaseHeld();
    await new Promise((r) => setImmediate(r));
    run.child.kill(signal);
    run.child.kill('SIGCONT');
    expect(await run.exited).toBe(exitCode);
    const report = JSON.parse(run.stdout());
    expectInterrupted(report, signal, exitCode);
    expect(report).toMatchObject({ session: { opened: true, ended: true }, unknown: [] });
    expect(names(report.accepted)).toEqual([part(1)]);
    expect(names(report.notSent)).toEqual(range(2, 10));
    expect(report.notSent[0]).toMatchObject({ code: 'ABORTED' });
    expect(names(fixture.sim.uploads)).toEqual([part(1)]);
    expect(openSessions()).toBe(0);
  }, 60_000);

  it(`while part 3 is in flight: parts 1–2 accepted, 3 unknown, 4–10 not sent, session ended, INTERRUPTED, exit ${exitCode}`, async () => {
    fixture.sim.setFault('hold', { route: 'Dialers/uploadbase', nth: 3, delayMs: Infinity });
    const run = upload(fixture.csv, '--json');
    await until(() => fixture.sim.uploads.length === 3, run);
    await interrupt(run, signal);
    expect(await run.exited).toBe(exitCode);
    const report = JSON.parse(run.stdout());
    expectInterrupted(report, signal, exitCode);
    expect(report).toMatchObject({ session: { opened: true, ended: true } });
    expect(names(report.accepted)).toEqual(range(1, 2));
    expect(names(report.unknown)).toEqual([part(3)]);
    expect(names(report.notSent)).toEqual(range(4, 10));
    expect(openSessions()).toBe(0);
  }, 60_000);
});

describe('Ctrl-C typed into the password prompt (a real terminal: script(1) gives the child a pty)', () => {
  it('is SIGINT: INTERRUPTED, exit 130, no login, every part not sent', async () => {
    const command = [process.execPath, fixture.cli, 'upload-base', '--url', fixture.sim.url, '--user', 'ops', '--campaign', 'Sales<-', '--max-lines', '10', '--json', fixture.csv].map((word) => `'${word}'`).join(' ');
    const terminal = spawn('script', ['-qec', command, '/dev/null'], { env: { ...process.env, XDG_STATE_HOME: join(fixture.dir, 'state') }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    terminal.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((done) => terminal.on('exit', (code) => done(code)));
    await until(() => out.includes('Password of ops at'));
    terminal.stdin.write('\u0003');
    expect(await exited).toBe(130);
    const report = JSON.parse(out.slice(out.indexOf('{"ok"')));
    expectInterrupted(report, 'SIGINT', 130);
    expect(report).toMatchObject({ session: { opened: false, ended: false }, accepted: [], unknown: [] });
    expect(report.notSent.map((p: { reason: string }) => p.reason)).toEqual(range(1, 10).map(() => 'not sent: interrupted before the login'));
    expect(fixture.sim.requests).toEqual([]);
  }, 60_000);
});

describe('the JSON of a run stopped before its report', () => {
  it('a signal while the file is checked, with --json: one document, INTERRUPTED, the session never opened', async () => {
    const controller = new AbortController();
    controller.abort(new Interrupt('SIGTERM'));
    let stdout = '';
    const code = await runCli(['upload-base', '--url', fixture.sim.url, '--user', 'ops', '--campaign', 'Sales<-', '--json', big], {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: () => true },
      env: fixture.env(),
      interactive: false,
      signal: controller.signal,
    });
    expect(code).toBe(143);
    const report = JSON.parse(stdout);
    expectInterrupted(report, 'SIGTERM', 143);
    expect(report.session).toEqual({ opened: false, ended: false });
    expect(fixture.sim.requests).toEqual([]);
  });
});
