// The library is exactly-once too: uploadBase with a journal (memory or file) never sends a part
// the platform may already hold, over real HTTP against the simulator.
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startIntegraSim, type IntegraSim } from '@ucbridge/integra-sim';
import { DialerBaseBuilder, UploadBaseError, createMemoryJournal, login, logout, uploadBase, type DialerContact, type JournalEntry, type Session, type UploadJournal } from '@ucbridge/integra-api';
import { createFileJournal, defaultJournalPath } from '@ucbridge/integra-api/node';

let sim: IntegraSim;
let session: Session;
let dir: string;
beforeAll(async () => {
  sim = await startIntegraSim();
  session = await login({ baseUrl: sim.url, user: 'api', password: 'api-pass' });
  dir = mkdtempSync(join(tmpdir(), 'ucbridge-journal-'));
});
afterEach(() => {
  sim.releaseHeld();
  sim.clearFaults();
  sim.clearLog();
});
afterAll(async () => {
  await logout(session);
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

const contacts: DialerContact[] = Array.from({ length: 50 }, (_, i) => ({ phone: `0991${String(i).padStart(5, '0')}` }));
const send = (journal: UploadJournal, extra: object = {}) => uploadBase(session, { campaign: 'Sales<-', filename: 'leads', contacts, maxLines: 10, journal, ...extra });
const caught = (p: Promise<unknown>): Promise<UploadBaseError> => p.then(() => { throw new Error('resolved'); }, (e: UploadBaseError) => e);
const names = (parts: readonly { filename: string }[]): string[] => parts.map((p) => p.filename);
function expectEachPartOnce(): void {
  expect([...names(sim.uploads)].sort()).toEqual(['leads_part01', 'leads_part02', 'leads_part03', 'leads_part04', 'leads_part05']);
}

describe('uploadBase with a journal', () => {
  it('a retry after HTTP 500 on part 3 sends only parts 3–5', async () => {
    const journal = createMemoryJournal();
    sim.setFault('http-500', { route: 'Dialers/uploadbase', nth: 3 });
    const error = await caught(send(journal));
    expect(error.code).toBe('HTTP_ERROR');
    expect(error.outcomeUnknown).toBe(false);
    expect(names(error.report.accepted)).toEqual(['leads_part01', 'leads_part02']);
    expect(names(error.report.notSent)).toEqual(['leads_part03', 'leads_part04', 'leads_part05']);
    const result = await send(journal);
    expect(result.report.accepted.map((p) => [p.filename, p.earlier === true])).toEqual([
      ['leads_part01', true], ['leads_part02', true], ['leads_part03', false], ['leads_part04', false], ['leads_part05', false],
    ]);
    expectEachPartOnce();
  });

  it('a part of unknown outcome stops the retry (OUTCOME_UNKNOWN, nothing sent) until onUnknown decides', async () => {
    const journal = createMemoryJournal();
    sim.setFault('hold', { route: 'Dialers/uploadbase', nth: 2, delayMs: Infinity });
    const late = await caught(send(journal, { timeoutMs: 100 }));
    expect(late).toMatchObject({ code: 'TIMEOUT', outcomeUnknown: true, failedPart: 'leads_part02' });
    expect(names(late.report.unknown)).toEqual(['leads_part02']);
    const stopped = await caught(send(journal));
    expect(stopped).toMatchObject({ code: 'OUTCOME_UNKNOWN', outcomeUnknown: true });
    expect(stopped.message).toContain("onUnknown: 'resend'");
    expect(sim.uploads).toHaveLength(2);
    const skipped = await send(journal, { onUnknown: 'skip' });
    expect(skipped.report.unknown).toEqual([expect.objectContaining({ filename: 'leads_part02', skipped: true })]);
    expectEachPartOnce();
    // the choice is recorded: later runs neither stop nor send it
    expect((await send(journal)).report.unknown.map((p) => p.skipped)).toEqual([true]);
    expectEachPartOnce();
  });

  it('an abort while a part is in flight makes it unknown, not "not sent"', async () => {
    const journal = createMemoryJournal();
    const controller = new AbortController();
    sim.setFault('hold', { route: 'Dialers/uploadbase', nth: 1, delayMs: Infinity });
    const pending = caught(send(journal, { signal: controller.signal }));
    while (sim.uploads.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const error = await pending;
    expect(error).toMatchObject({ code: 'ABORTED', outcomeUnknown: true });
    expect(names(error.report.unknown)).toEqual(['leads_part01']);
    expect(names(error.report.notSent)).toEqual(['leads_part02', 'leads_part03', 'leads_part04', 'leads_part05']);
    await send(journal, { onUnknown: 'skip' });
    expectEachPartOnce();
  });

  it('a part left "sending" (the process was killed in flight) counts as unknown: the next run stops', async () => {
    const journal = createMemoryJournal();
    await send(journal);
    // what a SIGKILL between the journal's "sending" and the answer leaves behind
    const entries: JournalEntry[] = [];
    const spy: UploadJournal = { get: journal.get, record: async (e) => void entries.push(e) };
    sim.clearLog();
    await send(spy, { onUnknown: 'resend', filename: 'other' }).catch(() => undefined);
    const crashed = createMemoryJournal();
    for (const entry of entries.filter((e) => e.state === 'sending').slice(0, 1)) await crashed.record(entry);
    const stopped = await caught(uploadBase(session, { campaign: 'Sales<-', filename: 'other', contacts, maxLines: 10, journal: crashed }));
    expect(stopped.code).toBe('OUTCOME_UNKNOWN');
    expect(stopped.report.unknown).toEqual([expect.objectContaining({ filename: 'other_part01', reason: expect.stringContaining('the run ended while it was in flight') })]);
    expect(sim.uploads).toHaveLength(5);
  });

  it('a retry that splits the list differently is refused (UPLOAD_CHANGED, nothing sent): it would load contacts twice', async () => {
    const journal = createMemoryJournal();
    sim.setFault('http-500', { route: 'Dialers/uploadbase', nth: 3 });
    await caught(send(journal));
    const changed = await caught(send(journal, { maxLines: 25 }));
    expect(changed.code).toBe('UPLOAD_CHANGED');
    expect(changed.message).toContain('leads_part01 (accepted), leads_part02 (accepted)');
    expect(changed.report.accepted).toEqual([]);
    expect(sim.uploads).toHaveLength(2);
    // the same split finishes it; another name is another upload
    await send(journal);
    expectEachPartOnce();
    // a changed contact in a part that the platform does not hold yet is fine
    const other = createMemoryJournal();
    sim.clearLog();
    sim.setFault('http-500', { route: 'Dialers/uploadbase', nth: 5 });
    await caught(send(other));
    const fixed = contacts.map((c, i) => (i === 45 ? { phone: '099999999' } : c));
    const result = await uploadBase(session, { campaign: 'Sales<-', filename: 'leads', contacts: fixed, maxLines: 10, journal: other });
    expect(result.report.accepted.filter((p) => !p.earlier).map((p) => p.filename)).toEqual(['leads_part05']);
  });

  it('without a journal, retries in the same process are exactly-once too (one journal per process)', async () => {
    const own = (extra: object = {}) => uploadBase(session, { campaign: 'Default<-', filename: 'leads', contacts, maxLines: 10, ...extra });
    sim.setFault('zero', { route: 'Dialers/uploadbase', nth: 4 });
    expect((await caught(own())).code).toBe('UPLOAD_REFUSED');
    await own();
    expectEachPartOnce();
  });
});

describe('createFileJournal', () => {
  it('survives the process: a new journal on the same file knows every outcome, and a torn last line is ignored', async () => {
    const path = join(dir, 'nested', 'journal.jsonl');
    sim.setFault('http-500', { route: 'Dialers/uploadbase', nth: 4 });
    await caught(send(createFileJournal(path)));
    appendFileSync(path, '{"key":"cut sh');
    const result = await send(createFileJournal(path));
    expect(result.report.accepted.filter((p) => p.earlier).length).toBe(3);
    expectEachPartOnce();
    const states = readFileSync(path, 'utf8').split('\n').filter((l) => l.startsWith('{"key":"') && l.endsWith('}')).map((l) => JSON.parse(l).state);
    // the plan, sending then accepted for parts 1–3, sending then refused for part 4; the second
    // run's plan, then 4 and 5 again
    expect(states).toEqual(['planned', 'sending', 'accepted', 'sending', 'accepted', 'sending', 'accepted', 'sending', 'refused', 'planned', 'sending', 'accepted', 'sending', 'accepted']);
  });

  it('defaultJournalPath: XDG_STATE_HOME, else ~/.local/state', () => {
    expect(defaultJournalPath({ XDG_STATE_HOME: '/var/state' })).toBe('/var/state/ucbridge/journal.jsonl');
    expect(defaultJournalPath({ HOME: '/home/ops' })).toBe('/home/ops/.local/state/ucbridge/journal.jsonl');
  });
});

describe('DialerBaseBuilder with onPart (flat memory)', () => {
  it('hands each part over as soon as it is complete, with its file lines, and keeps none', () => {
    const handed: { index: number; cant: number; bytes: number; lines: unknown; afterContacts: number }[] = [];
    let added = 0;
    const builder = new DialerBaseBuilder({
      campaign: 'S<-',
      filename: 'x',
      maxLines: 10,
      onPart: (p) => handed.push({ index: p.index, cant: p.cant, bytes: p.chunks.reduce((n, c) => n + c.byteLength, 0), lines: p.lines, afterContacts: added }),
    });
    for (const [i, contact] of contacts.slice(0, 25).entries()) {
      builder.add(contact, i + 2);
      added++;
    }
    // part 1 was handed over when the 11th contact arrived, part 2 at the 21st
    expect(handed.map((h) => h.afterContacts)).toEqual([10, 20]);
    const base = builder.finish();
    expect(handed.map((h) => [h.index, h.cant, h.lines])).toEqual([[0, 10, { first: 2, last: 11 }], [1, 10, { first: 12, last: 21 }], [2, 5, { first: 22, last: 26 }]]);
    expect(base.parts.map((p) => [p.filename, p.cant, p.chunks.length])).toEqual([['x_part01', 10, 0], ['x_part02', 10, 0], ['x_part03', 5, 0]]);
    expect(base.parts.map((p) => p.bytes)).toEqual(handed.map((h) => h.bytes));
  });
});
