// What the CLI upload tests share: a CSV of numbered contacts, and the CLI run in-process with its
// output captured (no terminal: a password prompt is never shown).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './main.js';

/** Writes `leads.csv` in `dir` with `count` contacts (phones 098300000, 098300001, …) and returns its path. */
export function writeLeads(dir: string, count: number): string {
  const csv = join(dir, 'leads.csv');
  writeFileSync(csv, `phone,name\n${Array.from({ length: count }, (_, i) => `0983${String(i).padStart(5, '0')},N${i}`).join('\n')}\n`);
  return csv;
}

/** Runs the CLI in-process with `env`; resolves with its exit code and what it printed. */
export async function runCaptured(argv: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env,
    interactive: false,
  });
  return { code, stdout, stderr };
}
