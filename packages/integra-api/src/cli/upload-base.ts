/**
 * `ucbridge upload-base`: read a contact file, check every row, then (unless `--dry-run`)
 * log in, upload the parts and end the session — also on errors and on Ctrl-C. This file
 * turns arguments into calls of the library and the results into output; it decides nothing
 * about the format itself.
 */
import { formatMessage, isIntegraError, type IntegraError } from '../errors.js';
import { normalizeBaseUrl } from '../url.js';
import { withSession } from '../with-session.js';
import { formatProblem } from '../dialer/errors.js';
import { sendDialerBase } from '../dialer/upload.js';
import { createUploadBodyEncoder } from '../dialer/upload-body.js';
import type { DialerBase, UploadBaseResult } from '../dialer/types.js';
import { CliError } from './cli-error.js';
import type { CliIo } from './io.js';
import { PASSWORD_ENV, filenameFromPath, type UploadBaseArgs } from './upload-base-args.js';
import { createProgress } from './progress.js';
import { prepareFile, type PreparedFile } from './read-file.js';

/** One line of text per problem, and a count. */
function problemReport(file: string, base: DialerBase): string {
  const lines = base.problems.map((p) => `  ${formatProblem(p)}\n`).join('');
  const more = base.problemCount > base.problems.length ? `  … and ${base.problemCount - base.problems.length} more (the first ${base.problems.length} are listed)\n` : '';
  return `${formatMessage('INVALID_CONTACTS', file)}: ${base.problemCount} problem${base.problemCount === 1 ? '' : 's'}, nothing was uploaded\n${lines}${more}`;
}

const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;
const contactsText = (n: number): string => `${n} contact${n === 1 ? '' : 's'}`;

/** Runs the command with checked args; resolves with the exit code. */
export async function runUploadBase(args: UploadBaseArgs, io: CliIo): Promise<number> {
  const signal = io.signal ?? new AbortController().signal;
  const baseUrl = args.url === undefined ? undefined : normalizeBaseUrl(args.url);
  const filename = args.filename ?? filenameFromPath(args.file);
  const progress = createProgress(io.stderr, args.json ? 'none' : 'auto');
  const print = (text: string): void => {
    progress.stop();
    io.stdout.write(text);
  };

  let prepared: PreparedFile;
  try {
    prepared = await prepareFile({
      path: args.file,
      campaign: args.campaign,
      filename,
      maxLines: args.maxLines,
      format: args.format,
      delimiter: args.delimiter,
      map: args.map,
      encoding: args.encoding,
      signal,
      onProgress: (rows, read, size) => progress.reading(rows, read, size),
    });
  } catch (error) {
    progress.stop();
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      throw new CliError('FILE_UNREADABLE', `cannot read ${args.file} (${code})`);
    }
    throw error;
  }
  progress.stop();
  const { base } = prepared;

  // the bodies are encoded in a dry run too, so it measures and proves everything but the sending
  const encodeBody = createUploadBodyEncoder();
  const bodies = args.dryRun ? base.parts.map((p) => encodeBody(p, base.campaign, args.user ?? 'dry-run').length) : [];
  const dryParts = (): { filename: string; cant: number; bytes: number; bodyBytes: number }[] =>
    base.parts.map((p, i) => ({ filename: p.filename, cant: p.cant, bytes: p.bytes, bodyBytes: bodies[i] ?? 0 }));
  if (base.problemCount > 0) {
    if (args.json) {
      const checked = { file: args.file, rows: prepared.rows, contacts: base.contacts, ...(args.dryRun ? { parts: dryParts() } : {}) };
      print(`${JSON.stringify({ ok: false, code: 'INVALID_CONTACTS', message: `${base.problemCount} problems, nothing was uploaded`, ...checked, problemCount: base.problemCount, problems: base.problems })}\n`);
    } else io.stderr.write(problemReport(args.file, base));
    return 1;
  }
  if (base.contacts === 0) throw new CliError('EMPTY_FILE', `${args.file} holds no contacts`);

  const summary = {
    file: args.file,
    format: prepared.format,
    ...(prepared.format === 'csv' ? { delimiter: prepared.delimiter } : {}),
    campaign: base.campaign,
    contacts: base.contacts,
  };
  if (args.dryRun) {
    const parts = dryParts();
    if (args.json) print(`${JSON.stringify({ ok: true, dryRun: true, ...summary, parts })}\n`);
    else {
      print(`dry run: ${contactsText(base.contacts)} for ${base.campaign} ${base.contacts === 1 ? 'is' : 'are'} valid; would upload ${parts.length} part${parts.length === 1 ? '' : 's'}:\n`);
      for (const p of parts) print(`  ${p.filename}  ${contactsText(p.cant)}  ${mb(p.bytes)} (request ${mb(p.bodyBytes)})\n`);
    }
    return 0;
  }

  const password = await getPassword(args, io, signal);
  let result: UploadBaseResult | undefined;
  let warning: string | undefined;
  try {
    await withSession(
      {
        baseUrl: baseUrl!,
        user: args.user!,
        password,
        signal,
        onLogoutError: (e) => io.stderr.write(`${e.message}\n`),
      },
      async (session) => {
        result = await sendDialerBase(session, base, {
          signal,
          onProgress: (p) => {
            if (p.phase === 'upload') progress.uploading(p.part, p.parts, p.filename ?? '', base.parts[p.part - 1]?.cant ?? 0);
          },
        });
      },
    );
  } catch (error) {
    // everything was uploaded and only the logout failed: report success (a retry would upload
    // the base twice) with the warning
    if (result === undefined || !isIntegraError(error) || error.code !== 'LOGOUT_FAILED') throw error;
    warning = `${error.message} (the upload itself succeeded)`;
  }
  const done = result!;
  if (args.json) print(`${JSON.stringify({ ok: true, dryRun: false, ...summary, parts: done.parts, ...(warning === undefined ? {} : { warning }) })}\n`);
  else {
    print(`uploaded ${contactsText(done.contacts)} to ${done.campaign} in ${done.parts.length} part${done.parts.length === 1 ? '' : 's'}:\n`);
    for (const p of done.parts) print(`  ${p.filename}  ${contactsText(p.cant)}  ${mb(p.bytes)}\n`);
    if (warning !== undefined) io.stderr.write(`${warning}\n`);
  }
  return 0;
}

/** The password from the environment or the prompt; never from argv. */
async function getPassword(args: UploadBaseArgs, io: CliIo, signal: AbortSignal): Promise<string> {
  const fromEnv = io.env[PASSWORD_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!io.interactive) {
    throw new CliError('NO_PASSWORD', `no password: set ${PASSWORD_ENV} or run in a terminal to be asked (it is never taken from arguments)`);
  }
  const prompt = io.promptPassword ?? defaultPrompt;
  const host = new URL(args.url!).host;
  const password = await prompt(`Password of ${args.user} at ${host}:`, signal);
  if (password === '') throw new CliError('NO_PASSWORD', 'empty password');
  return password;
}

async function defaultPrompt(message: string, signal: AbortSignal): Promise<string> {
  const { default: password } = await import('@inquirer/password');
  // on stderr, so stdout stays clean for --json; no mask: nothing is echoed
  return password({ message }, { output: process.stderr, signal });
}

/** Exit code for a library error: 1 for the user's input, 130 for Ctrl-C, else 2. */
export function exitCodeOf(error: IntegraError, signal: AbortSignal | undefined): number {
  if (error.code === 'INVALID_ARGUMENT' || error.code === 'INSECURE_URL' || error.code === 'INVALID_CONTACTS') return 1;
  if (error.code === 'ABORTED' && signal?.aborted === true) return 130;
  return 2;
}

