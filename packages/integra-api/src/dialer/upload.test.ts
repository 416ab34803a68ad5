import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startIntegraSim, type IntegraSim } from '@ucbridge/integra-sim';
import {
  DialerBaseBuilder,
  InvalidContactsError,
  createMemoryJournal,
  UploadBaseError,
  isIntegraError,
  login,
  logout,
  uploadBase,
  withSession,
  type DialerContact,
  type Session,
  type UploadProgress,
} from '@ucbridge/integra-api';

const SEED_LINE = 'DialerTest<-;098344484;var1=val1:var2=val2;099124484:099111111;9999;1001';
let sim: IntegraSim;
let session: Session;

beforeAll(async () => {
  sim = await startIntegraSim();
});
afterAll(() => sim.close());
afterEach(async () => {
  if (session !== undefined) await logout(session);
  sim.clearFaults();
  sim.clearLog();
});

const open = async (): Promise<Session> => (session = await login({ baseUrl: sim.url, user: 'api', password: 'api-pass', timeoutMs: 10_000 }));
const contacts = (n: number, from = 0): DialerContact[] =>
  Array.from({ length: n }, (_, i) => ({ phone: `0991${String(from + i).padStart(5, '0')}`, vars: { n: from + i }, priority: 1 + ((from + i) % 9999) }));
// each test its own journal: the default one is shared by the process (a retry is exactly-once)
const isolated = () => ({ journal: createMemoryJournal() });
const caught = (p: Promise<unknown>): Promise<unknown> => p.then(() => undefined, (e: unknown) => e);

describe('uploadBase over HTTP (simulator)', () => {
  it("sends the seed's sample line byte for byte, with cant, username and the campaign's <- as is", async () => {
    await open();
    const result = await uploadBase(session, { ...isolated(),
      campaign: 'DialerTest<-',
      filename: 'TestFileBase',
      contacts: [{ phone: '098344484', vars: { var1: 'val1', var2: 'val2' }, altPhones: ['099124484', '099111111'], priority: 9999, agentPhone: '1001' }],
    });
    const part = { filename: 'TestFileBase', cant: 1, bytes: SEED_LINE.length };
    expect(result).toEqual({ campaign: 'DialerTest<-', contacts: 1, parts: [part], report: { campaign: 'DialerTest<-', accepted: [part], unknown: [], notSent: [] } });
    expect(sim.uploads).toHaveLength(1);
    const up = sim.uploads[0]!;
    expect(up.text).toBe(SEED_LINE);
    expect(Buffer.from(up.fileb64, 'base64').equals(Buffer.from(SEED_LINE))).toBe(true);
    expect(up).toMatchObject({ filename: 'TestFileBase', campaign: 'DialerTest<-', cant: '1', username: 'api', sessionUser: 'api', validBase64: true, validUtf8: true, cantMatches: true });
  });

  it('sends UTF-8 accents and typed phones intact', async () => {
    await open();
    await uploadBase(session, { ...isolated(),
      campaign: 'Cobranza->',
      filename: 'acentos',
      contacts: [{ phone: '098447121', vars: { nombre: 'José Núñez', ciudad: 'Paysandú', saludo: '¡Hola! ñandú €' }, altPhones: ['M=0=098447120', 'H=2=24001234'] }],
    });
    const up = sim.uploads[0]!;
    expect(up.validUtf8).toBe(true);
    expect(up.lines).toEqual(['Cobranza->;098447121;nombre=José Núñez:ciudad=Paysandú:saludo=¡Hola! ñandú €;M=0=098447120:H=2=24001234;;']);
    expect(up.campaign).toBe('Cobranza->');
  });

  it('splits over maxLines into name_part01… with cant per part, in order', async () => {
    await open();
    const progress: UploadProgress[] = [];
    const result = await uploadBase(session, { ...isolated(), campaign: 'Sales<-', filename: 'leads_2026_11', contacts: contacts(25), maxLines: 10, onProgress: (p) => progress.push(p) });
    expect(sim.uploads.map((u) => [u.filename, u.cant, u.lines.length, u.cantMatches])).toEqual([
      ['leads_2026_11_part01', '10', 10, true],
      ['leads_2026_11_part02', '10', 10, true],
      ['leads_2026_11_part03', '5', 5, true],
    ]);
    expect(sim.uploads.flatMap((u) => u.lines)).toEqual(contacts(25).map((c) => `Sales<-;${c.phone};n=${String(c.vars!['n'])};;${c.priority};`));
    expect(result.parts.map((p) => p.filename)).toEqual(['leads_2026_11_part01', 'leads_2026_11_part02', 'leads_2026_11_part03']);
    expect(progress.filter((p) => p.phase === 'upload').map((p) => p.part)).toEqual([1, 2, 3]);
    expect(progress.at(-1)).toMatchObject({ phase: 'done', contacts: 25, parts: 3 });
  });

  it('takes an async iterable (a stream of contacts)', async () => {
    await open();
    async function* gen(): AsyncGenerator<DialerContact> {
      for (const c of contacts(3)) yield c;
    }
    await uploadBase(session, { ...isolated(), campaign: 'Sales<-', filename: 'stream', contacts: gen() });
    expect(sim.uploads[0]!.lines).toHaveLength(3);
  });

  it('sends nothing and rejects with INVALID_CONTACTS listing every problem when any contact is invalid', async () => {
    await open();
    const list = [...contacts(30), { phone: '09834A484' }, ...contacts(30, 100), { phone: '098344484', priority: 0, vars: { 'bad name': 'x' } }];
    const error = await caught(uploadBase(session, { ...isolated(), campaign: 'Sales<-', filename: 'leads', contacts: list, maxLines: 10 }));
    expect(error).toBeInstanceOf(InvalidContactsError);
    expect(isIntegraError(error)).toBe(true);
    const e = error as InvalidContactsError;
    expect(e.code).toBe('INVALID_CONTACTS');
    expect(e.problems.map((p) => `${p.index} ${p.field}`)).toEqual(['30 phone', '61 vars.bad name', '61 priority']);
    expect(sim.uploads).toHaveLength(0);
    expect(sim.requests.filter((r) => r.route === 'Dialers/uploadbase')).toHaveLength(0);
  });

  it('rejects a bad filename or campaign with INVALID_ARGUMENT before sending', async () => {
    await open();
    for (const [campaign, filename] of [['Sales<-', 'Reactivation'], ['Sales<-', 'leads.csv'], ['Sa;les', 'leads']] as const) {
      const error = await caught(uploadBase(session, { ...isolated(), campaign, filename, contacts: contacts(1) }));
      expect((error as { code?: string }).code).toBe('INVALID_ARGUMENT');
    }
    expect((await caught(uploadBase(session, { ...isolated(), campaign: 'Sales<-', filename: 'empty', contacts: [] })) as { code?: string }).code).toBe('INVALID_ARGUMENT');
    expect(sim.uploads).toHaveLength(0);
  });

  it('rejects with UPLOAD_REFUSED when the server answers 0, naming the part and what was accepted', async () => {
    await open();
    // part 1 is accepted; the fault is switched on for the next request only
    sim.clearLog();
    let armed = false;
    const onUpload = (): void => {
      if (!armed && sim.uploads.length === 1) {
        armed = true;
        sim.setFault('zero', { route: 'Dialers/uploadbase', times: 1 });
      }
    };
    const error = await caught(
      uploadBase(session, { ...isolated(), campaign: 'Sales<-', filename: 'leads', contacts: contacts(30), maxLines: 10, onProgress: onUpload }),
    );
    expect(error).toBeInstanceOf(UploadBaseError);
    const e = error as UploadBaseError;
    expect(e.code).toBe('UPLOAD_REFUSED');
    expect(e.failedPart).toBe('leads_part02');
    expect(e.accepted).toEqual([{ filename: 'leads_part01', cant: 10, bytes: expect.any(Number) }]);
    expect(e.message).toContain('leads_part02 (10 contacts) was not accepted');
    // nothing after the refused part was sent
    expect(sim.requests.filter((r) => r.route === 'Dialers/uploadbase')).toHaveLength(2);
  });

  it('a network failure mid-way rejects with NETWORK and withSession leaves no session open', async () => {
    const error = await caught(
      withSession({ baseUrl: sim.url, user: 'api', password: 'api-pass', timeoutMs: 10_000 }, (s) =>
        uploadBase(s, { ...isolated(),
          campaign: 'Sales<-',
          filename: 'leads',
          contacts: contacts(30),
          maxLines: 10,
          onProgress: (p) => {
            if (p.phase === 'upload' && p.part === 2) sim.setFault('drop', { route: 'Dialers/uploadbase', times: 1 });
          },
        }),
      ),
    );
    expect((error as UploadBaseError).code).toBe('NETWORK');
    expect((error as UploadBaseError).accepted.map((p) => p.filename)).toEqual(['leads_part01']);
    expect(sim.sessions.length).toBeGreaterThan(0);
    expect(sim.sessions.filter((s) => s.endedAt === undefined)).toEqual([]);
  });

  it('aborts with ABORTED between parts when the signal fires, sending nothing more', async () => {
    await open();
    const controller = new AbortController();
    const error = await caught(
      uploadBase(session, { ...isolated(),
        campaign: 'Sales<-',
        filename: 'leads',
        contacts: contacts(30),
        maxLines: 10,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'upload' && p.part === 2) controller.abort();
        },
      }),
    );
    expect((error as { code?: string }).code).toBe('ABORTED');
    expect(sim.uploads.map((u) => u.filename)).toEqual(['leads_part01']);
  });

  it('rejects with SESSION_CLOSED on an ended session before reading the contacts', async () => {
    const s = await open();
    await logout(s);
    const error = await caught(uploadBase(s, { ...isolated(), campaign: 'Sales<-', filename: 'leads', contacts: contacts(1) }));
    expect((error as { code?: string }).code).toBe('SESSION_CLOSED');
  });
});

describe('uploadBase with big parts', () => {
  it('sends 60,000 contacts as the default 50,000 + 10,000 lines, each part decoding to its lines', async () => {
    // our own uploadbase route: decodes with Node's base64 and counts lines, whatever the body size
    const seen: { filename: string; cant: string; lines: string[] }[] = [];
    const big = await startIntegraSim({
      routes: {
        'Dialers/uploadbase': ({ params }) => {
          seen.push({ filename: params['filename']!, cant: params['cant']!, lines: Buffer.from(params['fileb64']!, 'base64').toString('utf8').split('\n') });
          return '1';
        },
      },
    });
    try {
      const list = Array.from({ length: 60_000 }, (_, i) => ({ phone: `09${String(1_000_000 + i)}`, vars: { nombre: `Núñez, José ${i}`, deuda: i / 100 }, priority: 1 + (i % 9999) }));
      const result = await withSession({ baseUrl: big.url, user: 'api', password: 'api-pass', timeoutMs: 30_000 }, (s) =>
        uploadBase(s, { ...isolated(), campaign: 'Sales<-', filename: 'leads', contacts: list }),
      );
      expect(result.parts.map((p) => [p.filename, p.cant])).toEqual([['leads_part01', 50_000], ['leads_part02', 10_000]]);
      expect(seen.map((u) => [u.filename, u.cant, u.lines.length])).toEqual([['leads_part01', '50000', 50_000], ['leads_part02', '10000', 10_000]]);
      expect(seen[1]!.lines.at(-1)).toBe(`Sales<-;091059999;nombre=Núñez, José 59999:deuda=599.99;;${1 + (59_999 % 9999)};`);
      expect(big.sessions.every((x) => x.endedAt !== undefined)).toBe(true);
    } finally {
      await big.close();
    }
  }, 60_000);
});

describe('DialerBaseBuilder', () => {
  it('names parts with enough digits for their count and refuses names over 50 characters', () => {
    const b = new DialerBaseBuilder({ campaign: 'C', filename: 'x', maxLines: 1 });
    for (const c of contacts(100)) b.add(c);
    const base = b.finish();
    expect(base.parts.map((p) => p.filename).slice(0, 2)).toEqual(['x_part001', 'x_part002']);
    expect(base.parts.at(-1)!.filename).toBe('x_part100');

    const long = new DialerBaseBuilder({ campaign: 'C', filename: 'a'.repeat(45), maxLines: 1 });
    long.add(contacts(1)[0]!);
    expect(long.finish().parts[0]!.filename).toBe('a'.repeat(45)); // one part keeps the name
    const split = new DialerBaseBuilder({ campaign: 'C', filename: 'a'.repeat(45), maxLines: 1 });
    for (const c of contacts(2)) split.add(c);
    expect(() => split.finish()).toThrow(/too long to split/);
  });

  it('keeps at most maxProblems problems but counts them all, with file line numbers', () => {
    const b = new DialerBaseBuilder({ campaign: 'C', filename: 'x', maxProblems: 2 });
    for (let i = 0; i < 5; i++) b.add({ phone: 'bad' }, i + 2);
    const base = b.finish();
    expect(base.problemCount).toBe(5);
    expect(base.problems.map((p) => p.line)).toEqual([2, 3]);
  });

  it('writes lines across 1 MiB blocks without splitting a character', () => {
    const b = new DialerBaseBuilder({ campaign: 'C', filename: 'x' });
    const list = Array.from({ length: 30_000 }, (_, i) => ({ phone: `0991${String(i).padStart(5, '0')}`, vars: { nombre: 'Ñandú José Pérez '.repeat(3) } }));
    for (const c of list) b.add(c);
    const part = b.finish().parts[0]!;
    const text = Buffer.concat(part.chunks).toString('utf8');
    expect(part.chunks.length).toBeGreaterThan(1);
    expect(Buffer.byteLength(text)).toBe(part.bytes);
    expect(text.split('\n')).toEqual(list.map((c) => `C;${c.phone};nombre=${c.vars.nombre};;;`));
  }, 30_000);

  it('keeps every byte whatever the block size, also when a block fills exactly between two batches', () => {
    // ~100 K characters per part: two batches each, so a batch can end exactly at a block's end
    const list = Array.from({ length: 4000 }, (_, i) => ({ phone: `0991${String(i).padStart(5, '0')}`, vars: { n: 'é'.repeat(i % 7) } }));
    const expected = list.map((c) => `C;${c.phone};n=${c.vars.n};;;`);
    for (let blockBytes = 16; blockBytes <= 160; blockBytes++) {
      const b = new DialerBaseBuilder({ campaign: 'C', filename: 'x', maxLines: 2500, blockBytes });
      for (const c of list) b.add(c);
      const parts = b.finish().parts.map((p) => Buffer.concat(p.chunks).toString('utf8'));
      expect(parts).toEqual([expected.slice(0, 2500).join('\n'), expected.slice(2500).join('\n')]);
    }
  }, 30_000);
});
