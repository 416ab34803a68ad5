/**
 * The `integra-sim` command: starts a simulator and logs each request (secret-free) until
 * Ctrl-C. Arguments are passed in, so tests can run it without a child process.
 */
import { parseArgs } from 'node:util';
import { startIntegraSim } from './sim.js';
import type { IntegraSim } from './types.js';
import { DEFAULT_SIM_USERS, type SimUser } from './users.js';

const USAGE = `usage: integra-sim [--port 8089] [--host 127.0.0.1] [--cors <origin>]... [--user name:password[:phone]]... [--unauthorized http-401|body-0] [--quiet]

Serves uContact's Integra API (auth/UserLogin, auth/getUserToken, auth/EndSession,
Dialers/uploadbase) at http://<host>:<port>/Integra/resources/..., and GET /__sim/uploads.
Without --user, the users are: ${DEFAULT_SIM_USERS.map((u) => `${u.user}/${u.password}${u.phone ? ` (phone ${u.phone})` : ''}`).join(', ')}.`;

/** Where the command writes; injectable for tests. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/**
 * Parses `argv` (without `node` and the script), starts the simulator and resolves with it,
 * or resolves `undefined` after printing usage (`--help`) or an argument error (exit code 1).
 */
export async function runIntegraSimCli(
  argv: readonly string[],
  io: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l) },
): Promise<IntegraSim | undefined> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string', default: '8089' },
        host: { type: 'string', default: '127.0.0.1' },
        cors: { type: 'string', multiple: true },
        user: { type: 'string', multiple: true },
        unauthorized: { type: 'string', default: 'http-401' },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    process.exitCode = 1;
    return undefined;
  }
  if (values.help) {
    io.out(USAGE);
    return undefined;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return usageError(io, `--port must be 0…65535`);
  if (values.unauthorized !== 'http-401' && values.unauthorized !== 'body-0') {
    return usageError(io, '--unauthorized must be http-401 or body-0');
  }
  const users: SimUser[] = [];
  for (const spec of values.user ?? []) {
    const [user, password, phone] = spec.split(':');
    if (!user || !password) return usageError(io, `--user must be name:password[:phone]`);
    users.push(phone ? { user, password, phone } : { user, password });
  }
  const sim = await startIntegraSim({
    port,
    host: values.host,
    cors: values.cors ?? [],
    unauthorized: values.unauthorized,
    ...(users.length > 0 ? { users } : {}),
    onRequest: values.quiet
      ? undefined
      : (r) => io.out(`${r.at} ${r.method} ${r.route} → ${r.status || 'dropped'}${r.user ? ` (user ${r.user})` : ''}${r.fault ? ` [fault ${r.fault}]` : ''}`),
  });
  io.out(`integra-sim listening on ${sim.url} (uploads: ${sim.url}/__sim/uploads)`);
  return sim;
}

function usageError(io: CliIo, message: string): undefined {
  io.err(`${message}\n${USAGE}`);
  process.exitCode = 1;
  return undefined;
}
