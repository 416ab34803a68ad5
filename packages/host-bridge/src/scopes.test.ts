import { describe, expect, it } from 'vitest';
import { compileScopes } from './scopes.js';

const OFFERED = ['CLOSE_TAB', 'DISPOSITION_CALL', 'MAKE_CALL', 'crm.note'];
const CRM = 'https://crm.example.com';

describe('compileScopes', () => {
  it('a plain string entry may call every offered action and gets the context only when the form shares one', () => {
    expect(compileScopes([CRM], OFFERED, false)(CRM)).toEqual({ actions: OFFERED, callContext: false });
    expect(compileScopes([CRM], OFFERED, true)(CRM)).toEqual({ actions: OFFERED, callContext: true });
    expect(compileScopes(`${CRM}, https://*.example.org`, OFFERED, true)('https://a.example.org')).toEqual({ actions: OFFERED, callContext: true });
  });

  it('an origin no entry matches gets no scope', () => {
    const scopeOf = compileScopes([CRM, { origin: 'https://*.example.org', callContext: false }], OFFERED, true);
    for (const origin of ['https://evil.test', 'https://crm.example.com.evil.test', 'http://crm.example.com', 'https://example.org']) expect(scopeOf(origin)).toBeUndefined();
  });

  it('an object entry narrows the actions (kept in the order the form offers them) and the context', () => {
    const scopeOf = compileScopes([{ origin: CRM, actions: ['DISPOSITION_CALL', 'CLOSE_TAB'], callContext: true }, { origin: 'https://b.example.com', callContext: false }], OFFERED, true);
    expect(scopeOf(CRM)).toEqual({ actions: ['CLOSE_TAB', 'DISPOSITION_CALL'], callContext: true });
    expect(scopeOf('https://b.example.com')).toEqual({ actions: OFFERED, callContext: false });
  });

  it('an object entry without callContext follows the form, like a plain entry; actions: [] offers nothing', () => {
    expect(compileScopes([{ origin: CRM }], OFFERED, true)(CRM)).toEqual({ actions: OFFERED, callContext: true });
    expect(compileScopes([{ origin: CRM }], OFFERED, false)(CRM)).toEqual({ actions: OFFERED, callContext: false });
    expect(compileScopes([{ origin: CRM, actions: [] }], OFFERED, true)(CRM)).toEqual({ actions: [], callContext: true });
  });

  it('an exact origin wins over a pattern wherever it is listed; otherwise the first entry that matches', () => {
    const scopeOf = compileScopes(
      ['https://*.example.com', { origin: CRM, actions: ['CLOSE_TAB'], callContext: false }, { origin: CRM, actions: ['DISPOSITION_CALL'] }],
      OFFERED,
      true,
    );
    expect(scopeOf(CRM)).toEqual({ actions: ['CLOSE_TAB'], callContext: false });
    expect(scopeOf('https://other.example.com')).toEqual({ actions: OFFERED, callContext: true });
  });

  it('dangerouslyAllowAnyOrigin: every origin may call every action, and none receives the call context', () => {
    expect(compileScopes(undefined, OFFERED, true, true)('https://anyone.test')).toEqual({ actions: OFFERED, callContext: false });
  });

  it.each([
    [[], /allowedOrigins is empty/],
    ['', /allowedOrigins is empty/],
    [undefined, /allowedOrigins is empty/],
    [['*'], /"\*" is not an origin/],
    [[{ origin: '*' }], /"\*" is not an origin/],
    [[42], /allowedOrigins\[0\] must be an origin or \{ origin, actions\?, callContext\? \}/],
    [[CRM, { actions: ['CLOSE_TAB'] }], /allowedOrigins\[1\] must be an origin/],
    [[{ origin: CRM, callcontext: true }], /allowedOrigins\[0\] has an unknown key "callcontext"/],
    [[{ origin: CRM, actions: 'CLOSE_TAB' }], /allowedOrigins\[0\]\.actions must be a list/],
    [[{ origin: CRM, actions: ['UC_get_async'] }], /allowedOrigins\[0\]\.actions: the form offers no action "UC_get_async"/],
    [[{ origin: CRM, actions: ['toString'] }], /the form offers no action "toString"/],
    [[{ origin: CRM, callContext: 'yes' }], /allowedOrigins\[0\]\.callContext must be true or false/],
  ])('refuses %j with a TypeError naming the entry', (allowedOrigins, message) => {
    expect(() => compileScopes(allowedOrigins, OFFERED, true)).toThrow(message);
    expect(() => compileScopes(allowedOrigins, OFFERED, true)).toThrow(TypeError);
  });

  it('refuses callContext: true when the form shares no context, saying which option to set', () => {
    expect(() => compileScopes([{ origin: CRM, callContext: true }], OFFERED, false)).toThrow(/allowedOrigins\[0\]\.callContext: the form shares no call context \(set the callContext option\)/);
  });
});
