/**
 * The upload journal in a file, for Node: one JSON object per line, appended and synced to disk
 * before `record` resolves (so an entry written before a body is sent survives a crash in
 * flight); the latest line of a key wins. A line cut short by a crash is ignored: it can only be
 * the last one, written before anything was sent.
 */
import { mkdirSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { JournalEntry, UploadJournal } from './dialer/journal.js';

/**
 * The folder of ucbridge's state (the journal, the CLI's upload locks): `$XDG_STATE_HOME/ucbridge`,
 * else `~/.local/state/ucbridge` (on Windows `%LOCALAPPDATA%\ucbridge`).
 */
export function defaultStateDir(env: Record<string, string | undefined> = process.env): string {
  if (env['XDG_STATE_HOME']) return join(env['XDG_STATE_HOME'], 'ucbridge');
  if (process.platform === 'win32' && env['LOCALAPPDATA']) return join(env['LOCALAPPDATA'], 'ucbridge');
  return join(env['HOME'] || homedir(), '.local', 'state', 'ucbridge');
}

/** The journal's default place: `journal.jsonl` in {@link defaultStateDir}. */
export function defaultJournalPath(env: Record<string, string | undefined> = process.env): string {
  return join(defaultStateDir(env), 'journal.jsonl');
}

function parseLine(line: string): JournalEntry | undefined {
  try {
    const entry = JSON.parse(line) as JournalEntry;
    return typeof entry?.key === 'string' && typeof entry.state === 'string' ? entry : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A journal stored at `path` (created with its folder, readable by its owner only). Entries
 * are read once, on the first look-up. Two processes should not upload the same list with the
 * same journal at the same time.
 */
export function createFileJournal(path: string = defaultJournalPath()): UploadJournal & { readonly path: string } {
  let entries: Promise<Map<string, JournalEntry>> | undefined;
  // a line cut short by a crash must not swallow the next entry: start a fresh line after it
  let cutShort = false;
  const load = (): Promise<Map<string, JournalEntry>> =>
    (entries ??= readFile(path, 'utf8').then(
      (text) => {
        cutShort = text !== '' && !text.endsWith('\n');
        const map = new Map<string, JournalEntry>();
        for (const line of text.split('\n')) {
          const entry = line === '' ? undefined : parseLine(line);
          if (entry !== undefined) map.set(entry.key, entry);
        }
        return map;
      },
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return new Map<string, JournalEntry>();
        throw error;
      },
    ));
  return {
    path,
    get: async (key) => (await load()).get(key),
    async record(entry) {
      const map = await load();
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      const handle = await open(path, 'a', 0o600);
      try {
        await handle.appendFile(`${cutShort ? '\n' : ''}${JSON.stringify(entry)}\n`);
        await handle.sync();
        cutShort = false;
      } finally {
        await handle.close();
      }
      map.set(entry.key, { ...entry });
    },
  };
}
