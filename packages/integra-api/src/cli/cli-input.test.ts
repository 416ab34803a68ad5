/**
 * Issue 11, cases 6–10: the files people really have, written as the bytes real tools produce,
 * run through the CLI against the simulator over real HTTP; the assertions are on what the
 * simulator received. Every hint the CLI prints here is followed, and must work.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startIntegraSim, type IntegraSim } from '@ucbridge/integra-sim';
import { toDialerCsv, uploadBase, login as apiLogin, logout } from '@ucbridge/integra-api';
import { runCli } from './main.js';

const PASSWORD = 'input-tests-pw';
let sim: IntegraSim;
let dir: string;

beforeAll(async () => {
  sim = await startIntegraSim({ users: [{ user: 'ops', password: PASSWORD }] });
  dir = mkdtempSync(join(tmpdir(), 'ucbridge-input-'));
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  sim.clearLog();
});

let files = 0;
function file(content: string | Buffer, name = `f${++files}.csv`): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

let runs = 0;
async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['upload-base', ...argv], {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    // each run its own journal: these tests read files, and a shared journal would (rightly) not send again what an earlier run sent
    env: { UCONTACT_PASSWORD: PASSWORD, XDG_STATE_HOME: join(dir, `state${++runs}`) },
    interactive: false,
  });
  return { code, stdout, stderr };
}
const upload = (...argv: string[]) => run('--url', sim.url, '--user', 'ops', ...argv);
const json = async (...argv: string[]) => JSON.parse((await run('--dry-run', '--json', ...argv)).stdout);

/** Excel "Unicode text": UTF-16LE with a byte order mark, tab-separated, CRLF. */
const utf16le = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string): Buffer => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
/** Excel "CSV" on Spanish or English Windows: Windows-1252 (the real code page: 0x93 is “, 0x80 is €). */
const cp1252 = (text: string): Buffer => iconv.encode(text, 'windows1252');

describe('case 6: encodings', () => {
  it('reads Excel "Unicode text" (UTF-16LE with a byte order mark, tab-separated) and says so', async () => {
    const path = file(utf16le('phone\tname\tcity\r\n098344484\tJosé Núñez\tPaysandú\r\n099124484\tAna “Tota” Pérez\tSalto\r\n'));
    const r = await upload('--campaign', 'Sales<-', path);
    expect(r.code).toBe(0);
    expect(sim.uploads[0]!.text).toBe('Sales<-;098344484;name=José Núñez:city=Paysandú;;;\nSales<-;099124484;name=Ana “Tota” Pérez:city=Salto;;;');
    expect(r.stdout).toContain('read as UTF-16LE (byte order mark); CSV, tab-separated');
  });

  it('reads UTF-16BE with a byte order mark', async () => {
    const r = await upload('--campaign', 'S', file(utf16be('phone;nombre\n098344484;Begoña\n')));
    expect(r.code).toBe(0);
    expect(sim.uploads[0]!.text).toBe('S;098344484;nombre=Begoña;;;');
  });

  it('reads a Windows-1252 export with “ ” – € as the real code page, detected, and says so', async () => {
    const path = file(cp1252('phone,note\r\n098344484,“Oferta” – 20 €\r\n098344485,Ñandú\r\n'));
    const r = await upload('--campaign', 'S', '--json', path);
    expect(r.code).toBe(0);
    expect(sim.uploads[0]!.text).toBe('S;098344484;note=“Oferta” – 20 €;;;\nS;098344485;note=Ñandú;;;');
    expect(sim.uploads[0]!.text).not.toMatch(/[\u0080-\u009f]/);
    expect(JSON.parse(r.stdout).file).toMatchObject({ encoding: 'windows-1252', encodingSource: 'detected' });
    expect(JSON.parse(r.stdout).file.encodingNote).toContain('line 2 is not valid UTF-8');
  });

  it('--encoding latin1 and windows-1252 read the same file the same way: no C1 control is ever uploaded', async () => {
    const path = file(cp1252('phone,note\n098344484,“Oferta” – 20 €\n'));
    for (const encoding of ['latin1', 'windows-1252', 'cp1252']) {
      sim.clearLog();
      const r = await upload('--campaign', 'S', '--encoding', encoding, path);
      expect(r.code, encoding).toBe(0);
      expect(sim.uploads[0]!.text).toBe('S;098344484;note=“Oferta” – 20 €;;;');
    }
  });

  it('a UTF-8 file with one Latin-1 row: refused at that line, no --encoding advice; each --encoding refuses too (nothing uploaded as mojibake)', async () => {
    const bytes = Buffer.concat([Buffer.from('phone,name\n098344484,José Núñez\n'), Buffer.from('098344485,P\xe9rez\n', 'latin1'), Buffer.from('098344486,Ñandú\n')]);
    for (const bom of [false, true]) {
      const path = file(bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]) : bytes);
      const auto = await upload('--campaign', 'S', path);
      expect(auto.code).toBe(1);
      expect(auto.stderr).toContain('line 3, encoding: not valid UTF-8 (as Windows-1252 it reads "098344485,Pérez")');
      expect(auto.stderr).toContain('correct the accented letters');
      expect(auto.stderr).not.toContain('--encoding');
      expect(auto.stderr).toContain(`read as UTF-8 (${bom ? 'byte order mark' : 'no byte order mark'}; 1 line is not valid UTF-8)`);
      for (const encoding of ['latin1', 'windows-1252', 'utf8']) {
        const forced = await upload('--campaign', 'S', '--encoding', encoding, path);
        expect(forced.code, `${encoding} bom=${bom}`).toBe(1);
      }
      expect(sim.uploads).toHaveLength(0);
    }
    const latin1 = await upload('--campaign', 'S', '--encoding', 'latin1', file(bytes));
    expect(latin1.stderr).toContain('line 2, encoding: holds UTF-8 text, which --encoding latin1 (read as Windows-1252, as browsers do) would upload as "098344484,JosÃ© NÃºÃ±ez"');
    // the advice followed: the row corrected to UTF-8, the file uploads as it reads
    const fixed = await upload('--campaign', 'S', file(Buffer.from('phone,name\n098344484,José Núñez\n098344485,Pérez\n098344486,Ñandú\n')));
    expect(fixed.code).toBe(0);
    expect(sim.uploads[0]!.lines).toEqual(['S;098344484;name=José Núñez;;;', 'S;098344485;name=Pérez;;;', 'S;098344486;name=Ñandú;;;']);
  });

  it('every --encoding hint works when followed', async () => {
    // a Windows-1252 file forced as UTF-8 → "use --encoding windows-1252 (or leave --encoding out)"
    const ansi = file(cp1252('phone,name\n098344484,Pérez\n'));
    const asUtf8 = await upload('--campaign', 'S', '--encoding', 'utf8', ansi);
    expect(asUtf8.code).toBe(1);
    expect(asUtf8.stderr).toContain('use --encoding windows-1252 (or leave --encoding out to have it detected)');
    expect((await upload('--campaign', 'S', '--encoding', 'windows-1252', ansi)).code).toBe(0);
    expect((await upload('--campaign', 'S', ansi)).code).toBe(0);
    // a UTF-8 file forced as Windows-1252 → "leave out --encoding windows-1252"
    const utf8 = file('phone,name\n098344484,Pérez\n');
    const asAnsi = await upload('--campaign', 'S', '--encoding', 'windows-1252', utf8);
    expect(asAnsi.stderr).toContain('the file is UTF-8: leave out --encoding windows-1252');
    expect((await upload('--campaign', 'S', utf8)).code).toBe(0);
    // a byte order mark that contradicts --encoding → "leave out --encoding utf8"
    const unicode = file(utf16le('phone\tname\r\n098344484\tPérez\r\n'));
    const contradicted = await upload('--campaign', 'S', '--encoding', 'utf8', unicode);
    expect(contradicted.stderr).toContain('line 1, encoding: the file starts with a UTF-16LE byte order mark, so it is UTF-16LE, not UTF-8: leave out --encoding utf8');
    expect((await upload('--campaign', 'S', unicode)).code).toBe(0);
    expect(sim.uploads.map((u) => u.text)).toEqual(Array(4).fill('S;098344484;name=Pérez;;;'));
  });

  it('explains a C1 control in a UTF-8 file (Windows-1252 text converted as Latin-1) at its line and field', async () => {
    const r = await upload('--campaign', 'S', file('phone,note\n098344484,\u0093Oferta\u0094\n'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('line 2, vars.note: the value contains the control character U+0093; in Windows-1252 the byte 0x93 is "“"');
    expect(sim.requests).toHaveLength(0);
  });

  it('detects UTF-16LE without a byte order mark from its NUL bytes', async () => {
    const r = await upload('--campaign', 'S', file(Buffer.from('phone\tname\r\n098344484\tAna\r\n', 'utf16le')));
    expect(r.code).toBe(0);
    expect(sim.uploads[0]!.text).toBe('S;098344484;name=Ana;;;');
  });
});

describe('case 7: line breaks that are not \\n, and other hidden characters', () => {
  it('refuses U+2028 in a dialer-line file: one line here would be two for other readers', async () => {
    const r = await upload(file('Sales<-;099000001;note=hello\u2028Other->;099666777;1;\n', 'dialer.txt'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('line 1, vars.note: the value contains U+2028, a Unicode line or paragraph separator');
    expect(sim.requests).toHaveLength(0);
  });

  it('refuses each kind in a CSV, on the fast and the ordinary path alike, with line and field', async () => {
    const values = ['a\u2029b', 'a\u0085b', 'a\u0092b', 'a\u200bb', 'a\u202eb', 'a\u2066b', 'a\ufeffb', 'a\tb'];
    const rows = values.map((v, i) => `09834448${i},"${v}",Montevideo`);
    for (const encoding of ['utf8', 'utf16le']) {
      const text = `phone,note,city\n${rows.join('\n')}\n098344489,ok,Salto\n`;
      const out = await json('--campaign', 'S', '--encoding', encoding, file(encoding === 'utf8' ? Buffer.from(text) : Buffer.from(text, 'utf16le')));
      expect(out.problems.map((p: { line: number; field: string }) => `${p.line} ${p.field}`), encoding).toEqual(values.map((_, i) => `${i + 2} vars.note`));
    }
  });

  it('refuses such a character in the campaign before logging in', async () => {
    const csv = file('phone\n098344484\n');
    const r = await upload('--campaign', 'Sales\u2028<-', csv);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--campaign "Sales<U+2028><-": contains U+2028');
    expect(sim.requests).toHaveLength(0);
    // the hint, followed
    expect(r.stderr).toContain("e.g. --campaign 'Sales<-'");
    expect((await upload('--campaign', 'Sales<-', csv)).code).toBe(0);
  });

  it('the library refuses them too (toDialerCsv, uploadBase): nothing is sent', async () => {
    expect(() => toDialerCsv('S', [{ phone: '099000001', vars: { note: 'hello\u2028Other->' } }])).toThrow(/U\+2028/);
    const session = await apiLogin({ baseUrl: sim.url, user: 'ops', password: PASSWORD });
    try {
      await expect(uploadBase(session, { campaign: 'S', filename: 'x', contacts: [{ phone: '099000001', vars: { note: 'a\u0085b' } }] })).rejects.toMatchObject({ code: 'INVALID_CONTACTS' });
    } finally {
      await logout(session);
    }
    expect(sim.uploads).toHaveLength(0);
  });
});

describe('case 8: Excel padding rows and rounded numbers', () => {
  it('skips 1,247 rows of ,, after 10 contacts, counts them in the report, and uploads the 10', async () => {
    const contacts = Array.from({ length: 10 }, (_, i) => `09834448${i},Ana ${i}`);
    const path = file(`phone,name,city\r\n${contacts.map((c) => `${c},Salto`).join('\r\n')}\r\n${',,\r\n'.repeat(1247)}`);
    const r = await upload('--campaign', 'S', path);
    expect(r.code).toBe(0);
    expect(sim.uploads[0]!.lines).toHaveLength(10);
    expect(r.stdout).toContain('skipped 1,247 rows of only delimiters and spaces: lines 12–');
    const out = await json('--campaign', 'S', path);
    expect(out.file.blankRows.count).toBe(1247);
    expect(out.file.blankRows.lines.slice(0, 2)).toEqual([12, 13]);
  });

  it('skips one ;; row in the middle (spaces too), and names its line', async () => {
    const out = await json('--campaign', 'S', file('telefono;nombre;ciudad\n098344484;Ana;Salto\n;;\n098344485;Eva;Rivera\n ; ;\t\n'));
    expect(out).toMatchObject({ ok: true, contacts: 2, file: { blankRows: { count: 2, lines: [3, 5] } } });
    // a padding row above the header too; the header is not a data row
    const above = await json('--campaign', 'S', file(',,\nphone,name,city\n098344484,Ana,Salto\n09834448X,Eva,Salto\n'));
    expect(above).toMatchObject({ ok: false, rows: 2, contacts: 1, file: { blankRows: { count: 1, lines: [1] } }, problems: [{ line: 4 }] });
  });

  it('says a phone Excel turned into 9.83445E+08 lost its digits', async () => {
    const r = await upload('--campaign', 'S', file('phone,name\n9.83445E+08,Ana\n098344485,Eva\n9,91245E+08,Luz\n'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('line 2, phone: Excel rounded this number, digits are lost');
    expect(r.stderr).not.toContain('line 3');
    expect(sim.requests).toHaveLength(0);
  });
});

describe('case 9: columns', () => {
  const outlook = 'First Name,Last Name,Mobile Phone,E-mail Address\r\nAna,Pérez,+598 99 123 456,ana@example.com\r\nLuis,Gómez,099124484,luis@example.com\r\n';

  it("an Outlook export with --map 'phone=Mobile Phone': the columns that cannot be variables name the flags, and the flags work", async () => {
    const path = file(outlook, 'outlook.csv');
    const first = await upload('--campaign', 'S', '--map', 'phone=Mobile Phone', '--normalize-phones', path);
    expect(first.code).toBe(1);
    expect(first.stderr).toContain(`line 1, header: column 1 ("First Name") cannot be a variable`);
    expect(first.stderr).toContain(`leave it out with --drop 'First Name', or send it as a variable with --map 'vars.First_Name=First Name'`);
    expect(first.stderr).toContain(`--drop 'E-mail Address'`);
    const kept = await upload('--campaign', 'S', '--map', 'phone=Mobile Phone', '--normalize-phones', '--map', 'vars.First_Name=First Name', '--map', 'vars.Last_Name=Last Name', '--drop', 'E-mail Address', path);
    expect(kept.code).toBe(0);
    expect(sim.uploads[0]!.lines).toEqual(['S;+59899123456;First_Name=Ana:Last_Name=Pérez;;;', 'S;099124484;First_Name=Luis:Last_Name=Gómez;;;']);
    expect(kept.stdout).toContain('columns: "First Name" → vars.First_Name (--map), "Last Name" → vars.Last_Name (--map), "Mobile Phone" → phone (--map)');
    expect(kept.stdout).toContain('left out: "E-mail Address" (--drop)');
    const dropped = await upload('--campaign', 'S', '--map', 'phone=Mobile Phone', '--normalize-phones', '--drop', 'First Name', '--drop', 'Last Name', '--drop', 'E-mail Address', path);
    expect(dropped.code).toBe(0);
    expect(sim.uploads[1]!.lines).toEqual(['S;+59899123456;;;;', 'S;099124484;;;;']);
  });

  it('telefono;nombre;prioridad with --map phone=telefono: prioridad is the priority, and the report says so', async () => {
    const path = file('telefono;nombre;prioridad\n098344484;Ana;5\n098344485;Eva;1\n');
    const r = await upload('--campaign', 'S', '--map', 'phone=telefono', '--json', path);
    expect(r.code).toBe(0);
    expect(sim.uploads[0]!.lines).toEqual(['S;098344484;nombre=Ana;;5;', 'S;098344485;nombre=Eva;;1;']);
    expect(JSON.parse(r.stdout).file.columns).toEqual([
      { column: 1, name: 'telefono', field: 'phone', how: 'map' },
      { column: 2, name: 'nombre', field: 'vars.nombre', how: 'variable' },
      { column: 3, name: 'prioridad', field: 'priority', how: 'recognised' },
    ]);
  });

  it('recognises Spanish and English names whatever their case and accents', async () => {
    for (const [header, field] of [['Teléfono', 'phone'], ['CELULAR', 'phone'], ['Móvil', 'phone'], ['mobile', 'phone'], ['Prioridad', 'priority'], ['Otros Teléfonos', 'altPhones']] as const) {
      const phone = field === 'phone' ? header : 'phone';
      const other = field === 'phone' ? 'x' : header;
      const out = await json('--campaign', 'S', file(`${phone};${other}\n098344484;${field === 'altPhones' ? '099124484' : '7'}\n`));
      expect(out.file.columns.find((c: { name: string }) => c.name === header), header).toMatchObject({ field });
    }
  });

  it('--map altPhones=Tel2,altPhones=Tel3: both columns become alternative phones, in order', async () => {
    const path = file('phone,Tel2,Tel3,name\n098344484,099124484,099111111,Ana\n098344485,,099222222,Eva\n');
    const r = await upload('--campaign', 'S', '--map', 'altPhones=Tel2,altPhones=Tel3', path);
    expect(r.code).toBe(0);
    expect(sim.uploads[0]!.lines).toEqual(['S;098344484;name=Ana;099124484:099111111;;', 'S;098344485;name=Eva;099222222;;']);
    expect(r.stdout).toContain('"Tel2" → altPhones (--map), "Tel3" → altPhones (--map)');
  });

  it('two columns that could each be the phone: refused with a --map that works when followed', async () => {
    const path = file('telefono,celular,nombre\n24001234,098344484,Ana\n');
    const r = await upload('--campaign', 'S', path);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('columns "telefono" and "celular" could each be the phone column: choose one with --map phone=telefono');
    const followed = await upload('--campaign', 'S', '--map', 'phone=celular', path);
    expect(followed.code).toBe(0);
    expect(sim.uploads[0]!.lines).toEqual(['S;098344484;telefono=24001234:nombre=Ana;;;']);
  });

  it('a column name given twice: refused with a --drop that works when followed', async () => {
    const path = file('phone,nota,nota\n098344484,a,b\n');
    const r = await json('--campaign', 'S', path);
    expect(r.problems[0].reason).toBe('column "nota" appears twice: rename one in the header, or leave both out with --drop nota');
    expect(await json('--campaign', 'S', '--drop', 'nota', path)).toMatchObject({ ok: true, contacts: 1 });
  });

  it('--delimiter tab (or a real tab) reads a tab-separated UTF-8 file', async () => {
    const path = file('phone\tnombre\n098344484\tAna, Eva\n');
    for (const delimiter of ['tab', '\t']) {
      const out = await json('--campaign', 'S', '--delimiter', delimiter, path);
      expect(out, delimiter).toMatchObject({ ok: true, contacts: 1, file: { delimiter: '\t', delimiterSource: 'option' } });
    }
    expect((await json('--campaign', 'S', path)).file).toMatchObject({ delimiter: '\t', delimiterSource: 'detected' });
  });

  it('--drop of a column that does not exist, and a value under an unnamed column, are refused', async () => {
    const drop = await json('--campaign', 'S', '--drop', 'Fax', file('phone,name\n098344484,Ana\n'));
    expect(drop.problems[0].reason).toContain('--drop Fax: no column has that name (columns: "phone", "name")');
    const unnamed = await json('--campaign', 'S', file('phone,name,,\n098344484,Ana,,\n098344485,Eva,,x\n'));
    expect(unnamed.problems).toMatchObject([{ line: 3, field: 'column 4' }]);
    const empty = await json('--campaign', 'S', file('phone,name,,\n098344484,Ana,,\n'));
    expect(empty).toMatchObject({ ok: true, contacts: 1 });
  });
});

describe('case 10: duplicates', () => {
  const rows = 'phone,name\n+59899123456,Ana\n+59899123456,Ana\n098344485,Eva\n+59899123456,Ana\n+598 99 123 456,Ana\n';

  it('a phone with layout is refused with a hint that works: --normalize-phones', async () => {
    const r = await upload('--campaign', 'S', file(rows));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('line 6, phone: contains a space (--normalize-phones removes spaces, dashes, dots, parentheses and Excel\'s quoting) ("+598 99 123 456")');
    expect(sim.requests).toHaveLength(0);
  });

  it('reports every repeat with its line (text and JSON), uploads them without --dedupe', async () => {
    const path = file(rows);
    const r = await upload('--campaign', 'S', '--normalize-phones', path);
    expect(r.code).toBe(0);
    expect(sim.uploads[0]!.lines).toHaveLength(5);
    expect(r.stdout).toContain('3 rows repeat the phone of an earlier row, uploaded as they are (--dedupe keeps only the first of each): lines 3 (+59899123456), 5 (+59899123456), 6 (+59899123456)');
    const out = await json('--campaign', 'S', '--normalize-phones', path);
    expect(out.file.duplicates).toEqual({ count: 3, dropped: false, lines: [{ line: 3, phone: '+59899123456' }, { line: 5, phone: '+59899123456' }, { line: 6, phone: '+59899123456' }] });
  });

  it('--dedupe keeps the first of each phone: the platform gets each phone once', async () => {
    const r = await upload('--campaign', 'S', '--normalize-phones', '--dedupe', '--json', file(rows));
    expect(r.code).toBe(0);
    expect(sim.uploads[0]!.lines).toEqual(['S;+59899123456;name=Ana;;;', 'S;098344485;name=Eva;;;']);
    expect(JSON.parse(r.stdout)).toMatchObject({ contacts: 2, file: { duplicates: { count: 3, dropped: true } } });
  });

  it("--normalize-phones takes Excel's ' and =\"…\" quoting, dashes, dots and parentheses, then compares", async () => {
    const path = file(`phone,name\n'099123456,Ana\n"=""099123456""",Ana\n(099) 123-456,Ana\n099.123.457,Eva\n`);
    const r = await upload('--campaign', 'S', '--normalize-phones', '--dedupe', path);
    expect(r.code).toBe(0);
    expect(sim.uploads[0]!.lines).toEqual(['S;099123456;name=Ana;;;', 'S;099123457;name=Eva;;;']);
    expect(r.stdout).toContain('--normalize-phones changed 4 main phones');
  });
});
