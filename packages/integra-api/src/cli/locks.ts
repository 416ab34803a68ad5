/**
 * One run at a time, twice over. Two runs at once (a cron job started again while the last one
 * is still sending) would both read every part as unsent and load each contact twice:
 * - per journal: a lock beside it (`PATH.lock`), so two runs never write one journal at once;
 * - per upload: a lock keyed by the upload itself (instance URL, campaign, upload name, hashed)
 *   in the state folder (`$XDG_STATE_HOME/ucbridge/uploads/HASH.lock`), so two runs with
 *   different `--journal` files, which cannot see each other's records, never send one upload.
 * A lock is a file created exclusively, holding its owner's process id (and, for the upload,
 * the owner's journal); a lock whose process is gone (killed, a second Ctrl-C) is taken over.
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultStateDir } from '../journal-file.js';
import { CliError, systemErrorText } from './cli-error.js';

/** True when a process with this id runs (EPERM: it runs as another user). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock's owner: its process id (first line) and what else it wrote (the next lines). */
function ownerOf(lockPath: string): { pid: number; note: string } | undefined {
  try {
    const [first = '', ...rest] = readFileSync(lockPath, 'utf8').split('\n');
    const pid = Number.parseInt(first, 10);
    return Number.isSafeInteger(pid) && pid > 0 ? { pid, note: rest.join('\n').trim() } : undefined;
  } catch {
    return undefined;
  }
}

/** Creates the lock file exclusively; `false` when it exists; the error code when it cannot be made. */
function create(lockPath: string, note: string): boolean | string {
  try {
    mkdirSync(dirname(lockPath), { recursive: true, mode: 0o700 });
    const fd = openSync(lockPath, 'wx', 0o600);
    writeSync(fd, `${process.pid}\n${note}\n`);
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  }
}

type LockResult = { release: () => void } | { busy: { pid: number; note: string } | undefined } | { unusable: string };

/** Takes the lock at `lockPath` for this process, taking over one whose owner is gone. */
function takeLock(lockPath: string, note: string): LockResult {
  let made = create(lockPath, note);
  if (made === false) {
    const owner = ownerOf(lockPath);
    if (owner !== undefined && isRunning(owner.pid)) return { busy: owner };
    // its owner is gone: take it over (unlink, then create exclusively again: one of two racers wins)
    try {
      unlinkSync(lockPath);
    } catch {
      // another run took it over first; create() decides
    }
    made = create(lockPath, note);
    if (made === false) return { busy: ownerOf(lockPath) };
  }
  if (typeof made === 'string') return { unusable: made };
  return {
    release: () => {
      try {
        if (ownerOf(lockPath)?.pid === process.pid) unlinkSync(lockPath);
      } catch {
        // already gone: nothing to release
      }
    },
  };
}

/**
 * Takes the lock of the journal at `journalPath`; returns the function that releases it.
 * Throws `JOURNAL_BUSY` when a running process holds it, `JOURNAL_UNUSABLE` when it cannot be made.
 */
export function lockJournal(journalPath: string): () => void {
  const lockPath = `${journalPath}.lock`;
  const lock = takeLock(lockPath, '');
  if ('release' in lock) return lock.release;
  if ('unusable' in lock) {
    throw new CliError('JOURNAL_UNUSABLE', `cannot lock the journal (${lockPath}: ${systemErrorText(lock.unusable)}); nothing was sent and no session opened: the journal's folder must be one this user can write in`);
  }
  const who = lock.busy === undefined ? 'another upload' : `another upload (process ${lock.busy.pid})`;
  throw new CliError('JOURNAL_BUSY', `${who} is using the journal ${journalPath}; nothing was sent: wait for it to end, then run the same command again (it sends only what is missing)`);
}

/** What names an upload: the same three make the same journal keys. */
export interface UploadIdentity {
  baseUrl: string;
  campaign: string;
  filename: string;
}

/** Where the lock of `upload` lives: `STATE/uploads/HASH.lock` (the names hashed: a campaign holds `<-`). */
export function uploadLockPath(upload: UploadIdentity, env: Record<string, string | undefined>): string {
  const hash = createHash('sha256').update(JSON.stringify([upload.baseUrl, upload.campaign, upload.filename])).digest('hex');
  return join(defaultStateDir(env), 'uploads', `${hash.slice(0, 32)}.lock`);
}

/**
 * Takes the lock of `upload` (whatever journal each run uses); returns the function that
 * releases it. Throws `UPLOAD_BUSY` naming the running owner and its journal, `STATE_UNUSABLE`
 * when the state folder cannot hold the lock.
 */
export function lockUpload(upload: UploadIdentity, journalPath: string, env: Record<string, string | undefined>): () => void {
  const lockPath = uploadLockPath(upload, env);
  const lock = takeLock(lockPath, journalPath);
  if ('release' in lock) return lock.release;
  const what = `${upload.filename} to ${upload.campaign} at ${upload.baseUrl}`;
  if ('unusable' in lock) {
    throw new CliError('STATE_UNUSABLE', `cannot lock the upload ${what} (${lockPath}: ${systemErrorText(lock.unusable)}); nothing was sent and no session opened: set XDG_STATE_HOME to a folder this user can write in`);
  }
  const owner = lock.busy;
  const theirs = owner?.note ? `; it records its parts in the journal ${owner.note}: to resume or check that upload later, run it with --journal ${owner.note}` : '';
  throw new CliError(
    'UPLOAD_BUSY',
    `another run (process ${owner?.pid ?? 'unknown'}) is uploading ${what}; nothing was sent and no session opened: wait for it to end (the lock ${lockPath} goes with it)${theirs}`,
  );
}
