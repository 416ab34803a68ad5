import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseEncoding, createChunkDecoder } from './encoding.js';

const dir = mkdtempSync(join(tmpdir(), 'ucbridge-encoding-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (bytes: Buffer): string => {
  const path = join(dir, `e${++n}`);
  writeFileSync(path, bytes);
  return path;
};

describe('createChunkDecoder', () => {
  it('decodes Windows-1252 as the real code page (Node 20 TextDecoder gives C1 controls for 0x80–0x9F)', () => {
    const decoder = createChunkDecoder('windows-1252');
    expect(decoder.write(Buffer.from([0x93, 0x80, 0x94, 0x20, 0x96, 0x20, 0xe9, 0xf1]))).toBe('“€” – éñ');
  });

  it('keeps a character cut between chunks (UTF-16BE, UTF-16LE, UTF-8)', () => {
    const be = createChunkDecoder('utf16be');
    expect(be.write(Buffer.from([0x00, 0xe9, 0x00])) + be.write(Buffer.from([0xf1])) + be.end()).toBe('éñ');
    const le = createChunkDecoder('utf16le');
    expect(le.write(Buffer.from([0xe9])) + le.write(Buffer.from([0x00])) + le.end()).toBe('é');
    const utf8 = createChunkDecoder('utf8');
    expect(utf8.write(Buffer.from([0xc3])) + utf8.write(Buffer.from([0xa9])) + utf8.end()).toBe('é');
  });
});

describe('chooseEncoding', () => {
  it('finds a valid UTF-8 file valid when a character straddles the 1 MiB read boundary', async () => {
    const filler = Buffer.alloc((1 << 20) - 1, 0x61);
    const path = file(Buffer.concat([filler, Buffer.from('é\nñ')]));
    expect((await chooseEncoding(path)).choice).toMatchObject({ encoding: 'utf8', source: 'detected' });
  });

  it('names the byte order marks, and refuses an --encoding that contradicts one', async () => {
    expect((await chooseEncoding(file(Buffer.from([0xef, 0xbb, 0xbf, 0x61])))).choice).toMatchObject({ encoding: 'utf8', source: 'bom', bomBytes: 3 });
    expect((await chooseEncoding(file(Buffer.from([0xff, 0xfe, 0x61, 0x00])))).choice).toMatchObject({ encoding: 'utf16le', bomBytes: 2 });
    expect((await chooseEncoding(file(Buffer.from([0xfe, 0xff, 0x00, 0x61])))).choice).toMatchObject({ encoding: 'utf16be', bomBytes: 2 });
    const refused = await chooseEncoding(file(Buffer.from([0xfe, 0xff, 0x00, 0x61])), 'utf16le');
    expect(refused.problems[0]!.reason).toContain('leave out --encoding utf16le');
  });

  it('reads a file that is not UTF-8 and holds no UTF-8 line as Windows-1252, and says which line decided it', async () => {
    const { choice, problems } = await chooseEncoding(file(Buffer.from('phone,name\n1,Ana\n2,P\xe9rez\n', 'latin1')));
    expect(problems).toEqual([]);
    expect(choice).toMatchObject({ encoding: 'windows-1252', source: 'detected' });
    expect(choice.note).toContain('line 3 is not valid UTF-8');
  });

  it('refuses --encoding utf16le/utf16be on a file that is not UTF-16 (no NUL bytes, or NULs on the other side)', async () => {
    const utf8 = file(Buffer.from('phone,name\n098344401,José\n'));
    expect((await chooseEncoding(utf8, 'utf16le')).problems).toEqual([{ line: 1, reason: expect.stringContaining('the file is not UTF-16LE (it holds no NUL byte') }]);
    const bigEndian = file(Buffer.from('phone,name\n098344401,Ana\n', 'utf16le').swap16());
    expect((await chooseEncoding(bigEndian, 'utf16le')).problems[0]?.reason).toContain('its NUL bytes say UTF-16BE): leave out --encoding utf16le');
    expect((await chooseEncoding(bigEndian, 'utf16be')).problems).toEqual([]);
  });

  it('an all-ASCII file is fine under any encoding asked for', async () => {
    const path = file(Buffer.from('phone\n098344484\n'));
    for (const option of ['auto', 'utf8', 'windows-1252', 'latin1'] as const) expect((await chooseEncoding(path, option)).problems).toEqual([]);
  });
});
