import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startIntegraSim, type IntegraSim } from '@ucbridge/integra-sim';
import { runCli, type CliIo } from './main.js';

const PASSWORD = 'Pa55-CLI-CANARY&x=y';
let sim: IntegraSim;
let dir: string;

beforeAll(async () => {
  sim = await startIntegraSim({ users: [{ user: 'ops', password: PASSWORD }] });
  dir = mkdtempSync(join(tmpdir(), 'ucbridge-cli-'));
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  sim.clearFaults();
  sim.clearLog();
  rmSync(join(dir, 'ucbridge'), { recursive: true, force: true });
});

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], io: Partial<CliIo> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    // the journal goes to this test's folder (cleared after each test), never to the real home
    env: { UCONTACT_PASSWORD: PASSWORD, XDG_STATE_HOME: dir },
    interactive: false,
    ...io,
  });
  return { code, stdout, stderr };
}

const login = (): string[] => ['--url', sim.url, '--user', 'ops'];
const BOM = '\uFEFF';

describe('ucbridge upload-base', () => {
  it('uploads a CRM export (BOM, CRLF, quotes, commas in names, accents) and ends the session', async () => {
    const csv = file(
      'leads_2026_11.csv',
      `${BOM}phone,name,city,altPhones,priority\r\n` +
        `098344484,"Pérez, Juan",Montevideo,099124484|M=0=099111111,5\r\n` +
        `\r\n` +
        `+59899123456,"O""Brien, Ana",Paysandú,,\r\n`,
    );
    const r = await run(['upload-base', ...login(), '--campaign', 'Sales<-', csv]);
    expect(r.code).toBe(0);
    // not a terminal: plain progress lines on stderr
    expect(r.stderr).toBe('uploading part 1/1: leads_2026_11 (2 contacts)\n');
    expect(r.stdout).toContain('uploaded 2 contacts to Sales<- in 1 part');
    expect(sim.uploads).toHaveLength(1);
    expect(sim.uploads[0]).toMatchObject({ filename: 'leads_2026_11', campaign: 'Sales<-', cant: '2', username: 'ops', validUtf8: true });
    expect(sim.uploads[0]!.text).toBe(
      'Sales<-;098344484;name=Pérez, Juan:city=Montevideo;099124484:M=0=099111111;5;\n' + 'Sales<-;+59899123456;name=O"Brien, Ana:city=Paysandú;;;',
    );
    expect(sim.sessions.every((s) => s.endedAt !== undefined)).toBe(true);
  });

  it('reads a semicolon CSV with --map and --filename, split by --max-lines, and prints JSON', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => `0991000${i}0;Cliente ${i};${i + 1};100${i}`);
    const csv = file('export.csv', `Tel;Nombre;Prio;Ext\n${rows.join('\n')}\n`);
    const r = await run(['upload-base', ...login(), '--campaign', 'Survey->', '--map', 'phone=Tel,priority=Prio,agentPhone=Ext', '--filename', 'encuesta', '--max-lines', '2', '--json', csv]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ ok: true, dryRun: false, file: { format: 'csv', delimiter: ';' }, campaign: 'Survey->', contacts: 5, unknown: [], notSent: [] });
    expect(out.accepted.map((p: { filename: string; cant: number }) => [p.filename, p.cant])).toEqual([['encuesta_part01', 2], ['encuesta_part02', 2], ['encuesta_part03', 1]]);
    expect(sim.uploads.map((u) => u.lines[0])).toEqual(['Survey->;099100000;Nombre=Cliente 0;;1;1000', 'Survey->;099100020;Nombre=Cliente 2;;3;1002', 'Survey->;099100040;Nombre=Cliente 4;;5;1004']);
  });

  it('accepts a file already in the platform line format (campaign from the file)', async () => {
    const lines = file('dialer.txt', 'DialerTest<-;098344484;var1=val1:var2=val2;099124484:099111111;9999;1001\nDialerTest<-;098344485;;;;\n');
    const r = await run(['upload-base', ...login(), '--filename', 'TestFileBase', lines]);
    expect(r.code).toBe(0);
    expect(sim.uploads[0]!.text).toBe('DialerTest<-;098344484;var1=val1:var2=val2;099124484:099111111;9999;1001\nDialerTest<-;098344485;;;;');
    expect(sim.uploads[0]!.campaign).toBe('DialerTest<-');
  });

  it('a bad file: exit 1, every bad row with its line number and reason, nothing uploaded, no login', async () => {
    const csv = file(
      'bad.csv',
      'phone,name,priority,altPhones\n' + // line 1
        '098344484,Ana,5,\n' + // 2 ok
        '09834A484,Luis,5,\n' + // 3 letter
        ',Sin teléfono,5,\n' + // 4 empty phone
        '098344485,"Pérez; Juan",5,\n' + // 5 ;
        '098344486,Ana,0,\n' + // 6 priority 0
        '098344487,Ana,10000,\n' + // 7 priority 10000
        '098344488,Ana,alta,\n' + // 8 priority not a number
        '098344489,"multi\nline",5,\n' + // 9-10 line break in a value
        '098344490,Ana,5,X=0=099111111\n' + // 11 bad typed phone
        '098344491,Ana,5\n' + // 12 missing field
        '098344492,Salto: centro,5,\n', // 13 :
    );
    const r = await run(['upload-base', ...login(), '--campaign', 'Sales<-', csv]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toContain('10 problems, nothing was uploaded');
    expect(lines.slice(1).map((l) => l.trim()).filter((l) => l.startsWith('line '))).toEqual([
      'line 3, phone: contains a letter ("09834A484")',
      'line 4, phone: is empty',
      `line 5, vars.name: the value contains ';', the field separator ("Pérez; Juan")`,
      'line 6, priority: must be from 1 (highest) to 9999 (lowest) ("0")',
      'line 7, priority: must be from 1 (highest) to 9999 (lowest) ("10000")',
      'line 8, priority: must be a whole number from 1 to 9999 ("alta")',
      'line 9, vars.name: the value contains a line break ("multi\\nline")',
      'line 11, altPhones[0]: a typed phone starts with M, W or H (mobile, work, home) ("X=0=099111111")',
      'line 12, row: has 3 fields, the header has 4 (an unquoted "," inside a value?)',
      `line 13, vars.name: the value contains ':', which separates variables and phones ("Salto: centro")`,
    ]);
    expect(sim.uploads).toHaveLength(0);
    expect(sim.requests).toHaveLength(0); // not even a login
  });

  it('--json lists the problems as data', async () => {
    const csv = file('bad2.csv', 'phone\n123x\n');
    const r = await run(['upload-base', '--campaign', 'Sales<-', '--dry-run', '--json', csv]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, code: 'INVALID_CONTACTS', problemCount: 1, problems: [{ line: 2, field: 'phone', reason: 'contains a letter', value: '123x' }] });
  });

  it('reports a header without a phone column, and an unclosed quote, at their lines', async () => {
    const noPhone = await run(['upload-base', '--campaign', 'S', '--dry-run', file('nophone.csv', 'numero,name\n098344484,Ana\n')]);
    expect(noPhone.code).toBe(1);
    expect(noPhone.stderr).toContain('line 1, header: no phone column (columns: "numero", "name")');
    const quote = await run(['upload-base', '--campaign', 'S', '--dry-run', file('quote.csv', 'phone,name\n098344484,Ana\n098344485,"Ana\n098344486,Eva\n')]);
    expect(quote.code).toBe(1);
    expect(quote.stderr).toMatch(/line \d+, row: a quoted field is never closed/);
  });

  it('--dry-run checks and encodes without logging in', async () => {
    const csv = file('ok.csv', 'phone,name\n098344484,Ana\n098344485,Eva\n');
    const r = await run(['upload-base', '--campaign', 'Sales<-', '--dry-run', csv], { env: {} });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('dry run: 2 contacts for Sales<- are valid; would upload 1 part');
    expect(sim.requests).toHaveLength(0);
  });

  it('a server answering 0: exit 2 with UPLOAD_REFUSED, session ended', async () => {
    sim.setFault('zero', { route: 'Dialers/uploadbase' });
    const r = await run(['upload-base', ...login(), '--campaign', 'Sales<-', file('z.csv', 'phone\n098344484\n')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('UPLOAD_REFUSED');
    expect(sim.sessions.every((s) => s.endedAt !== undefined)).toBe(true);
  });

  it('a failed logout after a complete upload: exit 0, the result, and a warning', async () => {
    sim.setFault('zero', { route: 'auth/EndSession', times: 1 });
    const r = await run(['upload-base', ...login(), '--campaign', 'S', '--json', file('lo.csv', 'phone\n098344484\n')]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ ok: true, contacts: 1 });
    expect(out.warning).toMatch(/^ucbridge LOGOUT_FAILED: .*the upload itself succeeded/);
    expect(sim.uploads).toHaveLength(1);
  });

  it('a wrong password: exit 3 (its own code: cron must not retry) with LOGIN_REFUSED', async () => {
    const r = await run(['upload-base', ...login(), '--campaign', 'Sales<-', file('w.csv', 'phone\n098344484\n')], { env: { UCONTACT_PASSWORD: 'wrong', XDG_STATE_HOME: dir } });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('LOGIN_REFUSED');
  });

  it('usage errors exit 1 with one line ending "see --help"', async () => {
    const missing = await run(['upload-base', '--campaign', 'S', file('u.csv', 'phone\n098344484\n')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('ucbridge USAGE: --url and --user are required (or use --dry-run) (see ucbridge upload-base --help)\n');
    const unknown = await run(['upload-base', '--campain', 'S', '--dry-run', 'x.csv']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown option --campain');
    expect((await run(['upload-base', '--dry-run', '--campaign', 'S', '--max-lines', '0', 'x.csv'])).stderr).toContain('--max-lines "0" is not a whole number from 1 to 999999999 (e.g. --max-lines 20000)');
    expect((await run(['upload-base', '--dry-run', '--campaign', 'S', '--map', 'fone=Tel', 'x.csv'])).stderr).toContain('--map takes FIELD=COLUMN');
    expect((await run(['upload-base', '--dry-run', '--campaign', 'S', '--map', 'phone=Tel', '--map', 'phone=Cel', 'x.csv'])).stderr).toContain('--map gives phone twice ("Tel" and "Cel")');
    expect((await run(['nope'])).code).toBe(1);
    expect((await run([])).code).toBe(1);
    const notFound = await run(['upload-base', '--dry-run', '--campaign', 'S', join(dir, 'missing.csv')]);
    expect(notFound.code).toBe(1);
    expect(notFound.stderr).toContain('(ENOENT: no such file or folder)');
    const insecure = await run(['upload-base', '--url', 'http://example.com', '--user', 'ops', '--campaign', 'S', file('i.csv', 'phone\n098344484\n')]);
    expect(insecure.code).toBe(1);
    expect(insecure.stderr).toContain('INSECURE_URL');
  });

  it('never takes a password from argv, and never echoes it', async () => {
    const r = await run(['upload-base', ...login(), '--password', 'argv-secret', '--campaign', 'S', 'x.csv']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('never taken from the command line');
    expect(r.stderr + r.stdout).not.toContain('argv-secret');
    expect((await run(['upload-base', ...login(), '--password=argv-secret', 'x.csv'])).stderr).not.toContain('argv-secret');
  });

  it('without UCONTACT_PASSWORD and no terminal: exit 1 NO_PASSWORD; on a terminal it asks', async () => {
    const csv = file('p.csv', 'phone\n098344484\n');
    const none = await run(['upload-base', ...login(), '--campaign', 'S', csv], { env: { XDG_STATE_HOME: dir } });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('UCONTACT_PASSWORD');
    const asked: string[] = [];
    const prompted = await run(['upload-base', ...login(), '--campaign', 'S', csv], {
      env: { XDG_STATE_HOME: dir },
      interactive: true,
      promptPassword: async (message) => {
        asked.push(message);
        return PASSWORD;
      },
    });
    expect(prompted.code).toBe(0);
    expect(asked).toEqual([`Password of ops at ${new URL(sim.url).host}:`]);
  });

  it('prints no secret (password or API key) in any output, success or failure', async () => {
    const outputs: string[] = [];
    const csv = file('s.csv', 'phone\n098344484\n');
    for (const fault of [undefined, 'zero', 'drop', 'http-500'] as const) {
      if (fault !== undefined) sim.setFault(fault, { route: 'Dialers/uploadbase' });
      for (const json of [[], ['--json']]) {
        const r = await run(['upload-base', ...login(), '--campaign', 'S', ...json, csv]);
        outputs.push(r.stdout, r.stderr);
      }
      sim.clearFaults();
    }
    const secrets = [PASSWORD, encodeURIComponent(PASSWORD), ...sim.sessions.map((s) => s.key)];
    expect(sim.sessions.length).toBeGreaterThan(0);
    for (const out of outputs) for (const secret of secrets) expect(out).not.toContain(secret);
  }, 30_000);

  it('--help shows the options and examples, exit 0', async () => {
    const r = await run(['upload-base', '--help']);
    expect(r.code).toBe(0);
    for (const text of ['--url', '--campaign', '--dry-run', '--max-lines', '--map', '--json', 'EXAMPLES', 'UCONTACT_PASSWORD', 'EXIT CODES']) expect(r.stdout).toContain(text);
    expect(r.stdout).not.toContain('\u001b['); // no colour codes when not on a terminal
    // citty pads each option line to the widest: none is left padded with spaces, none overlong
    expect(r.stdout).not.toMatch(/[ \t]$/m);
    expect(Math.max(...r.stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(100);
    // durations read as ops tools read them
    expect(r.stdout).toContain('--timeout=<DURATION>');
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('seconds (90), or 1500ms, 90s, 2m, or none (default 30s)');
    expect((await run(['--help'])).stdout).toContain('upload-base');
  });
});

describe('ucbridge upload-base: input files', () => {
  it('reports a header column that cannot be a variable name at line 1, once', async () => {
    const r = await run(['upload-base', '--campaign', 'S', '--dry-run', file('hdr.csv', 'phone,First Name\n098344484,Ana\n098344485,Eva\n')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('1 problem, nothing was uploaded');
    expect(r.stderr).toContain('line 1, header: column 2 ("First Name") cannot be a variable');
  });

  it('flags a line for another campaign in a dialer-line file', async () => {
    const r = await run(['upload-base', '--campaign', 'Sales<-', '--dry-run', file('other.txt', 'Sales<-;098344484;;;;\nOther->;098344485;;;;\nSales<-;098344486;a=1;;;;;\n')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('line 2, campaign: the line is for campaign "Other->", the upload for "Sales<-": one upload goes to one campaign (put each campaign\'s lines in a file of their own)');
    expect(r.stderr).toContain("line 3, row: has 8 fields separated by ';'");
    // the hint, followed: each campaign's lines in a file of their own
    expect((await run(['upload-base', ...login(), '--campaign', 'Sales<-', file('sales.txt', 'Sales<-;098344484;;;;\nSales<-;098344486;a=1;;;\n')])).code).toBe(0);
    expect((await run(['upload-base', ...login(), '--campaign', 'Other->', file('other-only.txt', 'Other->;098344485;;;;\n')])).code).toBe(0);
  });

  it('reads a Latin-1 file as Windows-1252 and says so; --encoding latin1 reads it the same', async () => {
    const path = file('latin1.csv', Buffer.from('phone,name\n098344484,P\xe9rez\n', 'latin1'));
    const auto = await run(['upload-base', ...login(), '--campaign', 'S', path]);
    expect(auto.code).toBe(0);
    expect(auto.stdout).toContain('read as Windows-1252 (no byte order mark; line 2 is not valid UTF-8');
    // another journal: the same parts again would (rightly) not be sent twice
    const latin1 = await run(['upload-base', ...login(), '--campaign', 'S', '--encoding', 'latin1', '--journal', join(dir, 'latin1.jsonl'), path]);
    expect(latin1.code).toBe(0);
    expect(sim.uploads.map((u) => u.text)).toEqual(['S;098344484;name=Pérez;;;', 'S;098344484;name=Pérez;;;']);
  });

  it('reads LF, CRLF and mixed line ends alike, and a file of lone CRs', async () => {
    const mixed = await run(['upload-base', ...login(), '--campaign', 'S', file('mixed.csv', 'phone,name\r\n098344484,"Ana"\r\n098344485,Eva\n098344486,Luz\r\n')]);
    expect(mixed.code).toBe(0);
    expect(sim.uploads[0]!.text).toBe('S;098344484;name=Ana;;;\nS;098344485;name=Eva;;;\nS;098344486;name=Luz;;;');
    const mac = await run(['upload-base', '--campaign', 'S', '--dry-run', '--json', file('mac.csv', 'phone,name\r098344484,Ana\r09834X485,Eva\r')]);
    expect(JSON.parse(mac.stdout)).toMatchObject({ ok: false, problems: [{ line: 3, field: 'phone', reason: 'contains a letter' }] });
  });

  it('keeps line numbers right across read chunks and multi-line quoted values', async () => {
    // ~200 KB: several 64 KiB chunks, with quoted line breaks on both sides of their borders
    const rows = Array.from({ length: 6000 }, (_, i) => (i % 7 === 3 ? `0983${String(i).padStart(5, '0')},"two\r\nlines"` : `0983${String(i).padStart(5, '0')},"Pérez, Ana ${i}"`));
    rows[5500] = '0983X5500,Eva';
    const r = await run(['upload-base', '--campaign', 'S', '--dry-run', '--json', file('long.csv', `${BOM}phone,name\r\n${rows.join('\r\n')}\r\n`)]);
    const out = JSON.parse(r.stdout);
    const breaks = (n: number): number => Array.from({ length: n }, (_, i) => i).filter((i) => i % 7 === 3).length;
    const lineOf = (i: number): number => 2 + i + breaks(i);
    expect(out.problems.filter((p: { field: string }) => p.field === 'phone')).toEqual([{ index: 5500, line: lineOf(5500), field: 'phone', reason: 'contains a letter', value: '0983X5500' }]);
    expect(out.problemCount).toBe(1 + breaks(6000)); // and every value with a line break
    expect(out.problems[0]).toMatchObject({ line: lineOf(3), field: 'vars.name', reason: 'the value contains a line break' });
  });

  it('reports a closing quote followed by other characters at its line and reads on', async () => {
    const r = await run(['upload-base', '--campaign', 'S', '--dry-run', file('badquote.csv', 'phone,name\n098344484,"Ana"x\n098344485,"Eva"\n09834A486,Luz\n')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('line 2, row: a closing quote is followed by other characters');
    expect(r.stderr).toContain('line 4, phone: contains a letter');
    const header = await run(['upload-base', '--campaign', 'S', '--dry-run', file('badheader.csv', '"phone"x,name\n098344484,"Ana"\n098344485,Eva\n')]);
    // the header is broken: nothing after it is read (line 3 must not become the header)
    expect(header.stderr.trim().split('\n').slice(1).map((l) => l.trim()).filter((l) => l.startsWith('line '))).toEqual([
      'line 1, row: a closing quote is followed by other characters (write "" for a quote inside a quoted field); the field runs on to line 2, which was not checked',
    ]);
  });

  it('names the upload after the file, and asks for --filename when it cannot', async () => {
    const ok = await run(['upload-base', '--campaign', 'S', '--dry-run', '--json', file('leads 2026-11.csv', 'phone\n098344484\n')]);
    expect(JSON.parse(ok.stdout).parts[0].filename).toBe('leads_2026-11');
    const reactivar = file('Reactivar.csv', 'phone\n098344484\n');
    const r = await run(['upload-base', '--campaign', 'S', '--dry-run', reactivar]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('give one, e.g. --filename base_Reactivar');
    // the hint, followed
    expect((await run(['upload-base', '--campaign', 'S', '--dry-run', '--filename', 'base_Reactivar', reactivar])).code).toBe(0);
  });

  it('a file with a header only: exit 1 EMPTY_FILE', async () => {
    const r = await run(['upload-base', '--campaign', 'S', '--dry-run', '--json', file('empty.csv', 'phone,name\n')]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, code: 'EMPTY_FILE' });
  });

  it('draws a progress bar on a terminal (stderr) and keeps stdout for the result', async () => {
    let bar = '';
    const r = await run(['upload-base', ...login(), '--campaign', 'S', file('tty.csv', 'phone\n098344484\n')], {
      stderr: { write: (t: string) => (bar += t), isTTY: true, columns: 80 },
    });
    expect(r.code).toBe(0);
    expect(bar).toContain('uploading');
    expect(bar).toContain('\u001b['); // cursor control: a real bar, not plain lines
    expect(bar).toMatch(/checking .* [0-9.]+\/[0-9.]+ KB/); // a small file in KB, never "0/0 MB"
    expect(bar).not.toContain('0/0 MB');
    expect(r.stdout).toContain('uploaded 1 contact to S in 1 part');
  });
});
