/**
 * Where the CLI's password comes from, in this order: `--password-file` (its first line; cron),
 * the `UCONTACT_PASSWORD` environment variable, or a prompt without echo on a terminal. Never
 * from the command line (other users can read it there).
 */
import { readFile, stat } from 'node:fs/promises';
import { formatMessage } from '../errors.js';
import { CliError, systemErrorText } from './cli-error.js';
import { Interrupt } from './interrupt.js';
import type { CliIo } from './io.js';
import { PASSWORD_ENV, type UploadBaseArgs } from './upload-base-args.js';

/** The password from --password-file, the environment or the prompt; never from argv. */
export async function getPassword(args: UploadBaseArgs, io: CliIo, signal: AbortSignal): Promise<string> {
  if (args.passwordFile !== undefined) {
    let text: string;
    try {
      text = await readFile(args.passwordFile, 'utf8');
      // like ssh and pgpass: say so when others can read the secret (POSIX modes only)
      const { mode } = await stat(args.passwordFile);
      if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
        io.stderr.write(`${formatMessage('PASSWORD_FILE_READABLE', `${args.passwordFile} can be read by other users; chmod 600 ${args.passwordFile}`)}\n`);
      }
    } catch (error) {
      throw new CliError('NO_PASSWORD', `cannot read the password file ${args.passwordFile} (${systemErrorText((error as { code?: string }).code ?? 'error')})`);
    }
    // Windows Notepad saves with a byte order mark and CRLF: neither is part of the password
    const password = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)[0] ?? '';
    if (password === '') throw new CliError('NO_PASSWORD', `the password file ${args.passwordFile} is empty (the password is its first line)`);
    return password;
  }
  const fromEnv = io.env[PASSWORD_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!io.interactive) {
    throw new CliError('NO_PASSWORD', `no password: use --password-file PATH, set ${PASSWORD_ENV}, or run in a terminal to be asked (it is never taken from arguments)`);
  }
  const prompt = io.promptPassword ?? defaultPrompt;
  const host = new URL(args.url!).host;
  const password = await prompt(`Password of ${args.user} at ${host}:`, signal);
  if (password === '') throw new CliError('NO_PASSWORD', 'empty password');
  return password;
}

async function defaultPrompt(message: string, signal: AbortSignal): Promise<string> {
  const { default: password } = await import('@inquirer/password');
  try {
    // on stderr, so stdout stays clean for --json; no mask: nothing is echoed
    return await password({ message }, { output: process.stderr, signal });
  } catch (error) {
    // Ctrl-C typed into the prompt reaches it as a key, not as SIGINT: stop as SIGINT does
    if ((error as { name?: unknown }).name === 'ExitPromptError') throw new Interrupt('SIGINT');
    throw error;
  }
}

