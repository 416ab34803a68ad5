import { describe, expect, it } from 'vitest';
// runs in real Chromium: importing the package at all proves the entry reaches no node: module
import { INTEGRA_ERROR_CODES, IntegraError, isIntegraError, login } from '@ucbridge/integra-api';

const reject = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);

describe('@ucbridge/integra-api in a browser', () => {
  it('refuses plain http:// to a non-loopback host with INSECURE_URL', async () => {
    const error = await reject(login({ baseUrl: 'http://acme.ucontactcloud.invalid', user: 'api', password: 'pw' }));
    expect(isIntegraError(error) && error.code).toBe('INSECURE_URL');
  });

  it('reports a refused connection as NETWORK', async () => {
    // port 9 (discard) on loopback: nothing listens there on the test machines
    const error = await reject(login({ baseUrl: 'http://127.0.0.1:9', user: 'api', password: 'pw', timeoutMs: 10_000 }));
    expect(isIntegraError(error) && error.code).toBe('NETWORK');
  });

  it('reports a non-2xx answer as HTTP_ERROR with its status', async () => {
    // the test page's own server has no Integra routes: a real HTTP answer that is not 2xx
    const error = await reject(login({ baseUrl: location.origin, user: 'api', password: 'pw', timeoutMs: 10_000 }));
    expect(isIntegraError(error) && error.code).toBe('HTTP_ERROR');
    expect((error as IntegraError).status).toBeGreaterThanOrEqual(400);
  });

  it('isIntegraError recognizes an error from another realm by name and code', () => {
    const foreign = { name: 'TimeoutError', code: 'TIMEOUT', message: 'x' };
    expect(isIntegraError(foreign)).toBe(true);
    expect(isIntegraError({ name: 'TimeoutError', code: 'NOPE' })).toBe(false);
    expect(INTEGRA_ERROR_CODES).toContain('LOGIN_REFUSED');
  });
});
