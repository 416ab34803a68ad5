import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startIntegraSim, type IntegraSim, type SimFaultKind } from '@ucbridge/integra-sim';
import { integraPost, isIntegraError, isSessionOpen, login, logout, logoutAll, openSessions, type IntegraError } from '@ucbridge/integra-api';
import { rejection } from './rejection.test-helper.js';

let sim: IntegraSim;
beforeAll(async () => {
  sim = await startIntegraSim();
  sim.addRoute('Test/ping', () => 'pong');
});
afterEach(() => sim.clearFaults());
afterAll(() => sim.close());

const open = (user = 'api', password = 'api-pass', timeoutMs = 10_000) => login({ baseUrl: sim.url, user, password, timeoutMs });


describe('logout', () => {
  it('ends the session with EndSession {user, token}: the key stops working on the server', async () => {
    const session = await open();
    const key = sim.sessions.at(-1)!.key;
    await logout(session);
    expect(sim.requests.at(-1)).toMatchObject({ route: 'auth/EndSession', user: 'api', hadAuthorization: true, params: { user: 'api', token: '***' } });
    expect(sim.isLive(key)).toBe(false);
    expect(sim.sessions.at(-1)!.endedAt).toBeTypeOf('string');
    // the revoked key, replayed by hand, is refused by the server
    const replay = await fetch(`${sim.url}/Integra/resources/Test/ping`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${key}` },
      body: '',
    });
    expect(replay.status).toBe(401);
  });

  it('makes later calls reject with SESSION_CLOSED without sending anything', async () => {
    const session = await open();
    await logout(session);
    expect(isSessionOpen(session)).toBe(false);
    const before = sim.requests.length;
    const error = await rejection(integraPost(session, 'Test/ping', {}));
    expect(error).toMatchObject({ code: 'SESSION_CLOSED', path: 'Test/ping' });
    expect(sim.requests.length).toBe(before);
  });

  it('resolves at once when called again on an ended session', async () => {
    const session = await open();
    await logout(session);
    const before = sim.requests.length;
    await logout(session);
    expect(sim.requests.length).toBe(before);
  });

  const faults: [SimFaultKind, string][] = [
    ['zero', 'answered 0'],
    ['garbage', 'unexpected answer'],
    ['http-500', 'HTTP_ERROR'],
    ['slow', 'TIMEOUT'],
    ['drop', 'NETWORK'],
    ['drop-mid-body', 'NETWORK'],
    ['error', 'unexpected answer'],
  ];
  for (const [fault, reason] of faults) {
    it(`reports the ${fault} fault as LOGOUT_FAILED (${reason}), not swallowed`, async () => {
      const session = await open('api', 'api-pass', fault === 'slow' ? 300 : 10_000);
      sim.setFault(fault, { route: 'auth/EndSession', times: 1 });
      const error = await rejection(logout(session));
      expect(error).toMatchObject({ code: 'LOGOUT_FAILED', path: 'auth/EndSession' });
      expect(error.message).toContain(reason);
      if (reason === reason.toUpperCase()) expect((error.cause as IntegraError).code).toBe(reason);
      // locally the session is over either way
      expect(isSessionOpen(session)).toBe(false);
    });
  }
});

describe('logout of a key the server already dropped', () => {
  it('rejects with LOGOUT_FAILED whose cause is HTTP_ERROR 401', async () => {
    const session = await open();
    sim.revokeAll();
    const error = await rejection(logout(session));
    expect(error).toMatchObject({ code: 'LOGOUT_FAILED', status: 401 });
    expect((error.cause as IntegraError).code).toBe('HTTP_ERROR');
  });
});

describe('logoutAll', () => {
  it('ends every open session and reports the ones that failed', async () => {
    await logoutAll(); // sessions left by other tests of this file, if any
    const mark = sim.sessions.length;
    const a = await open();
    const b = await open('agent', 'agent-pass');
    const c = await open('supervisor', 'supervisor-pass');
    expect(openSessions()).toEqual([a, b, c]);
    sim.setFault('zero', { route: 'auth/EndSession', times: 1 });
    const result = await logoutAll();
    expect(result.ended.length + result.failed.length).toBe(3);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]!.error.code).toBe('LOGOUT_FAILED');
    expect(openSessions()).toEqual([]);
    expect(sim.sessions.slice(mark).filter((s) => s.endedAt === undefined)).toHaveLength(1);
  });
});
