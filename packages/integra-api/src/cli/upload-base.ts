/**
 * `ucbridge upload-base`: read a contact file, check every row, then (unless `--dry-run`)
 * log in, upload the parts and end the session — also on errors and on Ctrl-C. This file
 * turns arguments into calls of the library and the results into output; it decides nothing
 * about the format itself.
 */
import { basename, extname } from 'node:path';
import { defineCommand, type ArgsDef } from 'citty';
import type { IntegraError } from '../errors.js';
import { normalizeBaseUrl } from '../url.js';
import { withSession } from '../with-session.js';
import { DEFAULT_MAX_LINES } from '../dialer/builder.js';
import { formatProblem } from '../dialer/errors.js';
import { sendDialerBase } from '../dialer/upload.js';
import { createUploadBodyEncoder } from '../dialer/upload-body.js';
import type { DialerBase, UploadBaseResult } from '../dialer/types.js';
import { CliError } from './cli-error.js';
import { parseMap, type MappedField } from './columns.js';
import type { CliIo } from './io.js';
import { createProgress } from './progress.js';
import { prepareFile, type PreparedFile } from './read-file.js';

/** The environment variable holding the password. */
export const PASSWORD_ENV = 'UCONTACT_PASSWORD';

/** The command's arguments, for citty (parsing and usage). */
export const uploadBaseArgs = {
  file: { type: 'positional', description: 'CSV export with a header row, or a file already in the dialer line format', required: true, valueHint: 'FILE' },
  url: { type: 'string', description: 'uContact instance, e.g. https://acme.ucontactcloud.com', valueHint: 'URL' },
  user: { type: 'string', description: `API user; the password comes from ${PASSWORD_ENV} or a prompt, never from arguments`, valueHint: 'USER' },
  campaign: { type: 'string', description: "dialer campaign with its <- or ->, quoted: 'Sales<-' (dialer-line files: default from the file)", valueHint: 'NAME' },
  filename: { type: 'string', description: 'upload name: ≤ 50 of A-Z a-z 0-9 _ -, not starting with R (default: from FILE)', valueHint: 'NAME' },
  'dry-run': { type: 'boolean', description: 'check and encode everything; log in to nothing, send nothing' },
  delimiter: { type: 'string', description: 'CSV field separator: , or ; (default: detected from the header)', valueHint: ',|;' },
  map: { type: 'string', description: 'columns for the fields phone, altPhones, priority, agentPhone', valueHint: 'phone=Tel,altPhones=Otros' },
  'max-lines': { type: 'string', description: `most contacts per upload; more go in parts NAME_part01, NAME_part02… (default ${DEFAULT_MAX_LINES})`, valueHint: 'N' },
  format: { type: 'enum', options: ['auto', 'csv', 'lines'], description: 'file kind (default auto: a first line campaign;phone;… means dialer lines)' },
  encoding: { type: 'enum', options: ['utf8', 'latin1'], description: 'file encoding (default utf8; latin1 for old Excel exports)' },
  json: { type: 'boolean', description: 'print one JSON document on stdout (result or error), no progress' },
} satisfies ArgsDef;

/** Examples shown by `--help`. */
export const UPLOAD_BASE_EXAMPLES = `EXAMPLES

  # check a CRM export without sending anything
  ucbridge upload-base --campaign 'Sales<-' --dry-run leads.csv

  # upload it (asks for the password; or set ${PASSWORD_ENV})
  ucbridge upload-base --url https://acme.ucontactcloud.com --user api --campaign 'Sales<-' leads.csv

  # semicolon CSV whose phone column is "Tel" and alternatives "Otros", 20000 per part, JSON out
  ucbridge upload-base --url https://acme.ucontactcloud.com --user api --campaign 'Sales<-' \\
    --delimiter ';' --map phone=Tel,altPhones=Otros --max-lines 20000 --json leads_2026_11.csv

EXIT CODES
  0 uploaded (or --dry-run found no problem)   1 bad arguments or a bad file: nothing was sent
  2 the platform or the network failed          130 interrupted (Ctrl-C); the session was ended
`;

/** citty's definition of the command (used for its usage text). */
export const uploadBaseCommand = defineCommand({
  meta: { name: 'upload-base', description: 'Check a contact list and upload it to a uContact dialer (Dialers/uploadbase)' },
  args: uploadBaseArgs,
});

/** Parsed, checked arguments. */
interface UploadBaseArgs {
  file: string;
  url?: string;
  user?: string;
  campaign?: string;
  filename?: string;
  dryRun: boolean;
  delimiter?: ',' | ';';
  map: Partial<Record<MappedField, string>>;
  maxLines: number;
  format?: 'csv' | 'lines';
  encoding: 'utf8' | 'latin1';
  json: boolean;
}

/** Checks parsed citty args; throws a usage {@link CliError}. */
export function checkArgs(raw: Record<string, unknown>): UploadBaseArgs {
  const usage = (message: string): CliError => new CliError('USAGE', message, { usage: true });
  const str = (name: string): string | undefined => {
    const v = raw[name];
    if (v === undefined || v === false) return undefined;
    if (typeof v !== 'string' || v === '') throw usage(`--${name} needs a value`);
    return v;
  };
  const dryRun = raw['dry-run'] === true || raw['dryRun'] === true;
  const args: UploadBaseArgs = { file: String(raw['file']), dryRun, map: {}, maxLines: DEFAULT_MAX_LINES, encoding: 'utf8', json: raw['json'] === true };
  for (const name of ['url', 'user', 'campaign', 'filename'] as const) {
    const v = str(name);
    if (v !== undefined) args[name] = v;
  }
  if (!dryRun && (args.url === undefined || args.user === undefined)) throw usage('--url and --user are required (or use --dry-run)');
  const delimiter = str('delimiter');
  if (delimiter !== undefined) {
    if (delimiter !== ',' && delimiter !== ';') throw usage('--delimiter must be , or ;');
    args.delimiter = delimiter;
  }
  const map = str('map');
  if (map !== undefined) {
    try {
      args.map = parseMap(map);
    } catch (error) {
      throw usage((error as Error).message);
    }
  }
  const maxLines = str('max-lines');
  if (maxLines !== undefined) {
    if (!/^[0-9]{1,9}$/.test(maxLines) || Number(maxLines) < 1) throw usage('--max-lines must be a whole number ≥ 1');
    args.maxLines = Number(maxLines);
  }
  const format = str('format');
  if (format === 'csv' || format === 'lines') args.format = format;
  if (str('encoding') === 'latin1') args.encoding = 'latin1';
  return args;
}

/** The upload name derived from the file's name: `leads 2026-11.csv` → `leads_2026-11`. */
export function filenameFromPath(path: string): string {
  const stem = basename(path, extname(path)).replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '');
  // keep room for `_part01`
  const name = stem.slice(0, 43);
  if (name === '' || /^[Rr]/.test(name)) {
    throw new CliError('USAGE', `cannot make an upload name from ${JSON.stringify(basename(path))} (names may not start with R): pass --filename`, { usage: true });
  }
  return name;
}

/** One line of text per problem, and a count. */
function problemReport(file: string, base: DialerBase): string {
  const lines = base.problems.map((p) => `  ${formatProblem(p)}\n`).join('');
  const more = base.problemCount > base.problems.length ? `  … and ${base.problemCount - base.problems.length} more (the first ${base.problems.length} are listed)\n` : '';
  return `ucbridge: ${file}: ${base.problemCount} problem${base.problemCount === 1 ? '' : 's'}, nothing was uploaded\n${lines}${more}`;
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
  const result: UploadBaseResult = await withSession(
    {
      baseUrl: baseUrl!,
      user: args.user!,
      password,
      signal,
      onLogoutError: (e) => io.stderr.write(`ucbridge: warning: ${e.message}\n`),
    },
    (session) =>
      sendDialerBase(session, base, {
        signal,
        onProgress: (p) => {
          if (p.phase === 'upload') progress.uploading(p.part, p.parts, p.filename ?? '', base.parts[p.part - 1]?.cant ?? 0);
        },
      }),
  );
  if (args.json) print(`${JSON.stringify({ ok: true, dryRun: false, ...summary, parts: result.parts })}\n`);
  else {
    print(`uploaded ${contactsText(result.contacts)} to ${result.campaign} in ${result.parts.length} part${result.parts.length === 1 ? '' : 's'}:\n`);
    for (const p of result.parts) print(`  ${p.filename}  ${contactsText(p.cant)}  ${mb(p.bytes)}\n`);
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

