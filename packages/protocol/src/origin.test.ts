import { describe, expect, it } from 'vitest';
import { originMatcher, originsMatcher } from './origin.js';

describe('originMatcher: exact origins', () => {
  it('matches the same scheme, host and port only', () => {
    const m = originMatcher('https://crm.example.com');
    expect(m('https://crm.example.com')).toBe(true);
    expect(m('http://crm.example.com')).toBe(false);
    expect(m('https://crm.example.com:8443')).toBe(false);
    expect(m('https://a.crm.example.com')).toBe(false);
    expect(m('https://crm.example.com.evil.com')).toBe(false);
    expect(m('https://evilcrm.example.com')).toBe(false);
    expect(m('null')).toBe(false);
    expect(m('')).toBe(false);
    expect(m('https://crm.example.com/')).toBe(false);
    expect(m('https://crm.example.com.')).toBe(false);
  });

  it('keeps a non-default port and drops a default one, as browsers write origins', () => {
    expect(originMatcher('http://localhost:4101')('http://localhost:4101')).toBe(true);
    expect(originMatcher('http://localhost:4101')('http://localhost:4102')).toBe(false);
    expect(originMatcher('http://localhost:4101')('http://localhost')).toBe(false);
    expect(originMatcher('https://crm.example.com:443')('https://crm.example.com')).toBe(true);
    expect(originMatcher('http://crm.example.com:80')('http://crm.example.com')).toBe(true);
    expect(originMatcher('https://crm.example.com:80')('https://crm.example.com')).toBe(false);
    expect(originMatcher('https://crm.example.com:80')('https://crm.example.com:80')).toBe(true);
  });

  it('accepts a trailing slash, upper case, IP addresses and bracketed IPv6 in an entry', () => {
    expect(originMatcher('https://CRM.Example.com/')('https://crm.example.com')).toBe(true);
    expect(originMatcher('http://127.0.0.1:4102')('http://127.0.0.1:4102')).toBe(true);
    expect(originMatcher('http://127.0.0.1:4102')('http://localhost:4102')).toBe(false);
    expect(originMatcher('http://[::1]:4101')('http://[::1]:4101')).toBe(true);
  });

  it.each([
    ['*'],
    ['null'],
    [''],
    ['crm.example.com'],
    ['https://crm.example.com/path'],
    ['https://crm.example.com?x=1'],
    ['https://user@crm.example.com'],
    ['ftp://crm.example.com'],
    ['javascript:alert(1)'],
    ['https://'],
    ['https://-bad.example.com'],
    ['https://crm..example.com'],
    ['https://crm.example.com:123456'],
  ])('throws a TypeError naming the entry for %j', (entry) => {
    expect(() => originMatcher(entry)).toThrow(TypeError);
    expect(() => originMatcher(entry)).toThrow(`"${entry}"`);
  });
});

describe('originMatcher: wildcard subdomains', () => {
  const m = originMatcher('https://*.example.org');

  it('matches one label or more under the domain', () => {
    expect(m('https://a.example.org')).toBe(true);
    expect(m('https://a.b.example.org')).toBe(true);
    expect(m('https://x-1.example.org')).toBe(true);
  });

  it('does not match the bare domain', () => {
    expect(m('https://example.org')).toBe(false);
  });

  it('does not match suffix tricks: example.org.evil.com, evilexample.org', () => {
    expect(m('https://example.org.evil.com')).toBe(false);
    expect(m('https://a.example.org.evil.com')).toBe(false);
    expect(m('https://evilexample.org')).toBe(false);
    expect(m('https://a.evilexample.org')).toBe(false);
  });

  it('does not match another scheme or another port', () => {
    expect(m('http://a.example.org')).toBe(false);
    expect(m('https://a.example.org:8443')).toBe(false);
    expect(originMatcher('https://*.example.org:8443')('https://a.example.org:8443')).toBe(true);
    expect(originMatcher('https://*.example.org:8443')('https://a.example.org')).toBe(false);
    expect(originMatcher('https://*.example.org:443')('https://a.example.org')).toBe(true);
  });

  it('does not match an origin that is itself a pattern, "null" or garbage', () => {
    expect(m('https://*.example.org')).toBe(false);
    expect(m('null')).toBe(false);
    expect(m('https://a.example.org/path')).toBe(false);
    expect(m('')).toBe(false);
  });

  it('does not match strings a browser never gives as an origin but an attacker may craft', () => {
    expect(m('https://evil.com/.example.org')).toBe(false);
    expect(m('https://evil.com?.example.org')).toBe(false);
    expect(m('https://evil.com#.example.org')).toBe(false);
    expect(m('https://user@a.example.org')).toBe(false);
    expect(m('https://evil.com@a.example.org')).toBe(false);
    expect(m('https://.example.org')).toBe(false);
    expect(m('https://a..example.org')).toBe(false);
    expect(m('https://a.example.org.')).toBe(false);
    expect(m(' https://a.example.org')).toBe(false);
    expect(m('https://a.example.org ')).toBe(false);
    expect(m('https://a b.example.org')).toBe(false);
  });

  it('works with named test hosts of the e2e suite', () => {
    const test = originMatcher('http://*.example.test:4102');
    expect(test('http://crm.example.test:4102')).toBe(true);
    expect(test('http://crm.example.test.evil.test:4102')).toBe(false);
    expect(test('http://evilexample.test:4102')).toBe(false);
    expect(test('http://crm.example.test:4103')).toBe(false);
  });

  it.each([['https://*.com'], ['https://*.localhost'], ['https://*.0.0.1'], ['https://*.[::1]'], ['https://*'], ['https://*.*.example.org'], ['https://a.*.example.org']])(
    'throws for the over-broad or malformed wildcard %j',
    (entry) => {
      expect(() => originMatcher(entry)).toThrow(TypeError);
    },
  );
});

describe('originsMatcher', () => {
  it('matches an origin any entry matches', () => {
    const m = originsMatcher(['https://crm.example.com', 'https://*.example.org']);
    expect(m('https://crm.example.com')).toBe(true);
    expect(m('https://x.example.org')).toBe(true);
    expect(m('https://other.example.com')).toBe(false);
  });

  it('splits a string on spaces and commas, as a data-allowed-origins attribute holds it', () => {
    const m = originsMatcher(' https://a.example ,https://*.b.example\n http://localhost:4102 ');
    expect(m('https://a.example')).toBe(true);
    expect(m('https://x.b.example')).toBe(true);
    expect(m('http://localhost:4102')).toBe(true);
    expect(m('http://localhost:4103')).toBe(false);
  });

  it('throws on an empty list, an empty string or a list holding "*"', () => {
    expect(() => originsMatcher([])).toThrow(/empty/);
    expect(() => originsMatcher(' , ')).toThrow(/empty/);
    expect(() => originsMatcher(['https://a.example', '*'])).toThrow(TypeError);
  });

  it('does not keep a reference to the caller array (a later push grants nothing)', () => {
    const list = ['https://a.example'];
    const m = originsMatcher(list);
    list.push('https://evil.example');
    expect(m('https://evil.example')).toBe(false);
  });
});
