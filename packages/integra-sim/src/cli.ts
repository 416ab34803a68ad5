/**
 * The `integra-sim` command: starts a simulator and logs each request (secret-free) until
 * Ctrl-C. Arguments are passed in, so tests can run it without a child process.
 */
import { parseArgs } from 'node:util';
import { MAX_DELAY_MS, SIM_FAULT_KINDS, type SimFaultKind } from './faults.js';
import { startIntegraSim } from './sim.js';
import type { IntegraSim } from './types.js';
import { DEFAULT_SIM_USERS, type SimUser } from './users.js';

const USAGE = `usage: integra-sim [--port 8089] [--host 127.0.0.1] [--cors <origin>]... [--user name:password[:phone]]... [--unauthorized http-401|body-0] [--quiet]
                  [--fail-part N[:KIND]]... [--hold-part N:SECONDS]... [--drop-part N]... [--slow MS]

Serves uContact's Integra API (auth/UserLogin, auth/getUserToken, auth/EndSession,
Dialers/uploadbase) at http://<host>:<port>/Integra/resources/..., and GET /__sim/uploads.

Faults for Dialers/uploadbase, N = the Nth upload request received (part N of a first run):
  --fail-part N[:KIND]    answer it with KIND and do not take it (default http-500; KIND one of
                          ${SIM_FAULT_KINDS.filter((k) => k !== 'hold' && k !== 'drop-after-body' && k !== 'slow').join(', ')})
  --hold-part N:SECONDS   take it, then hold the answer SECONDS (a late answer)
  --drop-part N           take it, then drop the connection without answering
  --slow MS               answer every request MS milliseconds late

Without --user, the users are: ${DEFAULT_SIM_USERS.map((u) => `${u.user}/${u.password}${u.phone ? ` (phone ${u.phone})` : ''}`).join(', ')}.`;

/** `N` or `N:REST` with N a whole number ≥ 1. */
function partSpec(spec: string): { nth: number; rest: string | undefined } | undefined {
  const match = /^([1-9][0-9]*)(?::(.+))?$/.exec(spec);
  return match === null ? undefined : { nth: Number(match[1]), rest: match[2] };
}

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
        'fail-part': { type: 'string', multiple: true },
        'hold-part': { type: 'string', multiple: true },
        'drop-part': { type: 'string', multiple: true },
        slow: { type: 'string' },
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
  const faults: { kind: SimFaultKind; nth: number; delayMs?: number }[] = [];
  for (const spec of values['fail-part'] ?? []) {
    const parsed = partSpec(spec);
    const kind = (parsed?.rest ?? 'http-500') as SimFaultKind;
    if (parsed === undefined || !SIM_FAULT_KINDS.includes(kind) || kind === 'slow' || kind === 'hold' || kind === 'drop-after-body') {
      return usageError(io, `--fail-part takes N or N:KIND (got ${spec})`);
    }
    faults.push({ kind, nth: parsed.nth });
  }
  for (const spec of values['hold-part'] ?? []) {
    const parsed = partSpec(spec);
    const seconds = Number(parsed?.rest);
    if (parsed === undefined || !(seconds > 0 && seconds * 1000 <= MAX_DELAY_MS)) return usageError(io, `--hold-part takes N:SECONDS (got ${spec})`);
    faults.push({ kind: 'hold', nth: parsed.nth, delayMs: seconds * 1000 });
  }
  for (const spec of values['drop-part'] ?? []) {
    const parsed = partSpec(spec);
    if (parsed === undefined || parsed.rest !== undefined) return usageError(io, `--drop-part takes N (got ${spec})`);
    faults.push({ kind: 'drop-after-body', nth: parsed.nth });
  }
  let slowMs: number | undefined;
  if (values.slow !== undefined) {
    slowMs = Number(values.slow);
    if (!/^[0-9]+$/.test(values.slow) || !(slowMs > 0 && slowMs <= MAX_DELAY_MS)) return usageError(io, `--slow takes milliseconds, 1…${MAX_DELAY_MS} (got ${values.slow})`);
  }
  const sim = await startIntegraSim({
    port,
    ...(slowMs === undefined ? {} : { slowMs }),
    host: values.host,
    cors: values.cors ?? [],
    unauthorized: values.unauthorized,
    ...(users.length > 0 ? { users } : {}),
    onRequest: values.quiet
      ? undefined
      : (r) => io.out(`${r.at} ${r.method} ${r.route} → ${r.status || 'dropped'}${r.user ? ` (user ${r.user})` : ''}${r.fault ? ` [fault ${r.fault}]` : ''}`),
  });
  for (const fault of faults) sim.setFault(fault.kind, { route: 'Dialers/uploadbase', nth: fault.nth, ...(fault.delayMs === undefined ? {} : { delayMs: fault.delayMs }) });
  io.out(`integra-sim listening on ${sim.url} (uploads: ${sim.url}/__sim/uploads)`);
  return sim;
}

function usageError(io: CliIo, message: string): undefined {
  io.err(`${message}\n${USAGE}`);
  process.exitCode = 1;
  return undefined;
}
