import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startIntegraSim, type IntegraSim, type SimFaultKind } from '@ucbridge/integra-sim';
import { HttpError, NetworkError, TimeoutError, integraPost, isIntegraError, isRefusal, login, logout, type IntegraError, type Session } from '@ucbridge/integra-api';
import { rejection } from './rejection.test-helper.js';

let sim: IntegraSim;
let session: Session;
beforeAll(async () => {
  sim = await startIntegraSim();
  sim.addRoute('Test/echo', ({ params, user }) => JSON.stringify({ params, user }));
  session = await login({ baseUrl: sim.url, user: 'api', password: 'api-pass', timeoutMs: 5000 });
});
afterEach(() => sim.clearFaults());
afterAll(async () => {
  await logout(session);
  await sim.close();
});


describe('integraPost', () => {
  it('POSTs form fields with Authorization: Basic <key> and resolves with the body text', async () => {
    const body = await integraPost(session, 'Test/echo', { campaign: 'Sales<-', text: 'a b&c=d ñ' });
    expect(JSON.parse(body)).toEqual({ params: { campaign: 'Sales<-', text: 'a b&c=d ñ' }, user: 'api' });
    expect(sim.requests.at(-1)).toMatchObject({
      method: 'POST',
      route: 'Test/echo',
      contentType: 'application/x-www-form-urlencoded; charset=UTF-8',
      hadAuthorization: true,
      user: 'api',
    });
  });

  it('sends a Uint8Array body as it is (already form-encoded)', async () => {
    const body = await integraPost(session, 'Test/echo', new TextEncoder().encode('x=1&y=%C3%B1'));
    expect(JSON.parse(body).params).toEqual({ x: '1', y: 'ñ' });
  });

  it('resolves with a 0 body untouched; isRefusal tells it is a failure', async () => {
    sim.setFault('zero', { route: 'Test/echo', times: 1 });
    const body = await integraPost(session, 'Test/echo', {});
    expect(body).toBe('0');
    expect(isRefusal(body)).toBe(true);
    expect(isRefusal(' ERROR\n')).toBe(true);
    expect(isRefusal('1')).toBe(false);
  });

  it('rejects with INVALID_ARGUMENT for a path that is a URL or absolute', async () => {
    for (const path of ['/Dialers/uploadbase', 'https://evil.example/x', '../x', 'a?b=c', '']) {
      expect((await rejection(integraPost(session, path, {}))).code, path).toBe('INVALID_ARGUMENT');
    }
  });

  it('rejects with ABORTED when the signal is already aborted, before any request', async () => {
    const before = sim.requests.length;
    const error = await rejection(integraPost(session, 'Test/echo', {}, { signal: AbortSignal.abort() }));
    expect(error.code).toBe('ABORTED');
    expect(sim.requests.length).toBe(before);
  });

  it('rejects with ABORTED when the signal aborts during a slow answer', async () => {
    sim.setFault('slow', { route: 'Test/echo', times: 1 });
    const controller = new AbortController();
    const pending = integraPost(session, 'Test/echo', {}, { signal: controller.signal });
    // abort once the sim has the request, so the abort happens mid-exchange
    await until(() => sim.requests.at(-1)?.fault === 'slow');
    controller.abort();
    expect((await rejection(pending)).code).toBe('ABORTED');
  });

  it('rejects with HTTP_ERROR 401 when the key is no longer live on the server', async () => {
    const other = await login({ baseUrl: sim.url, user: 'agent', password: 'agent-pass' });
    sim.revokeAll();
    const error = await rejection(integraPost(other, 'Test/echo', {}));
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ code: 'HTTP_ERROR', status: 401, path: 'Test/echo' });
    await logout(other).catch(() => undefined);
    session = await login({ baseUrl: sim.url, user: 'api', password: 'api-pass', timeoutMs: 5000 });
  });
});

describe('fault switches', () => {
  const cases: [SimFaultKind, string, (e: IntegraError) => void][] = [
    ['http-500', 'HTTP_ERROR', (e) => {
      expect(e).toBeInstanceOf(HttpError);
      expect(e.status).toBe(500);
    }],
    ['slow', 'TIMEOUT', (e) => expect(e).toBeInstanceOf(TimeoutError)],
    ['drop', 'NETWORK', (e) => expect(e).toBeInstanceOf(NetworkError)],
    ['drop-mid-body', 'NETWORK', (e) => expect(e.message).toContain('reading the answer')],
  ];
  for (const [fault, code, check] of cases) {
    it(`integraPost rejects with ${code} on the ${fault} fault`, async () => {
      sim.setFault(fault, { route: 'Test/echo' });
      const error = await rejection(integraPost(session, 'Test/echo', {}, { timeoutMs: timeoutFor(fault) }));
      expect(error.code).toBe(code);
      expect(error.path).toBe('Test/echo');
      check(error);
    });
  }

  it('integraPost resolves with the garbage body as it is (interpreting it is the caller’s job)', async () => {
    sim.setFault('garbage', { route: 'Test/echo' });
    expect(await integraPost(session, 'Test/echo', {})).toMatch(/^<!doctype html>/);
  });

  const loginCases: [SimFaultKind, string][] = [
    ['http-500', 'HTTP_ERROR'],
    ['garbage', 'BAD_RESPONSE'],
    ['zero', 'LOGIN_REFUSED'],
    ['error', 'LOGIN_REFUSED'],
    ['slow', 'TIMEOUT'],
    ['drop', 'NETWORK'],
    ['drop-mid-body', 'NETWORK'],
  ];
  for (const [fault, code] of loginCases) {
    it(`login rejects with ${code} on the ${fault} fault`, async () => {
      sim.setFault(fault, { route: 'auth/UserLogin' });
      const error = await rejection(login({ baseUrl: sim.url, user: 'api', password: 'api-pass', timeoutMs: timeoutFor(fault) }));
      expect(error.code).toBe(code);
      expect(error.path).toBe('auth/UserLogin');
    });
  }

  it('a fault set for the next N requests hits exactly N, then the route answers normally', async () => {
    sim.setFault('http-500', { route: 'Test/echo', times: 2 });
    expect((await rejection(integraPost(session, 'Test/echo', {}))).status).toBe(500);
    expect((await rejection(integraPost(session, 'Test/echo', {}))).status).toBe(500);
    expect(JSON.parse(await integraPost(session, 'Test/echo', {})).user).toBe('api');
  });

  it('a fault without a route hits every route', async () => {
    sim.setFault('http-500', { times: 1 });
    expect((await rejection(login({ baseUrl: sim.url, user: 'api', password: 'api-pass' }))).code).toBe('HTTP_ERROR');
  });
});

describe('transport', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      res.writeHead(302, { Location: 'https://elsewhere.example/steal' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('rejects with HTTP_ERROR instead of following a redirect', async () => {
    const error = await rejection(login({ baseUrl: base, user: 'api', password: 'api-pass' }));
    expect(error).toMatchObject({ code: 'HTTP_ERROR', status: 302 });
  });

  it('rejects with NETWORK when nothing listens', async () => {
    const closed = await startIntegraSim();
    const url = closed.url;
    await closed.close();
    const error = await rejection(login({ baseUrl: url, user: 'api', password: 'api-pass' }));
    expect(error.code).toBe('NETWORK');
    expect(error.cause).toBeInstanceOf(Error);
  });
});

/** Short only where the timeout is the point, so a busy machine cannot turn other faults into TIMEOUT. */
function timeoutFor(fault: SimFaultKind): number {
  return fault === 'slow' ? 300 : 10_000;
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
