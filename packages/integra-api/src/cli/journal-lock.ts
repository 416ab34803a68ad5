/**
 * One upload per journal at a time. Two runs at once (a cron job started again while the last
 * one is still sending) would both read every part as unsent and load each contact twice. The
 * lock is a file beside the journal (`PATH.lock`), created exclusively, holding its owner's
 * process id; a lock whose process is gone (killed, a second Ctrl-C) is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { CliError } from './cli-error.js';

/** True when a process with this id runs (EPERM: it runs as another user). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ownerOf(lockPath: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function create(lockPath: string): boolean {
  try {
    const fd = openSync(lockPath, 'wx', 0o600);
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new CliError('JOURNAL_UNUSABLE', `cannot lock the journal (${lockPath}: ${code}); nothing was sent and no session opened: the journal's folder must be one this user can write in`);
  }
}

/**
 * Takes the lock of the journal at `journalPath`; resolves with the function that releases it.
 * Throws `JOURNAL_BUSY` when a running process holds it, `JOURNAL_UNUSABLE` when it cannot be made.
 */
export function lockJournal(journalPath: string): () => void {
  const lockPath = `${journalPath}.lock`;
  try {
    mkdirSync(dirname(lockPath), { recursive: true, mode: 0o700 });
  } catch {
    // create() below names the problem
  }
  if (!create(lockPath)) {
    const owner = ownerOf(lockPath);
    if (owner !== undefined && isRunning(owner)) {
      throw new CliError('JOURNAL_BUSY', `another upload (process ${owner}) is using the journal ${journalPath}; nothing was sent: wait for it to end, then run the same command again (it sends only what is missing)`);
    }
    // its owner is gone: take it over (unlink, then create exclusively again: one of two racers wins)
    try {
      unlinkSync(lockPath);
    } catch {
      // another run took it over first; create() decides
    }
    if (!create(lockPath)) throw new CliError('JOURNAL_BUSY', `another upload is using the journal ${journalPath}; nothing was sent: wait for it to end, then run the same command again`);
  }
  return () => {
    try {
      if (ownerOf(lockPath) === process.pid) unlinkSync(lockPath);
    } catch {
      // already gone: nothing to release
    }
  };
}
