// A journal that cannot be read or written must stop the upload before the login, exit 1, and
// never report success: without it a re-run could not know what the platform already holds.
// The CLI in-process (runCli), the simulator over real HTTP.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startIntegraSim, type IntegraSim } from '@ucbridge/integra-sim';
import { runCli } from './main.js';

const PASSWORD = 'journal-pass';
let sim: IntegraSim;
let dir: string;
let csv: string;

beforeAll(async () => {
  sim = await startIntegraSim({ users: [{ user: 'ops', password: PASSWORD }] });
  dir = mkdtempSync(join(tmpdir(), 'ucbridge-journal-'));
  csv = join(dir, 'leads.csv');
  writeFileSync(csv, `phone,name\n${Array.from({ length: 30 }, (_, i) => `0983${String(i).padStart(5, '0')},N${i}`).join('\n')}\n`);
});
afterEach(() => sim.clearLog());
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

async function upload(journal: string, ...extra: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const argv = ['upload-base', '--url', sim.url, '--user', 'ops', '--campaign', 'Sales<-', '--max-lines', '10', '--journal', journal, ...extra, csv];
  const code = await runCli(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: { UCONTACT_PASSWORD: PASSWORD },
    interactive: false,
  });
  return { code, stdout, stderr };
}

describe('a journal that cannot be used', () => {
  it('a folder given as --journal: JOURNAL_UNUSABLE, exit 1, no login, nothing sent (text)', async () => {
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    const result = await upload(folder);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`ucbridge JOURNAL_UNUSABLE: cannot use the journal ${folder} (EISDIR)`);
    expect(result.stdout).not.toContain('uploaded');
    expect(sim.requests).toEqual([]); // not even a login
    expect(sim.uploads).toEqual([]);
  });

  it('the same with --json: one JSON document saying not ok', async () => {
    const folder = join(dir, 'another-folder');
    mkdirSync(folder);
    const result = await upload(folder, '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, exitCode: 1, code: 'JOURNAL_UNUSABLE' });
    expect(sim.requests).toEqual([]); // not even a login
    expect(sim.uploads).toEqual([]);
  });
});
