import { afterEach, describe, expect, it } from 'vitest';
import { runIntegraSimCli } from './cli.js';

const capture = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
};

afterEach(() => {
  process.exitCode = undefined;
});

describe('integra-sim command', () => {
  it('starts a simulator and logs each request without secrets', async () => {
    const { out, io } = capture();
    const sim = await runIntegraSimCli(['--port', '0', '--user', 'ops:s3cret-pw', '--cors', 'http://localhost:5173'], io);
    try {
      expect(sim).toBeDefined();
      expect(out[0]).toBe(`integra-sim listening on ${sim!.url} (uploads: ${sim!.url}/__sim/uploads)`);
      const response = await fetch(`${sim!.url}/Integra/resources/auth/UserLogin`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'user=ops&password=s3cret-pw',
      });
      const key = JSON.parse(await response.text()).at(-1) as string;
      expect(sim!.isLive(key)).toBe(true);
      expect(out[1]).toMatch(/POST auth\/UserLogin → 200$/);
      expect(out.join('\n')).not.toMatch(/s3cret-pw|[A-Za-z0-9+/]{40,}/);
    } finally {
      await sim?.close();
    }
  });

  it('prints usage for --help', async () => {
    const { out, io } = capture();
    expect(await runIntegraSimCli(['--help'], io)).toBeUndefined();
    expect(out[0]).toMatch(/^usage: integra-sim/);
  });

  it('refuses bad arguments with usage and exit code 1', async () => {
    for (const argv of [['--port', 'x'], ['--bogus'], ['--user', 'nopassword'], ['--unauthorized', 'maybe']]) {
      const { err, io } = capture();
      process.exitCode = undefined;
      expect(await runIntegraSimCli(argv, io), argv.join(' ')).toBeUndefined();
      expect(err.join('\n')).toMatch(/usage: integra-sim/);
      expect(process.exitCode).toBe(1);
    }
  });
});
