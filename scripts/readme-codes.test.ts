// Issue 13: every error or warning code a user can see is documented, and every documented code is
// real. "In the code": the members of every `…Code` string union and `…_CODES` list in the packages'
// sources, and every code written into a message by the one formatter (`bridgeMessage('X', …)`,
// `formatMessage('X', …)`). "In a table": a `code` / `codes` column of a table in any README.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const CODE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

/** Files under `folder` (relative to the repository) whose name passes `keep`, without node_modules or build output. */
function files(folder: string, keep: (name: string) => boolean): string[] {
  return readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && keep(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !/[/\\](node_modules|dist)[/\\]/.test(path));
}

/** Each code the sources define or print, with a file that has it. */
export function codesInSources(): Map<string, string> {
  const found = new Map<string, string>();
  const sources = files('packages', (name) => name.endsWith('.ts') && !name.endsWith('.d.ts') && !/\.test(-helper)?\.ts$|\.browser\.test\.ts$/.test(name));
  for (const path of sources) {
    const text = readFileSync(path, 'utf8');
    const add = (code: string) => CODE.test(code) && !found.has(code) && found.set(code, relative(root, path));
    // export type ErrorCode = | 'A' | 'B' …;   export const X_CODES = ['A', 'B'] as const;
    for (const [, body] of text.matchAll(/type \w*Code\s*=\s*((?:\s*\|?\s*'[A-Z0-9_]+')+)/g)) for (const [, code] of body!.matchAll(/'([A-Z0-9_]+)'/g)) add(code!);
    for (const [, body] of text.matchAll(/const \w*_CODES\s*=\s*\[([^\]]*)\]/g)) for (const [, code] of body!.matchAll(/'([A-Z0-9_]+)'/g)) add(code!);
    for (const [, code] of text.matchAll(/(?:bridgeMessage|formatMessage)\(\s*'([A-Z0-9_]+)'/g)) add(code!);
  }
  return found;
}

/** Each code in a `code` / `codes` column of a README table, with the README that has it. */
export function codesInTables(): Map<string, string> {
  const found = new Map<string, string>();
  const readmes = [join(root, 'README.md'), ...files('packages', (name) => name === 'README.md')];
  for (const path of readmes) {
    const lines = readFileSync(path, 'utf8').split('\n');
    for (let i = 0; i + 1 < lines.length; i++) {
      // a table: a header row, then a |---| row; the code columns are named `code` or `codes`
      if (!lines[i]!.startsWith('|') || !/^\|[\s:|-]+\|$/.test(lines[i + 1]!.trim())) continue;
      const cells = (row: string) => row.trim().replace(/^\||\|$/g, '').split(/(?<!\\)\|/);
      const columns = cells(lines[i]!).flatMap((cell, index) => (/^\s*codes?\s*$/i.test(cell) ? [index] : []));
      for (let row = i + 2; row < lines.length && lines[row]!.startsWith('|'); row++) {
        const values = cells(lines[row]!);
        for (const column of columns) for (const [, code] of (values[column] ?? '').matchAll(/`([A-Z][A-Z0-9_]+)`/g)) if (!found.has(code!)) found.set(code!, relative(root, path));
      }
    }
  }
  return found;
}

describe('error and warning codes in the READMEs', () => {
  const inSources = codesInSources();
  const inTables = codesInTables();

  it('finds the codes of every package (the scan itself works)', () => {
    for (const code of ['ORIGIN_NOT_ALLOWED', 'INVALID_OPTION', 'NOTHING_INSTALLED', 'LOGIN_REFUSED', 'USAGE']) expect(inSources.has(code), code).toBe(true);
    for (const code of ['ORIGIN_NOT_ALLOWED', 'LOGIN_REFUSED']) expect(inTables.has(code), code).toBe(true);
  });

  it('every code in the code is in a README table', () => {
    const missing = [...inSources].filter(([code]) => !inTables.has(code)).map(([code, file]) => `${code} (${file})`);
    expect(missing, 'add these codes to the error table of the README of the package that has them').toEqual([]);
  });

  it('every code in a README table exists in the code', () => {
    const unknown = [...inTables].filter(([code]) => !inSources.has(code)).map(([code, readme]) => `${code} (${readme})`);
    expect(unknown, 'these codes are documented but no source defines or prints them').toEqual([]);
  });
});
