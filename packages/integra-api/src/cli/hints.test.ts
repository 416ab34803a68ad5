// Every hint the CLI prints names a CLI option (or the exact action), and following it works:
// each test below takes the fix out of the message itself and runs it. The CLI in-process, the
// simulator over real HTTP.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCaptured, useUploadFixture } from './upload-fixture.test-helper.js';

const PASSWORD = 'hints-pass';
const fixture = useUploadFixture({ name: 'hints', password: PASSWORD, contacts: 30 });

let runs = 0;
const run = (argv: string[], env: Record<string, string> = { UCONTACT_PASSWORD: PASSWORD }) => runCaptured(argv, { ...env, XDG_STATE_HOME: join(fixture.dir, `state${++runs}`) });
const upload = (...argv: string[]) => run(['upload-base', '--url', fixture.sim.url, '--user', 'ops', ...argv]);

/** The option and value a message suggests after "e.g." (`--filename leads_2`). */
function suggested(message: string, option: string): string {
  const match = new RegExp(`${option} ('[^']*'|\\S+?)(?=[,;)]?(?:\\s|$))`).exec(message.slice(message.indexOf('e.g.')));
  expect(match, message).not.toBeNull();
  return match![1]!.replace(/^'(.*)'$/, '$1');
}

it('an upload name too long for its parts: the message names --filename and --max-lines, and each fix works', async () => {
  const long = `leads_${'x'.repeat(39)}`; // 45 characters: leads_xxx…_part01 would be 52
  const refused = await upload('--campaign', 'Sales<-', '--max-lines', '10', '--filename', long, fixture.csv);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/^ucbridge USAGE: the upload name leads_x+ is too long for 3 parts \(leads_x+_part03 has more than 50 characters\): give a --filename of at most 43 characters, e\.g\. --filename leads_x+, or send one part with --max-lines 30/);
  expect(refused.stderr).not.toContain('maxLines');
  expect(fixture.sim.requests).toEqual([]);

  const shorter = await upload('--campaign', 'Sales<-', '--max-lines', '10', '--filename', suggested(refused.stderr, '--filename'), fixture.csv);
  expect(shorter.code).toBe(0);
  expect(fixture.sim.uploads.map((u) => u.filename)).toEqual([1, 2, 3].map((n) => `${long.slice(0, 43)}_part0${n}`));
  const onePart = await upload('--campaign', 'Sales<-', '--max-lines', /--max-lines ([0-9]+)/.exec(refused.stderr)![1]!, '--filename', long, fixture.csv);
  expect(onePart.code).toBe(0);
  expect(fixture.sim.uploads.at(-1)).toMatchObject({ filename: long });
  expect(fixture.sim.uploads.at(-1)!.lines).toHaveLength(30);
});

it('a --campaign with spaces around: refused before reading the file, and the campaign it suggests uploads', async () => {
  const refused = await upload('--campaign', ' Sales<- ', fixture.csv);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('ucbridge USAGE: --campaign " Sales<- ": has leading or trailing spaces');
  expect(fixture.sim.requests).toEqual([]);
  const fixed = await upload('--campaign', suggested(refused.stderr, '--campaign'), fixture.csv);
  expect(fixed.code).toBe(0);
  expect(fixture.sim.uploads[0]!.campaign).toBe('Sales<-');
});

it('a --filename starting with R: refused naming --filename, and the name it suggests uploads', async () => {
  const refused = await upload('--campaign', 'Sales<-', '--filename', 'Reactivar 2026', fixture.csv);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain(`ucbridge USAGE: --filename "Reactivar 2026": may only hold letters A-Z a-z, digits, _ and -; give ≤ 50 of A-Z a-z 0-9 _ - not starting with R, e.g. --filename base_Reactivar_2026`);
  const fixed = await upload('--campaign', 'Sales<-', '--filename', suggested(refused.stderr, '--filename'), fixture.csv);
  expect(fixed.code).toBe(0);
  expect(fixture.sim.uploads[0]!.filename).toBe('base_Reactivar_2026');
});

it('a --url that is not one: names --url (never the library\'s baseUrl), never echoes it, and the form it shows works', async () => {
  const refused = await upload('--url', 'https://ops:hunter2@acme.ucontactcloud.com', '--campaign', 'Sales<-', fixture.csv);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('ucbridge USAGE: --url: must not contain a user name or password; give the instance\'s address alone, e.g. --url https://acme.ucontactcloud.com (the user goes in --user, the password in --password-file or UCONTACT_PASSWORD)');
  expect(refused.stderr).not.toContain('hunter2');
  const bare = await run(['upload-base', '--url', 'acme.ucontactcloud.com', '--user', 'ops', '--campaign', 'Sales<-', fixture.csv]);
  expect(bare.stderr).toContain('ucbridge USAGE: --url: is not a valid absolute URL');
  // the form shown, with this instance's address
  expect((await upload('--campaign', 'Sales<-', fixture.csv)).code).toBe(0);
});

it('a dialer-line file whose campaign cannot be uploaded: the line and the fix, and the corrected file uploads', async () => {
  const lines = join(fixture.dir, 'lines.txt');
  writeFileSync(lines, 'Sales<- ;098344484;;;;\nSales<- ;098344485;;;;\n');
  const refused = await upload(lines);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain(`ucbridge INVALID_FILE: ${lines} line 1: the campaign "Sales<- " cannot be uploaded (campaign has leading or trailing spaces): correct the campaign at the start of every line`);
  writeFileSync(lines, 'Sales<-;098344484;;;;\nSales<-;098344485;;;;\n');
  expect((await upload(lines)).code).toBe(0);
  expect(fixture.sim.uploads[0]!.lines).toEqual(['Sales<-;098344484;;;;', 'Sales<-;098344485;;;;']);
});

it('a refused login names --user and the password\'s sources; with the right password the same command uploads', async () => {
  const refused = await run(['upload-base', '--url', fixture.sim.url, '--user', 'ops', '--campaign', 'Sales<-', fixture.csv], { UCONTACT_PASSWORD: 'wrong' });
  expect(refused.code).toBe(3);
  expect(refused.stderr).toContain('ucbridge LOGIN_REFUSED: auth/UserLogin: uContact refused the login of user ops (wrong user or password): check --user and the password (--password-file, UCONTACT_PASSWORD or the prompt), then run the same command again');
  expect((await upload('--campaign', 'Sales<-', fixture.csv)).code).toBe(0);
});

it('a password on the command line: refused, naming --password-file, which works', async () => {
  const refused = await upload('--campaign', 'Sales<-', '--password', PASSWORD, fixture.csv);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('use --password-file PATH (a file only you can read)');
  expect(refused.stderr).not.toContain(PASSWORD);
  const file = join(fixture.dir, 'pw');
  writeFileSync(file, `${PASSWORD}\n`, { mode: 0o600 });
  expect((await run(['upload-base', '--url', fixture.sim.url, '--user', 'ops', '--campaign', 'Sales<-', '--password-file', file, fixture.csv], {})).code).toBe(0);
});

it('--format takes auto, csv or lines: one plain line (no colour codes) naming the value', async () => {
  const refused = await upload('--campaign', 'Sales<-', '--format', 'xls', fixture.csv);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toBe('ucbridge USAGE: --format must be auto, csv or lines (got "xls") (see ucbridge upload-base --help)\n');
  expect((await upload('--campaign', 'Sales<-', '--format', 'csv', fixture.csv)).code).toBe(0);
});

it('a bad --delimiter or --encoding names the value given; the forms it lists work', async () => {
  const delimiter = await upload('--campaign', 'Sales<-', '--delimiter', '|', fixture.csv);
  expect(delimiter.stderr).toBe(`ucbridge USAGE: --delimiter must be , ; or tab (got "|"; quote ';' in the shell: --delimiter ';') (see ucbridge upload-base --help)\n`);
  expect((await upload('--campaign', 'Sales<-', '--delimiter', ',', fixture.csv)).code).toBe(0);
  const encoding = await upload('--campaign', 'Sales<-', '--encoding', 'ascii', fixture.csv);
  expect(encoding.stderr).toBe('ucbridge USAGE: --encoding must be one of auto, utf8, utf16le, utf16be, windows-1252, latin1 (got "ascii") (see ucbridge upload-base --help)\n');
  expect((await upload('--campaign', 'Sales<-', '--encoding', 'utf8', fixture.csv)).code).toBe(0);
});

it('a file that cannot be read says why in words, not only the system code', async () => {
  const missing = await upload('--campaign', 'Sales<-', join(fixture.dir, 'nope.csv'));
  expect(missing.code).toBe(1);
  expect(missing.stderr).toBe(`ucbridge FILE_UNREADABLE: cannot read ${join(fixture.dir, 'nope.csv')} (ENOENT: no such file or folder)\n`);
  const folder = await upload('--campaign', 'Sales<-', fixture.dir);
  expect(folder.stderr).toBe(`ucbridge FILE_UNREADABLE: cannot read ${fixture.dir} (EISDIR: a folder, not a file)\n`);
  const password = await run(['upload-base', '--url', fixture.sim.url, '--user', 'ops', '--campaign', 'Sales<-', '--password-file', fixture.dir, fixture.csv], {});
  expect(password.stderr).toContain(`ucbridge NO_PASSWORD: cannot read the password file ${fixture.dir} (EISDIR: a folder, not a file)`);
  expect(fixture.sim.requests).toEqual([]);
});

it('no file: says which argument is missing and shows a command that works', async () => {
  const refused = await upload('--campaign', 'Sales<-');
  expect(refused.code).toBe(1);
  expect(refused.stderr).toBe("ucbridge USAGE: no FILE: give the contact file (a CSV export or dialer lines) last, e.g. ucbridge upload-base --dry-run --campaign 'Sales<-' leads.csv (see ucbridge upload-base --help)\n");
  expect((await run(['upload-base', '--dry-run', '--campaign', 'Sales<-', fixture.csv])).code).toBe(0);
});

it('a --user pasted with a CR (a Windows script): refused naming --user, before the file is read; the name it suggests logs in', async () => {
  const refused = await run(['upload-base', '--url', fixture.sim.url, '--user', 'ops\r', '--campaign', 'Sales<-', fixture.csv]);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toBe('ucbridge USAGE: --user "ops<U+000D>": must not contain control characters (a CR or tab pasted with it?); give the API user\'s name alone, e.g. --user ops (see ucbridge upload-base --help)\n');
  expect(fixture.sim.requests).toEqual([]);
  expect((await run(['upload-base', '--url', fixture.sim.url, '--user', suggested(refused.stderr, '--user'), '--campaign', 'Sales<-', fixture.csv])).code).toBe(0);
});

it('a login that reaches no uContact (HTTP 404, a closed port): the message points at --url; the instance\'s address works', async () => {
  for (const url of [`${fixture.sim.url}/not-uc`, 'http://127.0.0.1:1']) {
    const failed = await run(['upload-base', '--url', url, '--user', 'ops', '--campaign', 'Sales<-', fixture.csv]);
    expect(failed.code, url).toBe(2);
    expect(failed.stderr, url).toMatch(/^ucbridge (HTTP_ERROR|NETWORK): auth\/UserLogin: .*; no part was sent: check that --url is the uContact instance \(e\.g\. --url https:\/\/acme\.ucontactcloud\.com\) and that this machine reaches it, then run the same command again$/m);
  }
  expect((await upload('--campaign', 'Sales<-', fixture.csv)).code).toBe(0);
});

it('an Excel workbook (.xlsx, .xls) given for a CSV: INVALID_FILE saying what it is and how to save it as CSV, no garbage header advice; the CSV uploads', async () => {
  // a real (minimal) .xlsx: a ZIP archive with a worksheet, as Excel writes it
  const xlsx = join(fixture.dir, 'leads.xlsx');
  writeFileSync(xlsx, Buffer.from('UEsDBBQAAAAIAGAkgV3uR1hmHwAAAB0AAAATAAAAW0NvbnRlbnRfVHlwZXNdLnhtbLOxr8jNUShLLSrOzM+zVTLUM1Cyt7MJqSxILda3AwBQSwMEFAAAAAgAYCSBXR41myVJAAAAYwAAABgAAAB4bC93b3Jrc2hlZXRzL3NoZWV0MS54bWyzKc8vyi7OSE0tsbMBUy6JJYl2NkX55XY2yQoltkqZeTmZeanBJUVKdjaZxXY2JXYFGfl5qTb6QA36IAH9ZCAGq9dHMkAfYS4AUEsBAhQDFAAAAAgAYCSBXe5HWGYfAAAAHQAAABMAAAAAAAAAAAAAAIABAAAAAFtDb250ZW50X1R5cGVzXS54bWxQSwECFAMUAAAACABgJIFdHjWbJUkAAABjAAAAGAAAAAAAAAAAAAAAgAFQAAAAeGwvd29ya3NoZWV0cy9zaGVldDEueG1sUEsFBgAAAAACAAIAhwAAAM8AAAAAAA==', 'base64'));
  const refused = await upload('--campaign', 'Sales<-', xlsx);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toBe(`ucbridge INVALID_FILE: ${xlsx} is a ZIP archive (an Excel .xlsx or OpenDocument .ods workbook?), not a CSV or dialer-line text file: open it in Excel (or LibreOffice) and save the sheet as "CSV UTF-8 (Comma delimited)", then upload that file\n`);
  const json = JSON.parse((await upload('--campaign', 'Sales<-', '--json', xlsx)).stdout);
  expect(json).toMatchObject({ ok: false, exitCode: 1, code: 'INVALID_FILE' });
  // an .xls (OLE2 compound file) likewise
  const xls = join(fixture.dir, 'leads.xls');
  writeFileSync(xls, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]));
  expect((await upload('--campaign', 'Sales<-', xls)).stderr).toContain('is an old Excel workbook (.xls), not a CSV');
  expect(fixture.sim.requests).toEqual([]);
  // the advice, followed: "CSV UTF-8" as Excel saves it (a UTF-8 byte order mark, CRLF)
  const saved = join(fixture.dir, 'leads-saved.csv');
  writeFileSync(saved, '\ufeffphone,name\r\n098344484,Ana\r\n');
  expect((await upload('--campaign', 'Sales<-', saved)).code).toBe(0);
});
