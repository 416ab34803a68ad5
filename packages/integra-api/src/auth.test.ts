import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIntegraSim, type IntegraSim } from '@ucbridge/integra-sim';
import { IntegraError, LoginRefusedError, findApiKey, isIntegraError, isSessionOpen, login, logout } from '@ucbridge/integra-api';
import { rejection } from './rejection.test-helper.js';

let sim: IntegraSim;
beforeAll(async () => {
  sim = await startIntegraSim();
});
afterAll(() => sim.close());


const keyOfLastLogin = (): string => sim.sessions.at(-1)!.key;

describe('login', () => {
  it('finds the key in md5secret of a list of objects (user with a phone)', async () => {
    const session = await login({ baseUrl: sim.url, user: 'agent', password: 'agent-pass' });
    expect(session).toEqual({ baseUrl: sim.url, user: 'agent', timeoutMs: 30_000 });
    expect(isSessionOpen(session)).toBe(true);
    expect(sim.isLive(keyOfLastLogin())).toBe(true);
    // the session really carries that key: the sim attributes the next call to the user
    await logout(session);
    expect(sim.requests.at(-1)).toMatchObject({ route: 'auth/EndSession', user: 'agent', status: 200 });
  });

  it('finds the key as the last string of the list (supervisor without a phone)', async () => {
    const session = await login({ baseUrl: `${sim.url}/`, user: 'supervisor', password: 'supervisor-pass', timeoutMs: 5000 });
    expect(session).toEqual({ baseUrl: sim.url, user: 'supervisor', timeoutMs: 5000 });
    const key = keyOfLastLogin();
    expect(Buffer.from(key, 'base64').toString()).toMatch(/^supervisor:[0-9a-f-]{36}$/);
    await logout(session);
    expect(sim.isLive(key)).toBe(false);
  });

  it('logs in through auth/getUserToken when asked', async () => {
    const session = await login({ baseUrl: sim.url, user: 'api', password: 'api-pass', loginPath: 'auth/getUserToken' });
    expect(sim.requests.at(-1)).toMatchObject({ route: 'auth/getUserToken', status: 200 });
    await logout(session);
  });

  it('gets a new key for every login of the same user', async () => {
    const a = await login({ baseUrl: sim.url, user: 'api', password: 'api-pass' });
    const keyA = keyOfLastLogin();
    const b = await login({ baseUrl: sim.url, user: 'api', password: 'api-pass' });
    expect(keyOfLastLogin()).not.toBe(keyA);
    await Promise.all([logout(a), logout(b)]);
  });

  it('sends a form-encoded UTF-8 POST without Authorization', async () => {
    const session = await login({ baseUrl: sim.url, user: 'api', password: 'api-pass' });
    const record = sim.requests.find((r) => r.route === 'auth/UserLogin' && r.params['user'] === 'api')!;
    expect(record).toMatchObject({
      method: 'POST',
      contentType: 'application/x-www-form-urlencoded; charset=UTF-8',
      hadAuthorization: false,
      params: { user: 'api', password: '***' },
    });
    await logout(session);
  });

  it('rejects with LOGIN_REFUSED on a wrong password (body 0)', async () => {
    const error = await rejection(login({ baseUrl: sim.url, user: 'agent', password: 'nope' }));
    expect(error).toBeInstanceOf(LoginRefusedError);
    expect(error.code).toBe('LOGIN_REFUSED');
    expect(error.path).toBe('auth/UserLogin');
    expect(error.message).toContain('agent');
  });

  it('rejects with LOGIN_REFUSED for an unknown user', async () => {
    expect((await rejection(login({ baseUrl: sim.url, user: 'ghost', password: 'x' }))).code).toBe('LOGIN_REFUSED');
  });

  it('rejects with INVALID_ARGUMENT before any request for an empty user or password', async () => {
    const before = sim.requests.length;
    expect((await rejection(login({ baseUrl: sim.url, user: '', password: 'x' }))).code).toBe('INVALID_ARGUMENT');
    expect((await rejection(login({ baseUrl: sim.url, user: 'api', password: '' }))).code).toBe('INVALID_ARGUMENT');
    expect((await rejection(login({ baseUrl: 'not a url', user: 'api', password: 'x' }))).code).toBe('INVALID_ARGUMENT');
    expect(sim.requests.length).toBe(before);
  });
});

describe('findApiKey', () => {
  it('reads both documented shapes and the AgentLogin object', () => {
    expect(findApiKey('[{"a":1},{"md5secret":"S0VZ"}]')).toBe('S0VZ');
    expect(findApiKey('[{"name":"x"},"Supervisor","S0VZ=="]')).toBe('S0VZ==');
    expect(findApiKey('{"md5secret":"S0VZ"}')).toBe('S0VZ');
  });

  it('returns undefined for answers without a usable key', () => {
    for (const body of ['', '0', 'garbage', '[]', '[{"md5secret":""}]', '[{"a":1}]', '["two words"]', '[1]', '{"a":1}']) {
      expect(findApiKey(body), body).toBeUndefined();
    }
  });
});
