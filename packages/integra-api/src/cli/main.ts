/**
 * `ucbridge`: the command line. {@link runCli} takes argv and an {@link CliIo} and resolves with
 * the exit code, so tests run it in-process; `bin/ucbridge.mjs` wires it to the real process
 * (and Ctrl-C to `io.signal`).
 */
import { parseArgs, renderUsage } from 'citty';
import { formatMessage, isIntegraError } from '../errors.js';
import { UploadBaseError } from '../dialer/errors.js';
import { CliError } from './cli-error.js';
import type { CliIo, TextOut } from './io.js';
import { exitCodeOf, runUploadBase } from './upload-base.js';
import { UPLOAD_BASE_EXAMPLES, checkArgs, uploadBaseArgs, uploadBaseCommand } from './upload-base-args.js';

export type { CliIo, TextOut } from './io.js';
export { CliError, type CliErrorCode } from './cli-error.js';

const MAIN_USAGE = `ucbridge — tools for uContact's Integra API

USAGE  ucbridge <command> [OPTIONS]

COMMANDS
  upload-base   Check a contact list and upload it to a dialer (ucbridge upload-base --help)

`;

/** Flags that look like a password: refused loudly, the value is never echoed. */
const PASSWORD_FLAG = /^(?:password|passwd|pass|pw|p|secret|token|key)$/i;

/** Refuses unknown flags (citty accepts anything) and any password flag. */
function checkFlags(argv: readonly string[]): void {
  const known = new Map<string, string>(Object.entries(uploadBaseArgs).flatMap(([name, def]) => {
    const camel = name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    return [[name, def.type], [camel, def.type]];
  }));
  known.set('help', 'boolean');
  known.set('h', 'boolean');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (!arg.startsWith('-') || arg === '-') continue;
    const name = arg.replace(/^-+/, '').split('=')[0]!;
    if (PASSWORD_FLAG.test(name)) {
      throw new CliError('PASSWORD_IN_ARGV', `--${name}: a password is never taken from the command line (other users can read it); set UCONTACT_PASSWORD or answer the prompt`, { usage: false });
    }
    const type = known.get(name) ?? known.get(name.replace(/^no-/, ''));
    if (type === undefined) throw new CliError('USAGE', `unknown option ${arg.split('=')[0]}`, { usage: true });
    if ((type === 'string' || type === 'enum') && !arg.includes('=')) i++; // skip its value
  }
}

/** The command's usage and examples; colours only for a terminal (citty adds them always). */
async function usageOf(out: TextOut): Promise<string> {
  const text = `${await renderUsage(uploadBaseCommand, { meta: { name: 'ucbridge' } })}\n\n${UPLOAD_BASE_EXAMPLES}`;
  return out.isTTY === true ? text : text.replace(/\u001b\[[0-9;]*m/g, '');
}

/**
 * Runs `ucbridge` with `argv` (without `node` and the script). Exit codes: 0 done, 1 the
 * user's mistake (usage, bad file: nothing sent), 2 the platform or network failed,
 * 130 interrupted. Never calls `process.exit`.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const json = rest.includes('--json');
  const fail = async (error: unknown): Promise<number> => {
    if (error instanceof CliError || (error as { name?: unknown })?.name === 'CLIError') {
      const e = error instanceof CliError ? error : new CliError('USAGE', (error as Error).message, { usage: true });
      if (json) io.stdout.write(`${JSON.stringify({ ok: false, code: e.code, message: e.message })}\n`);
      else io.stderr.write(`${e.usage ? `${await usageOf(io.stderr)}\n` : ''}${e.message}\n`);
      return 1;
    }
    if (isIntegraError(error)) {
      const exit = exitCodeOf(error, io.signal);
      if (json) io.stdout.write(`${JSON.stringify({ ok: false, ...error.toJSON() })}\n`);
      else {
        io.stderr.write(`${exit === 130 ? formatMessage('ABORTED', 'interrupted; nothing more was sent, and the session (if one was open) was ended') : error.message}\n`);
        if (error instanceof UploadBaseError && error.accepted.length > 0) {
          io.stderr.write(`${formatMessage(error.code, 'accepted before the failure:')} ${error.accepted.map((p) => p.filename).join(', ')}\n`);
        }
      }
      return exit;
    }
    // Ctrl-C inside the password prompt
    if ((error as { name?: unknown })?.name === 'ExitPromptError' || (error as { name?: unknown })?.name === 'AbortPromptError') {
      io.stderr.write(`${formatMessage('ABORTED', 'interrupted')}\n`);
      return 130;
    }
    // anything else is a bug: show its stack
    io.stderr.write(`${formatMessage('BUG', 'unexpected error, please report it')}\n${(error as Error)?.stack ?? String(error)}\n`);
    return 2;
  };

  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      (command === undefined ? io.stderr : io.stdout).write(MAIN_USAGE);
      return command === undefined ? 1 : 0;
    }
    if (command !== 'upload-base') throw new CliError('UNKNOWN_COMMAND', `unknown command ${JSON.stringify(command)}; try ucbridge --help`);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout.write(await usageOf(io.stdout));
      return 0;
    }
    checkFlags(rest);
    const parsed = parseArgs([...rest], uploadBaseArgs) as Record<string, unknown>;
    return await runUploadBase(checkArgs(parsed), io);
  } catch (error) {
    return fail(error);
  }
}
