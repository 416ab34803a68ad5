import { describe, expect, expectTypeOf, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as api from '@ucbridge/integra-api';
import {
  HttpError,
  IntegraError,
  LoginRefusedError,
  NetworkError,
  TimeoutError,
  isIntegraError,
  type IntegraErrorCode,
  type LoginOptions,
  type Session,
} from '@ucbridge/integra-api';

describe('public surface', () => {
  it('exports the auth API by the package name', () => {
    for (const name of ['login', 'logout', 'logoutAll', 'withSession', 'integraPost', 'isIntegraError', 'openSessions', 'isSessionOpen']) {
      expect(typeof (api as Record<string, unknown>)[name], name).toBe('function');
    }
  });

  it('has the documented types', () => {
    expectTypeOf(api.login).parameter(0).toEqualTypeOf<LoginOptions>();
    expectTypeOf(api.login).returns.toEqualTypeOf<Promise<Session>>();
    expectTypeOf<Session>().toEqualTypeOf<{ readonly baseUrl: string; readonly user: string; readonly timeoutMs: number }>();
    expectTypeOf(api.integraPost).returns.toEqualTypeOf<Promise<string>>();
    expectTypeOf(api.withSession<number>).returns.toEqualTypeOf<Promise<number>>();
    expectTypeOf<IntegraError['code']>().toEqualTypeOf<IntegraErrorCode>();
    expectTypeOf<'LOGIN_REFUSED'>().toExtend<IntegraErrorCode>();
  });

  it('role errors are IntegraErrors with their code and name', () => {
    const errors = [
      new HttpError('x', { status: 500 }),
      new TimeoutError('x'),
      new NetworkError('x'),
      new LoginRefusedError('x'),
    ];
    expect(errors.map((e) => [e.name, e.code, e instanceof IntegraError, isIntegraError(e)])).toEqual([
      ['HttpError', 'HTTP_ERROR', true, true],
      ['TimeoutError', 'TIMEOUT', true, true],
      ['NetworkError', 'NETWORK', true, true],
      ['LoginRefusedError', 'LOGIN_REFUSED', true, true],
    ]);
    expect(JSON.parse(JSON.stringify(errors[0]))).toEqual({ name: 'HttpError', code: 'HTTP_ERROR', message: 'ucbridge HTTP_ERROR: x', status: 500 });
    expect(isIntegraError(new Error('x'))).toBe(false);
    expect(isIntegraError({ name: 'Error', code: 'TIMEOUT' })).toBe(false);
  });

  it('the auth sources import no node: module (the entry must load in browsers)', () => {
    for (const file of ['index', 'errors', 'session', 'http', 'url', 'auth', 'logout', 'with-session']) {
      const source = readFileSync(new URL(`./${file}.ts`, import.meta.url), 'utf8');
      expect(source, file).not.toMatch(/from\s+['"]node:|require\(/);
    }
  });
});
