import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startIntegraSim, type IntegraSim } from '@ucbridge/integra-sim';
import { IntegraError, integraPost, isIntegraError, isSessionOpen, withSession, type Session } from '@ucbridge/integra-api';

let sim: IntegraSim;
beforeAll(async () => {
  sim = await startIntegraSim();
  sim.addRoute('Test/ping', () => 'pong');
});
beforeEach(() => {
  mark = sim.sessions.length;
});
afterEach(() => sim.clearFaults());
afterAll(() => sim.close());

const options = { get baseUrl() { return sim.url; }, user: 'api', password: 'api-pass', timeoutMs: 10_000 };
// sessions opened since `mark` that the server still holds live (earlier tests leave some on purpose)
let mark = 0;
const liveSessions = () => sim.sessions.slice(mark).filter((s) => s.endedAt === undefined).length;

describe('withSession', () => {
  it('resolves with the work’s value and ends the session', async () => {
    let seen: Session | undefined;
    const value = await withSession(options, async (session) => {
      seen = session;
      return integraPost(session, 'Test/ping', {});
    });
    expect(value).toBe('pong');
    expect(isSessionOpen(seen!)).toBe(false);
    expect(liveSessions()).toBe(0);
    expect(sim.requests.at(-1)!.route).toBe('auth/EndSession');
  });

  it('ends the session when the work throws, and rejects with the work’s own error', async () => {
    const boom = new Error('work failed');
    const error = await withSession(options, async () => {
      throw boom;
    }).catch((e: unknown) => e);
    expect(error).toBe(boom);
    expect(liveSessions()).toBe(0);
  });

  it('ends the session when the work throws synchronously', async () => {
    const error = await withSession(options, () => {
      throw new TypeError('sync');
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(liveSessions()).toBe(0);
  });

  it('rejects with LOGOUT_FAILED when the work succeeded but the logout failed', async () => {
    sim.setFault('http-500', { route: 'auth/EndSession', times: 1 });
    const error = await withSession(options, async () => 'done').catch((e: unknown) => e);
    expect(isIntegraError(error) && error.code).toBe('LOGOUT_FAILED');
  });

  it('keeps the work’s error and hands a logout failure to onLogoutError', async () => {
    sim.setFault('drop', { route: 'auth/EndSession', times: 1 });
    const reported: IntegraError[] = [];
    const error = await withSession({ ...options, onLogoutError: (e) => reported.push(e) }, async () => {
      throw new Error('work failed');
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('work failed');
    expect(reported.map((e) => [e.code, (e.cause as IntegraError).code])).toEqual([['LOGOUT_FAILED', 'NETWORK']]);
  });

  it('on abort (Ctrl-C): rejects with ABORTED, aborts the work’s request and still ends the session', async () => {
    sim.setFault('slow', { route: 'Test/ping', times: 1 });
    const controller = new AbortController();
    let workError: unknown;
    const pending = withSession({ ...options, signal: controller.signal }, async (session) => {
      try {
        return await integraPost(session, 'Test/ping', {});
      } catch (e) {
        workError = e;
        throw e;
      }
    }).catch((e: unknown) => e);
    while (sim.requests.at(-1)?.fault !== 'slow') await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const error = await pending;
    expect(isIntegraError(error) && error.code).toBe('ABORTED');
    expect(liveSessions()).toBe(0);
    while (workError === undefined) await new Promise((r) => setTimeout(r, 5));
    expect(isIntegraError(workError) && workError.code).toBe('ABORTED');
  });

  it('opens no session when the login fails', async () => {
    const before = sim.sessions.length;
    const error = await withSession({ ...options, password: 'wrong' }, async () => 'never').catch((e: unknown) => e);
    expect(isIntegraError(error) && error.code).toBe('LOGIN_REFUSED');
    expect(sim.sessions.length).toBe(before);
  });
});
