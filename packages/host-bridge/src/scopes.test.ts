import { createHostBridge } from '@ucbridge/host-bridge';
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

  describe('a pattern over a domain many owners share', () => {
    const SHARED = [
      ['https://*.github.io', 'github.io'],
      ['https://*.herokuapp.com', 'herokuapp.com'],
      ['https://*.vercel.app', 'vercel.app'],
      ['https://*.netlify.app', 'netlify.app'],
      ['https://*.pages.dev', 'pages.dev'],
      ['https://*.s3.amazonaws.com', 'amazonaws.com'],
      ['https://*.co.uk', 'co.uk'],
      ['https://*.com.ar', 'com.ar'],
      ['https://*.com.uy', 'com.uy'],
      ['https://*.com.br', 'com.br'],
      ['https://*.ucontactcloud.com', 'ucontactcloud.com'],
      ['https://*.my.salesforce.com', 'salesforce.com'],
      ['https://*.zendesk.com', 'zendesk.com'],
      ['http://*.vercel.app:8080', 'vercel.app'],
    ];

    it.each(SHARED)('refuses %s: it names the entry, why, and both fixes', (pattern, shared) => {
      const message =
        `ucbridge INVALID_OPTION: "${pattern}" reaches into ${shared}, a domain many owners share: every owner of a site under ${shared} could dispose calls. ` +
        `List the exact origins (${pattern.replace('*', '<name>')}), or, only if every site under ${shared} is yours, ` +
        `write { origin: "${pattern}", dangerouslyAllowAnySubdomain: true } (script tag: data-dangerously-allow-any-subdomain)`;
      // a plain entry, in a list, in a string list, and an object entry without the opt-in
      for (const allowedOrigins of [[pattern], [CRM, pattern], `${CRM}, ${pattern}`, [{ origin: pattern, actions: ['CLOSE_TAB'] }], [{ origin: pattern, dangerouslyAllowAnySubdomain: false }]]) {
        expect(() => compileScopes(allowedOrigins, OFFERED, true)).toThrow(new TypeError(message));
      }
    });

    it.each(SHARED)('allows %s with dangerouslyAllowAnySubdomain: true on its entry, and only there', (pattern) => {
      const site = pattern.replace('*', 'acme');
      const scopeOf = compileScopes([CRM, { origin: pattern, actions: ['CLOSE_TAB'], dangerouslyAllowAnySubdomain: true }], OFFERED, true);
      expect(scopeOf(site)).toEqual({ actions: ['CLOSE_TAB'], callContext: true });
      expect(scopeOf(CRM)).toEqual({ actions: OFFERED, callContext: true });
      expect(scopeOf(site.replace('acme.', 'acme.evil.test/'))).toBeUndefined();
      // the opt-in of one entry does not cover another
      expect(() => compileScopes([{ origin: pattern, dangerouslyAllowAnySubdomain: true }, 'https://*.gitlab.io'], OFFERED, true)).toThrow(/"https:\/\/\*\.gitlab\.io" reaches into gitlab\.io/);
    });

    it('keeps patterns over a company\'s own domain working without the opt-in', () => {
      const scopeOf = compileScopes(['https://*.example.org', 'https://*.acme.com.ar', 'https://*.acme.co.uk', { origin: 'https://*.crm.acme.com.uy' }, 'http://*.example.test:4102'], OFFERED, false);
      for (const origin of ['https://a.example.org', 'https://ventas.acme.com.ar', 'https://x.y.acme.co.uk', 'https://eu.crm.acme.com.uy', 'http://crm.example.test:4102']) {
        expect(scopeOf(origin), origin).toEqual({ actions: OFFERED, callContext: false });
      }
      expect(scopeOf('https://evil.com.ar')).toBeUndefined();
    });

    it('keeps exact origins on a shared domain working: only patterns reach other owners', () => {
      const scopeOf = compileScopes(['https://acme.github.io', 'https://acme.ucontactcloud.com', 'https://acme.my.salesforce.com'], OFFERED, false);
      expect(scopeOf('https://acme.github.io')).toBeDefined();
      expect(scopeOf('https://acme.my.salesforce.com')).toBeDefined();
      expect(scopeOf('https://evil.github.io')).toBeUndefined();
    });

    it('the opt-in does not make "*", a whole top level or a non-origin acceptable', () => {
      for (const origin of ['*', 'https://*', 'https://*.com', 'https://*.uy', 'https://*.github.io/path']) {
        expect(() => compileScopes([{ origin, dangerouslyAllowAnySubdomain: true }], OFFERED, true), origin).toThrow(TypeError);
      }
      expect(() => compileScopes([{ origin: 'https://*.com', dangerouslyAllowAnySubdomain: true }], OFFERED, true)).toThrow(/covers every site under \.com: list exact origins/);
    });

    it('refuses a dangerouslyAllowAnySubdomain that is not true or false', () => {
      expect(() => compileScopes([{ origin: 'https://*.github.io', dangerouslyAllowAnySubdomain: 'yes' }], OFFERED, true)).toThrow(
        /allowedOrigins\[0\]\.dangerouslyAllowAnySubdomain must be true or false/,
      );
    });
  });
});

describe('createHostBridge: allowedOrigins over a shared domain', () => {
  const win = { frames: [], addEventListener() {}, removeEventListener() {} } as unknown as Window;

  it('throws INVALID_OPTION for https://*.vercel.app and https://*.com.mx, and installs with the opt-in on the entry', () => {
    expect(() => createHostBridge({ allowedOrigins: ['https://crm.example.com', 'https://*.vercel.app'], window: win })).toThrow(/^ucbridge INVALID_OPTION: "https:\/\/\*\.vercel\.app" reaches into vercel\.app/);
    expect(() => createHostBridge({ allowedOrigins: 'https://*.com.mx', window: win })).toThrow(TypeError);
    createHostBridge({ allowedOrigins: [{ origin: 'https://*.vercel.app', dangerouslyAllowAnySubdomain: true }], window: win }).destroy();
    createHostBridge({ allowedOrigins: 'https://*.example.org https://*.acme.com.mx', window: win }).destroy();
  });
});
