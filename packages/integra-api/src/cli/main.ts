/**
 * `ucbridge`: the command line. {@link runCli} takes argv and an {@link CliIo} and resolves with
 * the exit code, so tests run it in-process; `bin/ucbridge.mjs` wires it to the real process
 * (and Ctrl-C to `io.signal`).
 */
import { createRequire } from 'node:module';
import { parseArgs, renderUsage } from 'citty';
import { formatMessage, isIntegraError } from '../errors.js';
import { CliError } from './cli-error.js';
import { EXIT } from './exit-codes.js';
import { interruptExitCode } from './exit-codes.js';
import { interruptOfRun, interruptText } from './interrupt.js';
import type { CliIo, TextOut } from './io.js';
import { exitCodeOf, runUploadBase } from './upload-base.js';
import { UPLOAD_BASE_EXAMPLES, checkArgs, uploadBaseArgs, uploadBaseCommand } from './upload-base-args.js';

export type { CliIo, TextOut } from './io.js';
export { CliError, type CliErrorCode } from './cli-error.js';

const MAIN_USAGE = `ucbridge — tools for uContact's Integra API

USAGE  ucbridge <command> [OPTIONS]
       ucbridge --version

COMMANDS
  upload-base   Check a contact list and upload it to a dialer (ucbridge upload-base --help)

`;

/** This package's version (package.json is two folders up from src/cli and dist/cli alike). */
export function cliVersion(): string {
  return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
}

/** Flags that look like a password: refused loudly, the value is never echoed. */
const PASSWORD_FLAG = /^(?:password|passwd|pass|pw|p|secret|token|key)$/i;

/** Refuses unknown flags (citty accepts anything), any password flag, no file and more than one file. */
function checkFlags(argv: readonly string[]): void {
  const known = new Map<string, string>(Object.entries(uploadBaseArgs).flatMap(([name, def]) => {
    const camel = name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    return [[name, def.type], [camel, def.type]];
  }));
  known.set('help', 'boolean');
  known.set('h', 'boolean');
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      files.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      files.push(arg);
      continue;
    }
    const name = arg.replace(/^-+/, '').split('=')[0]!;
    if (PASSWORD_FLAG.test(name)) {
      throw new CliError('PASSWORD_IN_ARGV', `--${name}: a password is never taken from the command line (other users can read it); use --password-file PATH (a file only you can read), set UCONTACT_PASSWORD, or answer the prompt`, { usage: false });
    }
    const type = known.get(name) ?? known.get(name.replace(/^no-/, ''));
    if (type === undefined) throw new CliError('USAGE', `unknown option ${arg.split('=')[0]}`, { usage: true });
    if ((type === 'string' || type === 'enum') && !arg.includes('=')) i++; // skip its value
  }
  if (files.length === 0) {
    throw new CliError('USAGE', 'no FILE: give the contact file (a CSV export or dialer lines) last, e.g. ucbridge upload-base --dry-run --campaign \'Sales<-\' leads.csv', { usage: true });
  }
  if (files.length > 1) {
    const shown = files.length > 3 ? `${files.slice(0, 3).join(', ')}, …` : files.join(', ');
    throw new CliError('TOO_MANY_FILES', `one file per upload, got ${files.length} (${shown}); upload them one at a time, or join them into one file first`, { usage: true });
  }
}

/**
 * The command's usage and examples, plain (citty colours them always) and fitted to `out`'s
 * width (at most 100 columns): citty pads every option line to the widest and never wraps, so
 * each description is wrapped here under its own column.
 */
async function usageOf(out: TextOut): Promise<string> {
  const text = `${await renderUsage(uploadBaseCommand, { meta: { name: 'ucbridge' } })}\n\n${UPLOAD_BASE_EXAMPLES}`;
  const width = Math.min(out.columns ?? 100, 100);
  return text
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .map((line) => wrapOptionLine(line.trimEnd(), width))
    .join('\n');
}

/** `  --flag=<X>    a long description…` wrapped at `width`, continuations under the description. */
function wrapOptionLine(line: string, width: number): string {
  const option = /^(\s+-\S+(?: \S+)*\s{3,})(.*)$/.exec(line);
  if (option === null || line.length <= width) return line;
  const indent = option[1]!.length;
  const room = Math.max(width - indent, 30);
  const lines: string[] = [];
  let current = '';
  for (const word of option[2]!.split(' ')) {
    if (current !== '' && current.length + 1 + word.length > room) {
      lines.push(current);
      current = word;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  lines.push(current);
  return `${option[1]}${lines.join(`\n${' '.repeat(indent)}`)}`;
}

/**
 * Whether the run asked for JSON, read as the argument parser reads it (the last of `--json`,
 * `--json=VALUE` — any value but `false` — and `--no-json` wins), so an error is printed the way
 * the result would have been.
 */
function wantsJson(args: readonly string[]): boolean {
  let json = false;
  for (const arg of args) {
    if (arg === '--') break;
    if (arg === '--json') json = true;
    else if (arg === '--no-json') json = false;
    else if (arg.startsWith('--json=')) json = arg !== '--json=false';
  }
  return json;
}

/**
 * Runs `ucbridge` with `argv` (without `node` and the script) and resolves with the exit code
 * (see `EXIT` in exit-codes.ts and the README's table). Never calls `process.exit`.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const json = wantsJson(rest);
  const fail = async (error: unknown): Promise<number> => {
    if (error instanceof CliError || (error as { name?: unknown })?.name === 'CLIError') {
      const e = error instanceof CliError ? error : new CliError('USAGE', (error as Error).message, { usage: true });
      if (json) io.stdout.write(`${JSON.stringify({ ok: false, exitCode: EXIT.USAGE, code: e.code, message: e.message })}\n`);
      else io.stderr.write(`${e.message}${e.usage ? ` (see ucbridge ${command === 'upload-base' ? 'upload-base ' : ''}--help)` : ''}\n`);
      return EXIT.USAGE;
    }
    // a signal before the report (while the file was checked): the report's code, told the same way
    const interrupted = interruptOfRun(io.signal, error);
    if (interrupted !== undefined) {
      const exit = interruptExitCode(interrupted);
      const message = formatMessage('INTERRUPTED', `${interruptText(interrupted)} before anything was sent: nothing was sent and no session was opened; run the same command again`);
      if (json) io.stdout.write(`${JSON.stringify({ ok: false, exitCode: exit, code: 'INTERRUPTED', message, interrupted, session: { opened: false, ended: false } })}\n`);
      else io.stderr.write(`${message}\n`);
      return exit;
    }
    if (isIntegraError(error)) {
      const exit = exitCodeOf(error, io.signal);
      if (json) io.stdout.write(`${JSON.stringify({ ok: false, exitCode: exit, ...error.toJSON() })}\n`);
      else io.stderr.write(`${error.message}\n`);
      return exit;
    }
    // anything else is a bug: show its stack
    io.stderr.write(`${formatMessage('BUG', 'unexpected error, please report it')}\n${(error as Error)?.stack ?? String(error)}\n`);
    return 2;
  };

  try {
    if (command === '--version' || command === '-v' || (command === 'upload-base' && rest.includes('--version'))) {
      io.stdout.write(`ucbridge ${cliVersion()}\n`);
      return EXIT.OK;
    }
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      (command === undefined ? io.stderr : io.stdout).write(MAIN_USAGE);
      return command === undefined ? 1 : 0;
    }
    if (command !== 'upload-base') {
      const what = command.startsWith('-') ? `unknown option ${command.split('=')[0]}` : `unknown command ${JSON.stringify(command)}`;
      throw new CliError('UNKNOWN_COMMAND', what, { usage: true });
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout.write(await usageOf(io.stdout));
      return 0;
    }
    checkFlags(rest);
    const parsed = parseArgs([...rest], uploadBaseArgs) as Record<string, unknown>;
    return await runUploadBase(checkArgs(parsed, rest), io); // rest: every --map and --drop, which citty keeps one of
  } catch (error) {
    return fail(error);
  }
}
