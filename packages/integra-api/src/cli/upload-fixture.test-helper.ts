// What the CLI upload tests share: a simulator with one user, a temp folder with a CSV of numbered
// contacts, and the CLI run in-process with its output captured (no terminal: a password prompt is
// never shown) or built for a child process.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startIntegraSim, type IntegraSim } from '@ucbridge/integra-sim';
import { buildCli } from './child.test-helper.js';
import { runCli } from './main.js';

/** What {@link useUploadFixture} sets up for a test file. */
export interface UploadFixtureOptions {
  /** Names the temp folder (`ucbridge-<name>-…`) and, with `cli`, the CLI build (see buildCli). */
  name: string;
  /** The password of the simulator's user `ops`. */
  password: string;
  /** Writes `leads.csv` with this many contacts (see writeLeads); omitted: no CSV is written. */
  contacts?: number;
  /** Builds the CLI for a child process (buildCli(name)) before the simulator starts. Default false. */
  cli?: boolean;
  /** After each test: releases held answers, clears faults and the request log. Default true. */
  resetAfterEach?: boolean;
  /** After each test: removes the state folder `<dir>/state` (XDG_STATE_HOME of env()). Default false. */
  removeStateAfterEach?: boolean;
}

/** The fixture's parts; each getter throws if read before the fixture's beforeAll has run. */
export interface UploadFixture {
  /** The running simulator (user `ops` with the given password). */
  readonly sim: IntegraSim;
  /** The temp folder, removed after all tests. */
  readonly dir: string;
  /** The path of `leads.csv` in `dir` (only with `contacts`). */
  readonly csv: string;
  /** The built CLI script to run with node (only with `cli: true`). */
  readonly cli: string;
  /** The environment of an upload: UCONTACT_PASSWORD = the password, XDG_STATE_HOME = `<dir>/state`. */
  env(): Record<string, string>;
}

/**
 * Registers the vitest hooks of a CLI upload test file and returns getters for what they set up.
 * - beforeAll: builds the CLI (with `cli`, 60 s timeout), starts the simulator with user `ops` and
 *   `password`, makes a temp folder `ucbridge-<name>-…` and writes `leads.csv` (with `contacts`);
 * - afterEach: `sim.releaseHeld()`, `sim.clearFaults()`, `sim.clearLog()` (unless `resetAfterEach`
 *   is false), then removes `<dir>/state` (with `removeStateAfterEach`);
 * - afterAll: closes the simulator and removes the temp folder.
 * Call it at the top level of the test file, before the file's own hooks (vitest runs beforeAll
 * hooks in order, so a file's own beforeAll can write more files in `dir`).
 */
export function useUploadFixture(options: UploadFixtureOptions): UploadFixture {
  let sim: IntegraSim | undefined;
  let dir: string | undefined;
  let csv: string | undefined;
  let cli: string | undefined;
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`upload fixture ${options.name}: no ${what} (read before beforeAll, or not asked for)`);
    return value;
  };

  beforeAll(
    async () => {
      if (options.cli) cli = await buildCli(options.name);
      sim = await startIntegraSim({ users: [{ user: 'ops', password: options.password }] });
      dir = mkdtempSync(join(tmpdir(), `ucbridge-${options.name}-`));
      if (options.contacts !== undefined) csv = writeLeads(dir, options.contacts);
    },
    options.cli ? 60_000 : undefined,
  );
  afterEach(() => {
    if (options.resetAfterEach !== false) {
      sim?.releaseHeld();
      sim?.clearFaults();
      sim?.clearLog();
    }
    if (options.removeStateAfterEach && dir !== undefined) rmSync(join(dir, 'state'), { recursive: true, force: true });
  });
  afterAll(async () => {
    await sim?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  return {
    get sim() {
      return ready(sim, 'simulator');
    },
    get dir() {
      return ready(dir, 'temp folder');
    },
    get csv() {
      return ready(csv, 'CSV (give contacts)');
    },
    get cli() {
      return ready(cli, 'CLI (give cli: true)');
    },
    env: () => ({ UCONTACT_PASSWORD: options.password, XDG_STATE_HOME: join(ready(dir, 'temp folder'), 'state') }),
  };
}

/** Writes `leads.csv` in `dir` with `count` contacts (phones 098300000, 098300001, …) and returns its path. */
export function writeLeads(dir: string, count: number): string {
  const csv = join(dir, 'leads.csv');
  writeFileSync(csv, `phone,name\n${Array.from({ length: count }, (_, i) => `0983${String(i).padStart(5, '0')},N${i}`).join('\n')}\n`);
  return csv;
}

/** Runs the CLI in-process with `env`; resolves with its exit code and what it printed. */
export async function runCaptured(argv: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env,
    interactive: false,
  });
  return { code, stdout, stderr };
}
