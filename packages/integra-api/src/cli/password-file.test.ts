// --password-file as editors write it: Windows Notepad's UTF-8 with a byte order mark, CRLF or a
// lone CR after the password. The CLI in-process (runCli), the simulator over real HTTP.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './main.js';
import { useUploadFixture } from './upload-fixture.test-helper.js';

const PASSWORD = 'file-pass';
const fixture = useUploadFixture({ name: 'pwfile', password: PASSWORD, resetAfterEach: false });
let csv: string;

beforeAll(() => {
  csv = join(fixture.dir, 'leads.csv');
  writeFileSync(csv, 'phone,name\n098300001,Ana\n');
});

describe('--password-file written by Windows editors', () => {
  it.each([
    ['UTF-8 with a byte order mark and CRLF (Notepad)', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${PASSWORD}\r\n`)])],
    ['a lone CR after the password', Buffer.from(`${PASSWORD}\r`)],
  ])('%s: logs in and uploads (exit 0)', async (name, bytes) => {
    const file = join(fixture.dir, `pw-${name.length}`);
    writeFileSync(file, bytes, { mode: 0o600 });
    let stdout = '';
    const code = await runCli(
      ['upload-base', '--url', fixture.sim.url, '--user', 'ops', '--campaign', 'Sales<-', '--filename', `pw${name.length}`, '--password-file', file, '--json', csv],
      { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => true }, env: { XDG_STATE_HOME: join(fixture.dir, 'state') }, interactive: false },
    );
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, exitCode: 0 });
    expect(code).toBe(0);
    expect(fixture.sim.uploads.at(-1)?.lines).toEqual(['Sales<-;098300001;name=Ana;;;']);
  });
});
