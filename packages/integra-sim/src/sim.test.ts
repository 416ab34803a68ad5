import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GARBAGE_BODY, startIntegraSim, type IntegraSim } from '@ucbridge/integra-sim';

let sim: IntegraSim;
beforeAll(async () => {
  sim = await startIntegraSim();
});
afterEach(() => sim.clearFaults());
afterAll(() => sim.close());

const FORM = 'application/x-www-form-urlencoded; charset=UTF-8';

/** A raw POST, the way any client of the platform would send it. */
async function post(route: string, fields: Record<string, string>, key?: string, target = sim) {
  const response = await fetch(`${target.url}/Integra/resources/${route}`, {
    method: 'POST',
    headers: { 'Content-Type': FORM, ...(key === undefined ? {} : { Authorization: `Basic ${key}` }) },
    body: new URLSearchParams(fields),
  });
  return { status: response.status, body: await response.text(), headers: response.headers };
}

async function loginKey(user = 'api', password = 'api-pass'): Promise<string> {
  await post('auth/UserLogin', { user, password });
  return sim.sessions.at(-1)!.key;
}

describe('auth routes', () => {
  it('answers a user with a phone with a list of objects, one holding md5secret', async () => {
    const { status, body, headers } = await post('auth/UserLogin', { user: 'agent', password: 'agent-pass' });
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^application\/json/);
    const list = JSON.parse(body) as Record<string, unknown>[];
    expect(list.every((item) => typeof item === 'object')).toBe(true);
    expect(list.filter((item) => 'md5secret' in item).map((item) => item['md5secret'])).toEqual([sim.sessions.at(-1)!.key]);
  });

  it('answers a supervisor without a phone with a list whose last element is the key', async () => {
    const list = JSON.parse((await post('auth/getUserToken', { user: 'supervisor', password: 'supervisor-pass' })).body) as unknown[];
    expect(list.at(-1)).toBe(sim.sessions.at(-1)!.key);
    expect(list).toHaveLength(3);
  });

  it('makes keys like the platform’s: base64 of user:uuid, new per login', async () => {
    const a = await loginKey();
    const b = await loginKey();
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64').toString()).toMatch(/^api:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('answers 0 to a wrong password or unknown user, and opens no session', async () => {
    const before = sim.sessions.length;
    expect((await post('auth/UserLogin', { user: 'api', password: 'wrong' })).body).toBe('0');
    expect((await post('auth/UserLogin', { user: 'nobody', password: 'api-pass' })).body).toBe('0');
    expect((await post('auth/UserLogin', {})).body).toBe('0');
    expect(sim.sessions.length).toBe(before);
  });

  it('EndSession answers 1 and the key stops working; a second EndSession answers 0', async () => {
    const key = await loginKey();
    expect(sim.isLive(key)).toBe(true);
    expect((await post('auth/EndSession', { user: 'api', token: key }, key)).body).toBe('1');
    expect(sim.isLive(key)).toBe(false);
    expect(sim.sessions.find((s) => s.key === key)!.endedAt).toBeTypeOf('string');
    expect(await post('auth/EndSession', { user: 'api', token: key }, key)).toMatchObject({ status: 401 });
  });

  it('EndSession answers 0 when the token is not the named user’s', async () => {
    const key = await loginKey();
    expect((await post('auth/EndSession', { user: 'agent', token: key }, key)).body).toBe('0');
    expect(sim.isLive(key)).toBe(true);
  });
});

describe('key check', () => {
  it('answers 401 with body 0 to a missing, malformed or dead key', async () => {
    const key = await loginKey();
    sim.revokeAll();
    for (const k of [undefined, 'not-a-key', key]) {
      expect(await post('Dialers/uploadbase', {}, k)).toMatchObject({ status: 401, body: '0' });
    }
  });

  it('answers 200 with body 0 instead when unauthorized is body-0', async () => {
    const other = await startIntegraSim({ unauthorized: 'body-0' });
    try {
      expect(await post('Dialers/uploadbase', {}, 'dead', other)).toMatchObject({ status: 200, body: '0' });
    } finally {
      await other.close();
    }
  });

  it('answers 415 to a body that is not form-encoded, 404 to unknown routes, 405 to GET', async () => {
    const key = await loginKey();
    const json = await fetch(`${sim.url}/Integra/resources/Dialers/uploadbase`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Basic ${key}` },
      body: '{}',
    });
    expect(json.status).toBe(415);
    expect((await post('Nope/nothing', {}, key)).status).toBe(404);
    expect((await fetch(`${sim.url}/Integra/resources/auth/UserLogin`)).status).toBe(405);
    expect((await fetch(`${sim.url}/elsewhere`, { method: 'POST' })).status).toBe(404);
  });
});

describe('Dialers/uploadbase', () => {
  it('answers 1 and records the upload decoded', async () => {
    const key = await loginKey();
    const text = 'Sales<-;099123456;name=José Pérez:city=Montevideo;M=0=098447120;10;\nSales<-;+59899111222;;;;\n';
    const fields = { filename: 'leads_2026_11', fileb64: Buffer.from(text).toString('base64'), campaign: 'Sales<-', cant: '2', username: 'api' };
    expect(await post('Dialers/uploadbase', fields, key)).toMatchObject({ status: 200, body: '1' });
    expect(sim.uploads.at(-1)).toMatchObject({
      ...fields,
      sessionUser: 'api',
      text,
      lines: ['Sales<-;099123456;name=José Pérez:city=Montevideo;M=0=098447120;10;', 'Sales<-;+59899111222;;;;'],
      validBase64: true,
      validUtf8: true,
      cantMatches: true,
    });
  });

  it('records a part of several MB (a default-size dialer part) with its base64 judged valid', async () => {
    const key = await loginKey();
    const line = 'Sales<-;099123456;name=José Pérez:city=Montevideo;;9999;';
    const text = `${line}\n`.repeat(100_000);
    const fields = { filename: 'big_part01', fileb64: Buffer.from(text).toString('base64'), campaign: 'Sales<-', cant: '100000', username: 'api' };
    expect(fields.fileb64.length).toBeGreaterThan(6_000_000);
    expect(await post('Dialers/uploadbase', fields, key)).toMatchObject({ status: 200, body: '1' });
    expect(sim.uploads.at(-1)).toMatchObject({ validBase64: true, cantMatches: true });
    expect(sim.uploads.at(-1)!.lines).toHaveLength(100_000);
  });

  it('accepts what the platform accepts: a wrong cant or bad base64 is recorded, not refused', async () => {
    const key = await loginKey();
    const fields = { filename: 'f', fileb64: '!!!', campaign: 'C', cant: '9', username: 'api' };
    expect((await post('Dialers/uploadbase', fields, key)).body).toBe('1');
    expect(sim.uploads.at(-1)).toMatchObject({ validBase64: false, cantMatches: false });
  });

  it('answers 0 when a field is missing', async () => {
    const key = await loginKey();
    const before = sim.uploads.length;
    expect((await post('Dialers/uploadbase', { filename: 'f', campaign: 'C', cant: '1', username: 'api' }, key)).body).toBe('0');
    expect(sim.uploads.length).toBe(before);
  });

  it('lists uploads as JSON at GET /__sim/uploads', async () => {
    const list = (await (await fetch(`${sim.url}/__sim/uploads`)).json()) as unknown[];
    expect(list).toEqual(JSON.parse(JSON.stringify(sim.uploads)));
    expect(list.length).toBeGreaterThan(0);
  });
});

describe('routes and log', () => {
  it('adds routes that need a live key, or public ones', async () => {
    sim.addRoute('Agents/AgentCall', ({ params, user }) => ({ body: `${user}:${params['phone']}` }));
    sim.addRoute('Public/hello', () => ({ status: 201, body: 'hi' }), { public: true });
    const key = await loginKey();
    expect((await post('Agents/AgentCall', { phone: '123' }, key)).body).toBe('api:123');
    expect((await post('Agents/AgentCall', { phone: '123' })).status).toBe(401);
    expect(await post('Public/hello', {})).toMatchObject({ status: 201, body: 'hi' });
  });

  it('takes routes as an option too, and a throwing handler answers 500', async () => {
    const other = await startIntegraSim({ routes: { 'Boom/now': () => { throw new Error('boom'); } } });
    try {
      await post('auth/UserLogin', { user: 'api', password: 'api-pass' }, undefined, other);
      expect((await post('Boom/now', {}, other.sessions[0]!.key, other)).status).toBe(500);
    } finally {
      await other.close();
    }
  });

  it('logs every request without password, token or key', async () => {
    sim.clearLog();
    const key = await loginKey();
    await post('auth/EndSession', { user: 'api', token: key }, key);
    expect(sim.requests.map((r) => [r.route, r.status, r.user, r.params])).toEqual([
      ['auth/UserLogin', 200, undefined, { user: 'api', password: '***' }],
      ['auth/EndSession', 200, 'api', { user: 'api', token: '***' }],
    ]);
    expect(JSON.stringify(sim.requests)).not.toContain(key);
  });

  it('shortens long values in the log (the whole upload stays in uploads)', async () => {
    const key = await loginKey();
    const fileb64 = Buffer.from('C;099123456;;;;\n'.repeat(100)).toString('base64');
    await post('Dialers/uploadbase', { filename: 'f', fileb64, campaign: 'C', cant: '100', username: 'api' }, key);
    expect(sim.requests.at(-1)!.params['fileb64']).toBe(`${fileb64.slice(0, 64)}… (${fileb64.length} characters)`);
    expect(sim.uploads.at(-1)!.fileb64).toBe(fileb64);
  });
});

describe('fault switches', () => {
  it('http-500, garbage, zero, error: the chosen status and body', async () => {
    const cases = [
      ['http-500', 500, 'Internal Server Error'],
      ['garbage', 200, GARBAGE_BODY],
      ['zero', 200, '0'],
      ['error', 200, 'ERROR'],
    ] as const;
    for (const [fault, status, body] of cases) {
      sim.setFault(fault, { route: 'auth/UserLogin', times: 1 });
      expect(await post('auth/UserLogin', { user: 'api', password: 'api-pass' }), fault).toMatchObject({ status, body });
      expect(sim.requests.at(-1)!.fault).toBe(fault);
    }
  });

  it('drop closes the connection without an answer; drop-mid-body cuts the body', async () => {
    sim.setFault('drop', { times: 1 });
    await expect(post('auth/UserLogin', {})).rejects.toThrow(TypeError);
    sim.setFault('drop-mid-body', { times: 1 });
    const response = await fetch(`${sim.url}/Integra/resources/auth/UserLogin`, { method: 'POST', headers: { 'Content-Type': FORM }, body: '' });
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
  });

  it('slow holds the answer for delayMs, then answers normally', async () => {
    sim.setFault('slow', { route: 'auth/UserLogin', times: 1, delayMs: 50 });
    const answer = post('auth/UserLogin', { user: 'api', password: 'api-pass' });
    expect(JSON.parse((await answer).body)).toHaveLength(3);
    expect(sim.requests.at(-1)!.fault).toBe('slow');
  });

  it('hits only its route, only N times, and stops when cleared', async () => {
    sim.setFault('zero', { route: 'auth/getUserToken', times: 2 });
    expect((await post('auth/UserLogin', { user: 'api', password: 'api-pass' })).body).not.toBe('0');
    expect((await post('auth/getUserToken', { user: 'api', password: 'api-pass' })).body).toBe('0');
    expect((await post('auth/getUserToken', { user: 'api', password: 'api-pass' })).body).toBe('0');
    expect((await post('auth/getUserToken', { user: 'api', password: 'api-pass' })).body).not.toBe('0');
    sim.setFault('zero');
    expect((await post('auth/UserLogin', { user: 'api', password: 'api-pass' })).body).toBe('0');
    sim.clearFaults();
    expect((await post('auth/UserLogin', { user: 'api', password: 'api-pass' })).body).not.toBe('0');
  });

  it('rejects an unknown fault kind', () => {
    expect(() => sim.setFault('fire' as never)).toThrow(TypeError);
  });
});

describe('CORS', () => {
  it('sends no CORS headers by default', async () => {
    const response = await fetch(`${sim.url}/__sim/uploads`, { headers: { Origin: 'http://localhost:5173' } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows only the listed origins, with a preflight for Authorization', async () => {
    const other = await startIntegraSim({ cors: ['http://localhost:5173'] });
    try {
      const preflight = await fetch(`${other.url}/Integra/resources/Dialers/uploadbase`, {
        method: 'OPTIONS',
        headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
      const listed = await fetch(`${other.url}/__sim/uploads`, { headers: { Origin: 'http://localhost:5173' } });
      expect(listed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      const stranger = await fetch(`${other.url}/__sim/uploads`, { headers: { Origin: 'https://evil.example' } });
      expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await other.close();
    }
  });
});

describe('close', () => {
  it('closes even with a slow answer pending, which then fails', async () => {
    const other = await startIntegraSim();
    other.setFault('slow');
    const pending = post('auth/UserLogin', {}, undefined, other).then(() => 'answered', () => 'failed');
    while (other.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    await other.close();
    expect(await pending).toBe('failed');
  });
});
