/**
 * `ucbridge upload-base`: read a contact file and check every row (pass 1, nothing kept but a
 * hash per part); unless `--dry-run`, look the parts up in the journal, log in, read the file
 * again and send each part as it completes (pass 2), and end the session — also on errors, on
 * SIGINT/SIGTERM/SIGHUP and on a closed pipe. Every exit after the checks prints one report.
 * This file turns arguments into calls of the library and results into output.
 */
import { formatMessage, isIntegraError, type IntegraError } from '../errors.js';
import { normalizeBaseUrl } from '../url.js';
import { login } from '../auth.js';
import { logout } from '../logout.js';
import type { Session } from '../session.js';
import { formatProblem, UploadBaseError } from '../dialer/errors.js';
import { partName, type StreamedPart } from '../dialer/builder.js';
import { hashPartBytes, partKey } from '../dialer/journal.js';
import { createUploadBodyEncoder } from '../dialer/upload-body.js';
import { UploadRun, type PlannedPart } from '../dialer/upload-run.js';
import type { DialerBase } from '../dialer/types.js';
import { createFileJournal, defaultJournalPath } from '../journal-file.js';
import { lockJournal, lockUpload } from './locks.js';
import { CliError, systemErrorText } from './cli-error.js';
import { formatDuration } from './duration.js';
import { EXIT, interruptExitCode, runExitCode } from './exit-codes.js';
import { describeFailure } from './failure-message.js';
import { interruptOf, interruptOfRun } from './interrupt.js';
import { isOpen, type CliIo } from './io.js';
import { getPassword } from './password.js';
import { filenameFromPath, type UploadBaseArgs } from './upload-base-args.js';
import { createProgress } from './progress.js';
import { prepareFile, type PrepareFileOptions, type PreparedFile } from './read-file.js';
import { count, fileFacts, fileText, formatSize, reportText, type RunReport } from './report.js';

/** `ucbridge INVALID_CONTACTS: leads.csv: 3 problems, nothing was uploaded` (text and JSON alike). */
function problemHead(file: string, base: DialerBase): string {
  return formatMessage('INVALID_CONTACTS', `${file}: ${count(base.problemCount, 'problem')}, nothing was uploaded`);
}

/** The head line, one line of text per problem, and a count. */
function problemReport(file: string, base: DialerBase): string {
  const lines = base.problems.map((p) => `  ${formatProblem(p)}\n`).join('');
  const more = base.problemCount > base.problems.length ? `  … and ${base.problemCount - base.problems.length} more (the first ${base.problems.length} are listed)\n` : '';
  return `${problemHead(file, base)}\n${lines}${more}`;
}

/** Runs the command with checked args; resolves with the exit code. */
export async function runUploadBase(args: UploadBaseArgs, io: CliIo): Promise<number> {
  const signal = io.signal ?? new AbortController().signal;
  const baseUrl = args.url === undefined ? undefined : normalizeBaseUrl(args.url);
  const filename = args.filename ?? filenameFromPath(args.file);
  const progress = createProgress(io.stderr, args.json ? 'none' : 'auto');
  // the report goes to stdout, or to stderr when stdout was closed under us
  const print = (text: string): void => {
    progress.stop();
    (isOpen(io.stdout) ? io.stdout : io.stderr).write(text);
  };
  const readOptions: PrepareFileOptions = {
    path: args.file,
    campaign: args.campaign,
    filename,
    maxLines: args.maxLines,
    format: args.format,
    delimiter: args.delimiter,
    columns: args.columns,
    encoding: args.encoding,
    normalizePhones: args.normalizePhones,
    dedupe: args.dedupe,
    signal,
  };
  const encodeBody = createUploadBodyEncoder();

  // pass 1: check every row; keep per part only what the dry run or the journal needs
  const partFacts: { bodyBytes: number; bytesHash: string }[] = [];
  const prepared = await readFileOrExplain(args.file, {
    ...readOptions,
    onProgress: (rows, read, size) => progress.reading(rows, read, size),
    onPart: async (part) => {
      if (args.dryRun) partFacts.push({ bodyBytes: encodeBody({ ...part, filename }, readOptions.campaign ?? '', args.user ?? 'dry-run').length, bytesHash: '' });
      else partFacts.push({ bodyBytes: 0, bytesHash: await hashPartBytes(part.chunks) });
    },
  });
  progress.stop();
  const { base } = prepared;
  const file = fileFacts(args.file, prepared);
  const dryParts = (): { filename: string; cant: number; bytes: number; bodyBytes: number; lines?: { first: number; last: number } }[] =>
    // the bodies were encoded under the base name (the part names need the count): add the suffix
    base.parts.map((p, i) => ({ filename: p.filename, cant: p.cant, bytes: p.bytes, bodyBytes: (partFacts[i]?.bodyBytes ?? 0) + p.filename.length - filename.length, ...(p.lines === undefined ? {} : { lines: p.lines }) }));
  if (base.problemCount > 0) {
    if (args.json) {
      const message = problemHead(args.file, base);
      print(`${JSON.stringify({ ok: false, exitCode: EXIT.USAGE, code: 'INVALID_CONTACTS', message, file, rows: prepared.rows, contacts: base.contacts, ...(args.dryRun ? { parts: dryParts() } : {}), problemCount: base.problemCount, problems: base.problems })}\n`);
    } else io.stderr.write(problemReport(args.file, base) + fileText(file));
    return EXIT.USAGE;
  }
  if (base.contacts === 0) throw new CliError('EMPTY_FILE', `${args.file} holds no contacts`);

  if (args.dryRun) {
    const parts = dryParts();
    if (args.json) print(`${JSON.stringify({ ok: true, exitCode: EXIT.OK, dryRun: true, file, campaign: base.campaign, contacts: base.contacts, parts })}\n`);
    else {
      print(`dry run: ${count(base.contacts, 'contact')} for ${base.campaign} ${base.contacts === 1 ? 'is' : 'are'} valid; would upload ${count(parts.length, 'part')}:\n`);
      for (const p of parts) print(`  ${p.filename}  ${count(p.cant, 'contact')}  ${formatSize(p.bytes)} (request ${formatSize(p.bodyBytes)})\n`);
      print(fileText(file));
    }
    return EXIT.OK;
  }
  return upload({ args, io, base, file, prepared, partFacts, readOptions, baseUrl: baseUrl!, print, progress });
}

/** pass 1's I/O errors as a CLI error naming the file */
async function readFileOrExplain(path: string, options: PrepareFileOptions): Promise<PreparedFile> {
  try {
    return await prepareFile(options);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) throw new CliError('FILE_UNREADABLE', `cannot read ${path} (${systemErrorText(code)})`);
    throw error;
  }
}

interface UploadContext {
  args: UploadBaseArgs;
  io: CliIo;
  base: DialerBase;
  file: RunReport['file'];
  prepared: PreparedFile;
  partFacts: { bytesHash: string }[];
  readOptions: PrepareFileOptions;
  baseUrl: string;
  print: (text: string) => void;
  progress: ReturnType<typeof createProgress>;
}

/** Journal, login, pass 2 with sending, logout, report. */
async function upload(context: UploadContext): Promise<number> {
  const { args, io, base, baseUrl } = context;
  const path = args.journal ?? defaultJournalPath(io.env);
  const releaseJournal = lockJournal(path);
  try {
    const releaseUpload = lockUpload({ baseUrl, campaign: base.campaign, filename: base.filename }, path, io.env);
    try {
      return await uploadWithJournal(context, path);
    } finally {
      releaseUpload();
    }
  } finally {
    releaseJournal();
  }
}

/** {@link upload} once the journal at `path` is this run's alone. */
async function uploadWithJournal(context: UploadContext, path: string): Promise<number> {
  const { args, io, base, file, baseUrl, print, progress } = context;
  const signal = io.signal ?? new AbortController().signal;
  const journal = createFileJournal(path);
  const run = new UploadRun({ journal, baseUrl, campaign: base.campaign, filename: base.filename, onUnknown: args.onUnknown });
  const session: RunReport['session'] = { opened: false, ended: false };
  let failure: unknown;
  let warning: string | undefined;
  try {
    await planWithJournal(run, context, journal.path);
    if (run.pending) ({ failure, warning } = await sendInSession(context, run, session, await getPassword(args, io, signal)));
  } catch (error) {
    // no password, or a journal that cannot be read or written: one line, nothing sent, no session
    if (error instanceof CliError && (error.code === 'NO_PASSWORD' || error.code === 'JOURNAL_UNUSABLE')) throw error;
    failure = error;
  }
  progress.stop();
  failure = explainIoFailure(failure, journal.path, args.file!);
  // whatever a failure outside a part (a signal, the login, reading pass 2) left unsettled was not sent
  const interrupted = interruptOfRun(signal, failure);
  if (failure !== undefined && !(failure instanceof UploadBaseError)) {
    if (interrupted === undefined) run.stop('NOT_SENT', 'not sent');
    else run.stop('INTERRUPTED', session.opened ? 'not sent: interrupted' : 'not sent: interrupted before the login');
  }
  const parts = run.report();
  const exitCode = runExitCode(parts, interrupted, isIntegraError(failure) || failure instanceof CliError ? failure.code : undefined);
  const error = failure === undefined || exitCode === EXIT.OK ? undefined : describeFailure(failure, interrupted, args, session);
  const result: RunReport = {
    ok: exitCode === EXIT.OK,
    exitCode,
    ...error,
    dryRun: false,
    file,
    campaign: base.campaign,
    contacts: base.contacts,
    accepted: parts.accepted,
    unknown: parts.unknown,
    notSent: parts.notSent,
    session,
    journal: journal.path,
    timeout: formatDuration(args.timeoutMs),
    ...(interrupted === undefined ? {} : { interrupted }),
    ...(warning === undefined ? {} : { warning: exitCode === EXIT.OK ? `${warning} (the upload itself succeeded)` : warning }),
  };
  if (args.json) print(`${JSON.stringify(result)}\n`);
  else {
    if (error !== undefined) io.stderr.write(`${error.message}\n`);
    if (result.warning !== undefined) io.stderr.write(`${result.warning}\n`);
    print(reportText(result));
  }
  return exitCode;
}

/**
 * Plans the parts against the journal. A journal that cannot be read or written (a folder, a
 * full disk, no permission) is `JOURNAL_UNUSABLE` before any login: without it a re-run could
 * not know what the platform already holds.
 */
async function planWithJournal(run: UploadRun, context: UploadContext, path: string): Promise<void> {
  try {
    await run.plan(await planParts(context));
  } catch (error) {
    if (isIntegraError(error)) throw error;
    const code = (error as { code?: unknown }).code;
    const why = typeof code === 'string' ? code : (error as Error).message;
    throw new CliError('JOURNAL_UNUSABLE', `cannot use the journal ${path} (${systemErrorText(why)}); nothing was sent and no session opened: make it a file this user can read and append to (another --journal PATH would hold no record of earlier runs)`);
  }
}

/**
 * An I/O error while sending (the journal could not be written, the file could not be read
 * again) as a CLI error naming the file, so the report is still printed; anything else as is.
 */
function explainIoFailure(failure: unknown, journalPath: string, filePath: string): unknown {
  if (failure === undefined || isIntegraError(failure) || failure instanceof CliError) return failure;
  const { code, path } = failure as { code?: unknown; path?: unknown };
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return failure;
  if (path === journalPath) {
    return new CliError('JOURNAL_UNUSABLE', `the journal ${journalPath} could not be written (${systemErrorText(code)}); nothing more was sent. The report says where each part stands; a re-run stops on a part whose answer the journal missed until you check it (--resend-unknown or --skip-unknown)`);
  }
  return new CliError('FILE_CHANGED', `${filePath} could not be read again (${systemErrorText(code)}); nothing more was sent`);
}

/** Each part of pass 1 with its journal key. */
async function planParts({ base, baseUrl, partFacts }: UploadContext): Promise<PlannedPart[]> {
  const planned: PlannedPart[] = [];
  for (const [i, part] of base.parts.entries()) {
    const key = await partKey({ baseUrl, campaign: base.campaign, filename: part.filename, bytesHash: partFacts[i]!.bytesHash });
    planned.push({ filename: part.filename, cant: part.cant, bytes: part.bytes, lines: part.lines, key });
  }
  return planned;
}

/**
 * Logs in, sends (pass 2) and always ends the session; `session` says what happened to it.
 * Resolves with the upload's failure, if any, and the logout's failure message, if any.
 */
async function sendInSession(context: UploadContext, run: UploadRun, session: RunReport['session'], password: string): Promise<{ failure?: unknown; warning?: string }> {
  const { args, baseUrl } = context;
  const signal = context.io.signal;
  // a signal before the login (while the password was read): no session to open, nothing sent
  if (signal?.aborted === true) return { failure: signal.reason };
  let opened: Session;
  try {
    // no signal: a login cut short after its request could leave a session nobody can end;
    // it is bounded by the timeout, and an interrupt meanwhile ends the session right after
    opened = await login({ baseUrl, user: args.user!, password, timeoutMs: args.timeoutMs });
  } catch (error) {
    run.stop(isIntegraError(error) ? error.code : 'LOGIN', 'not sent: no session');
    return { failure: error };
  }
  session.opened = true;
  const outcome: { failure?: unknown; warning?: string } = {};
  try {
    await sendPass2(context, run, opened);
  } catch (error) {
    outcome.failure = error;
  }
  try {
    await logout(opened);
    session.ended = true;
  } catch (error) {
    outcome.warning = (error as Error).message;
  }
  return outcome;
}

/** Reads the file again, sending each part as it completes, if the journal wants it sent. */
async function sendPass2(context: UploadContext, run: UploadRun, session: Session): Promise<void> {
  const { args, io, base, partFacts, readOptions, progress } = context;
  const signal = io.signal;
  const encodeBody = createUploadBodyEncoder();
  const count = base.parts.length;
  let seen = 0;
  const onPart = async (part: StreamedPart): Promise<void> => {
    seen++;
    const name = partName(base.filename, part.index, count);
    const expected = base.parts[part.index];
    if (expected === undefined || expected.cant !== part.cant || partFacts[part.index]!.bytesHash !== (await hashPartBytes(part.chunks))) {
      throw new CliError('FILE_CHANGED', `${args.file} changed while it was being uploaded (${name} differs from the checked one); nothing more was sent`);
    }
    if (!run.shouldSend(part.index)) return;
    progress.uploading(part.index + 1, count, name, part.cant);
    await run.send(session, part.index, encodeBody({ ...part, filename: name }, base.campaign, session.user), {
      signal,
      timeoutMs: args.timeoutMs,
    });
  };
  const again = await prepareFile({ ...readOptions, secondPass: context.prepared.secondPass, onPart });
  if (again.base.problemCount > 0 || seen !== count) {
    throw new CliError('FILE_CHANGED', `${args.file} changed while it was being uploaded; nothing more was sent`);
  }
}

/** Exit code for a library error outside an upload's report: 1 for the user's input, 3 for a refused login, 128+n for an interrupt, else 2. */
export function exitCodeOf(error: IntegraError, signal: AbortSignal | undefined): number {
  if (error.code === 'INVALID_ARGUMENT' || error.code === 'INSECURE_URL' || error.code === 'INVALID_CONTACTS') return EXIT.USAGE;
  if (error.code === 'LOGIN_REFUSED') return EXIT.LOGIN_REFUSED;
  const interrupted = interruptOf(signal);
  if (error.code === 'ABORTED' && interrupted !== undefined) return interruptExitCode(interrupted);
  return EXIT.FAILED;
}
