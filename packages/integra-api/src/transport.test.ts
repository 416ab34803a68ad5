// Issue 14 case 2 (loopback decided by the address connected to, not the name) and issue 10's
// "timeouts that hold" for integra-api, over real HTTP against the simulator. The resolvers
// here answer 0.0.0.0, which is not a loopback address but reaches this machine on Linux: were
// the check missing, the request would land in the local simulator (and the test would see it),
// never on a network.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startIntegraSim, type IntegraSim } from '@ucbridge/integra-sim';
import { MAX_TIMER_MS, createMemoryJournal, integraPost, isLoopbackAddress, login, logout, logoutAll, uploadBase } from '@ucbridge/integra-api';
import { rejection } from './rejection.test-helper.js';

let sim: IntegraSim;
beforeAll(async () => {
  sim = await startIntegraSim();
});
afterEach(() => {
  sim.releaseHeld();
  sim.clearFaults();
  sim.clearLog();
});
afterAll(() => sim.close());

const byName = (): string => `http://ucontact.localhost:${sim.port}`;

describe('loopback by address (issue 14, case 2)', () => {
  it('refuses http:// to a loopback name that resolves to an address that is not loopback, before connecting', async () => {
    const asked: string[] = [];
    for (const answer of [['0.0.0.0'], ['127.0.0.1', '0.0.0.0'], ['::ffff:0.0.0.0']]) {
      const error = await rejection(
        login({ baseUrl: byName(), user: 'api', password: 'api-pass', resolveHost: async (name) => (asked.push(name), answer) }),
      );
      expect(error.code, answer.join()).toBe('INSECURE_URL');
      expect(error.message).toContain('nothing was sent');
      expect(error.message).not.toContain('api-pass');
    }
    expect(asked).toEqual(['ucontact.localhost', 'ucontact.localhost', 'ucontact.localhost']);
    expect(sim.requests).toHaveLength(0);
  });

  it('connects when every address is loopback, and every request of the session uses the same resolver', async () => {
    const asked: string[] = [];
    const session = await login({ baseUrl: byName(), user: 'api', password: 'api-pass', resolveHost: async (name) => (asked.push(name), ['127.0.0.1']) });
    await logout(session);
    expect(asked).toHaveLength(2);
    expect(sim.requests.map((r) => r.route)).toEqual(['auth/UserLogin', 'auth/EndSession']);
  });

  it('the system resolver is used by default (localhost names resolve to loopback here)', async () => {
    const session = await login({ baseUrl: `http://localhost:${sim.port}`, user: 'api', password: 'api-pass' });
    await logout(session);
    expect(sim.requests).toHaveLength(2);
  });

  it('isLoopbackAddress: 127.0.0.0/8, ::1 and IPv4-mapped loopback only', () => {
    for (const a of ['127.0.0.1', '127.9.8.7', '::1', '[::1]', '::ffff:127.0.0.1']) expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of ['0.0.0.0', '10.0.0.1', '::', '::ffff:10.0.0.1', '128.0.0.1', 'localhost']) expect(isLoopbackAddress(a), a).toBe(false);
  });
});

describe('timeouts that hold (issue 10)', () => {
  it('refuses a millisecond option outside 0 < n ≤ 2^31−1 (and not Infinity) where it is passed, sending nothing', async () => {
    for (const timeoutMs of [2 ** 31, MAX_TIMER_MS + 1, 0, -1, Number.NaN, -Infinity, '1000' as unknown as number]) {
      const error = await rejection(login({ baseUrl: sim.url, user: 'api', password: 'api-pass', timeoutMs }));
      expect(error.code, String(timeoutMs)).toBe('INVALID_ARGUMENT');
      expect(error.message).toContain('login({ timeoutMs }) must be a number of milliseconds with 0 < n ≤ 2147483647, or Infinity');
    }
    const session = await login({ baseUrl: sim.url, user: 'api', password: 'api-pass', timeoutMs: MAX_TIMER_MS });
    expect((await rejection(integraPost(session, 'auth/EndSession', {}, { timeoutMs: 2 ** 31 }))).message).toContain('integraPost({ timeoutMs })');
    const upload = rejection(uploadBase(session, { campaign: 'S<-', filename: 'x', contacts: [{ phone: '098344484' }], timeoutMs: 2 ** 31, journal: createMemoryJournal() }));
    expect((await upload).message).toContain('uploadBase({ timeoutMs })');
    expect((await rejection(logout(session, { timeoutMs: 0 }))).message).toContain('logout({ timeoutMs })');
    expect((await rejection(logoutAll({ timeoutMs: 2 ** 31 }))).message).toContain('logoutAll({ timeoutMs })');
    expect(sim.requests.map((r) => r.route)).toEqual(['auth/UserLogin']);
    await logout(session);
  });

  it('Infinity arms no timer: a login answered late still succeeds', async () => {
    sim.setFault('hold', { route: 'auth/UserLogin', nth: 1, delayMs: Infinity });
    let settled = false;
    const pending = login({ baseUrl: sim.url, user: 'api', password: 'api-pass', timeoutMs: Infinity }).finally(() => (settled = true));
    while (sim.sessions.length === 0) await new Promise((r) => setTimeout(r, 5));
    // a timer armed with 2^31 ms or more would fire within a millisecond or two
    await new Promise((r) => setTimeout(r, 50));
    expect(settled).toBe(false);
    sim.releaseHeld();
    const session = await pending;
    expect(session.timeoutMs).toBe(Infinity);
    await logout(session);
  });
});

describe('whether the body was sent', () => {
  it('no answer after the body: TIMEOUT with outcomeUnknown; a refused connection: NETWORK without', async () => {
    const session = await login({ baseUrl: sim.url, user: 'api', password: 'api-pass' });
    sim.setFault('hold', { route: 'auth/EndSession', nth: 1, delayMs: Infinity });
    const late = await rejection(integraPost(session, 'auth/EndSession', { user: 'api', token: 'x' }, { timeoutMs: 100 }));
    expect(late).toMatchObject({ code: 'TIMEOUT', outcomeUnknown: true });
    expect(late.message).toContain('(the request was sent)');
    expect(late.toJSON()).toMatchObject({ outcomeUnknown: true });
    sim.setFault('drop-after-body', { route: 'auth/EndSession', nth: 1 });
    expect(await rejection(integraPost(session, 'auth/EndSession', { user: 'api', token: 'x' }))).toMatchObject({ code: 'NETWORK', outcomeUnknown: true });
    await logout(session);
    const closed = await rejection(login({ baseUrl: 'http://127.0.0.1:9', user: 'api', password: 'api-pass' }));
    expect(closed).toMatchObject({ code: 'NETWORK', outcomeUnknown: false });
  });
});
