// The simulator's fault switches on its command line (issue 11: every case can be shown by
// hand) and its one millisecond rule (issue 10), over real HTTP.
import { afterEach, describe, expect, it } from 'vitest';
import { runIntegraSimCli } from './cli.js';
import { startIntegraSim } from './sim.js';
import type { IntegraSim } from './types.js';

const quiet = { out: () => {}, err: (l: string) => errors.push(l) };
let errors: string[] = [];
let sim: IntegraSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
  errors = [];
  process.exitCode = undefined;
});

const post = (url: string, route: string, body: string, key?: string): Promise<Response> =>
  fetch(`${url}/Integra/resources/${route}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(key === undefined ? {} : { Authorization: `Basic ${key}` }) },
    body,
  });

async function keyOf(url: string): Promise<string> {
  return JSON.parse(await (await post(url, 'auth/UserLogin', 'user=api&password=api-pass')).text()).at(-1) as string;
}

const part = (n: number): string => `filename=leads_part0${n}&fileb64=${Buffer.from(`S<-;09834448${n};;;;`).toString('base64')}&campaign=S<-&cant=1&username=api`;

describe('integra-sim fault switches', () => {
  it('--fail-part N[:KIND] refuses part N once without taking it; --drop-part N takes it and hangs up', async () => {
    sim = await runIntegraSimCli(['--port', '0', '--quiet', '--fail-part', '2', '--fail-part', '3:zero', '--drop-part', '4'], quiet);
    const key = await keyOf(sim!.url);
    expect(await (await post(sim!.url, 'Dialers/uploadbase', part(1), key)).text()).toBe('1');
    expect((await post(sim!.url, 'Dialers/uploadbase', part(2), key)).status).toBe(500);
    expect(await (await post(sim!.url, 'Dialers/uploadbase', part(3), key)).text()).toBe('0');
    await expect(post(sim!.url, 'Dialers/uploadbase', part(4), key)).rejects.toThrow();
    expect(await (await post(sim!.url, 'Dialers/uploadbase', part(5), key)).text()).toBe('1');
    // the resend of part 2 is the 6th upload request: answered normally
    expect(await (await post(sim!.url, 'Dialers/uploadbase', part(2), key)).text()).toBe('1');
    expect(sim!.uploads.map((u) => u.filename)).toEqual(['leads_part01', 'leads_part04', 'leads_part05', 'leads_part02']);
  });

  it('--hold-part N:SECONDS takes part N and answers late; --slow MS slows every answer', async () => {
    sim = await runIntegraSimCli(['--port', '0', '--quiet', '--hold-part', '1:3600', '--slow', '1'], quiet);
    const key = await keyOf(sim!.url);
    const held = post(sim!.url, 'Dialers/uploadbase', part(1), key).then((r) => r.text());
    while (sim!.uploads.length === 0) await new Promise((r) => setTimeout(r, 5));
    // taken before it is answered
    expect(sim!.uploads.map((u) => u.filename)).toEqual(['leads_part01']);
    sim!.releaseHeld();
    expect(await held).toBe('1');
  });

  it('refuses switches it cannot hold, with usage and exit code 1', async () => {
    for (const argv of [['--fail-part', '0'], ['--fail-part', '2:hold'], ['--hold-part', '2'], ['--hold-part', '2:9999999'], ['--drop-part', '2:5'], ['--slow', '0'], ['--slow', '2147483648']]) {
      errors = [];
      process.exitCode = undefined;
      expect(await runIntegraSimCli(['--port', '0', ...argv], quiet), argv.join(' ')).toBeUndefined();
      expect(errors.join('\n')).toMatch(/usage: integra-sim/);
      expect(process.exitCode).toBe(1);
    }
  });
});

describe('millisecond options (issue 10)', () => {
  it('take 0 < n ≤ 2^31−1 or Infinity, and refuse anything else where they are passed', async () => {
    await expect(startIntegraSim({ slowMs: 2 ** 31 })).rejects.toThrow(/slowMs must be a number of milliseconds with 0 < n ≤ 2147483647, or Infinity/);
    await expect(startIntegraSim({ slowMs: 0 })).rejects.toThrow(RangeError);
    sim = await startIntegraSim();
    for (const delayMs of [2 ** 31, 0, -1, Number.NaN]) {
      expect(() => sim!.setFault('slow', { delayMs }), String(delayMs)).toThrow(/delayMs must be/);
    }
    expect(() => sim!.setFault('slow', { delayMs: Infinity })).not.toThrow();
  });
});
