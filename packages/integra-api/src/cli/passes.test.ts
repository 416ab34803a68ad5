// Issue 11, case 5 (flat memory), at the pass structure: the file's parts are handed over while
// it is read, and the reading waits for whoever takes them (the sending), so no more than a part
// or two is ever held, whatever the file's size. The peak RSS figures are in bench/dialer.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { prepareFile } from './read-file.js';

let dir: string;
let path: string;
const ROWS = 50_000;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ucbridge-passes-'));
  path = join(dir, 'leads.csv');
  writeFileSync(path, `phone,name\n${Array.from({ length: ROWS }, (_, i) => `09${String(1_000_000 + i)},Name ${i}`).join('\n')}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('hands each part over while the file is read, and the reading waits for the one taking it', async () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const handed: { index: number; cant: number; bytes: number; lines: unknown }[] = [];
  const progress: number[] = [];
  const reading = prepareFile({
    path,
    campaign: 'Sales<-',
    filename: 'leads',
    maxLines: 5_000,
    onProgress: (rows) => progress.push(rows),
    onPart: async (part) => {
      handed.push({ index: part.index, cant: part.cant, bytes: part.chunks.reduce((n, c) => n + c.byteLength, 0), lines: part.lines });
      if (part.index === 0) await gate; // the platform is slow to take part 1
    },
  });
  let settled = false;
  void reading.then(() => (settled = true));
  while (handed.length === 0) await new Promise((r) => setTimeout(r, 5));
  // time for a reader that did not wait to run on through the file (a correct one never does)
  await new Promise((r) => setTimeout(r, 100));
  expect(settled).toBe(false);
  expect(handed.map((h) => h.index)).toEqual([0]);
  expect(Math.max(0, ...progress)).toBeLessThanOrEqual(10_000); // of 50,000 rows
  release();
  const prepared = await reading;
  expect(handed.map((h) => [h.index, h.cant])).toEqual(Array.from({ length: 10 }, (_, i) => [i, 5_000]));
  expect(handed[1]!.lines).toEqual({ first: 5_002, last: 10_001 });
  // the prepared base keeps no part's bytes: they went to the one taking them
  expect(prepared.base.parts.every((p) => p.chunks.length === 0)).toBe(true);
  expect(prepared.base.parts.map((p) => p.bytes)).toEqual(handed.map((h) => h.bytes));
});

it('the second pass reads as the first did: the encoding chosen once, and --dedupe\'s repeats left out by line, without a table of phones', async () => {
  // Windows-1252 (no byte order mark, not UTF-8: detected), the same phone on lines 3 and 5
  const ansi = join(dir, 'ansi.csv');
  writeFileSync(ansi, Buffer.from('phone,name\n098344484,P\xe9rez\n098344484,P\xe9rez\n098344485,Ana\n098344484,Eva\n098344486,Luz\n', 'latin1'));
  const bodies = (parts: { chunks: readonly Uint8Array[] }[]): string[] => parts.map((p) => Buffer.concat(p.chunks).toString('utf8'));
  const first: { chunks: readonly Uint8Array[] }[] = [];
  const pass1 = await prepareFile({ path: ansi, campaign: 'S', filename: 'ansi', maxLines: 2, dedupe: true, onPart: (part) => void first.push(part) });
  expect(pass1.secondPass.encoding).toMatchObject({ encoding: 'windows-1252', source: 'detected' });
  expect([...pass1.secondPass.leaveOut]).toEqual([3, 5]);
  expect(bodies(first)).toEqual(['S;098344484;name=Pérez;;;\nS;098344485;name=Ana;;;', 'S;098344486;name=Luz;;;']);

  const second: { chunks: readonly Uint8Array[] }[] = [];
  await prepareFile({ path: ansi, campaign: 'S', filename: 'ansi', maxLines: 2, secondPass: pass1.secondPass, onPart: (part) => void second.push(part) });
  expect(bodies(second)).toEqual(bodies(first));
  // the second pass leaves out exactly the lines it is given: it does not look for repeats itself
  const none: { chunks: readonly Uint8Array[] }[] = [];
  await prepareFile({ path: ansi, campaign: 'S', filename: 'ansi', maxLines: 2, secondPass: { ...pass1.secondPass, leaveOut: new Int32Array([5]) }, onPart: (part) => void none.push(part) });
  expect(bodies(none)[0]).toBe('S;098344484;name=Pérez;;;\nS;098344484;name=Pérez;;;');
});
