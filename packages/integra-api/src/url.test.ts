import { describe, expect, it } from 'vitest';
import { isIntegraError, isLoopbackHost, login } from '@ucbridge/integra-api';
import { normalizeBaseUrl } from './url.js';

describe('base URL rules', () => {
  it('rejects plain http:// to a non-loopback host with INSECURE_URL, before any request', async () => {
    // .invalid never resolves: a request attempt would give NETWORK, not INSECURE_URL
    for (const baseUrl of ['http://acme.ucontactcloud.invalid', 'http://10.0.0.1:8080', 'http://128.0.0.1', 'HTTP://Example.invalid/']) {
      const error = await login({ baseUrl, user: 'api', password: 'api-pass' }).catch((e: unknown) => e);
      expect(isIntegraError(error) && error.code, baseUrl).toBe('INSECURE_URL');
    }
  });

  it('allows http:// on localhost, 127.0.0.0/8 and [::1]', () => {
    expect(normalizeBaseUrl('http://localhost:8089/')).toBe('http://localhost:8089');
    expect(normalizeBaseUrl('http://127.4.5.6')).toBe('http://127.4.5.6');
    expect(normalizeBaseUrl('http://[::1]:9000')).toBe('http://[::1]:9000');
    expect(isLoopbackHost('app.localhost')).toBe(true);
    expect(isLoopbackHost('localhost.example.com')).toBe(false);
  });

  it('normalizes https URLs and keeps a path prefix', () => {
    expect(normalizeBaseUrl(' https://acme.ucontactcloud.com/ ')).toBe('https://acme.ucontactcloud.com');
    expect(normalizeBaseUrl('https://gw.example.com/uc//')).toBe('https://gw.example.com/uc');
  });

  it('rejects credentials, queries and other schemes with INVALID_ARGUMENT, without echoing them', () => {
    for (const url of ['https://api:hunter2@acme.example', 'https://acme.example/?key=hunter2', 'ftp://acme.example', 'file:///etc/passwd']) {
      let error: unknown;
      try {
        normalizeBaseUrl(url);
      } catch (e) {
        error = e;
      }
      expect(isIntegraError(error) && error.code, url).toBe('INVALID_ARGUMENT');
      expect(String((error as Error).message)).not.toContain('hunter2');
    }
  });
});
