import { describe, expect, it } from 'vitest';
import { originMatcher, originsMatcher, sharedSuffix } from '@ucbridge/protocol';

// The same origin rules in real Chromium, where the bridge runs. Node and Chromium do not parse URLs
// alike (Chromium writes the `*` of `https://*.example.org` as `%2A`), so an implementation that
// leans on `new URL()` can pass in Node and refuse every wildcard in the browser.

describe('origin patterns in Chromium', () => {
  it('compiles wildcard entries, with and without a port', () => {
    expect(() => originMatcher('https://*.example.org')).not.toThrow();
    expect(() => originMatcher('http://*.example.test:4102')).not.toThrow();
    expect(() => originsMatcher('http://127.0.0.1:4102 http://*.example.test:4102, https://*.secure.test:4102')).not.toThrow();
  });

  it('matches subdomains and refuses lookalikes, schemes and ports', () => {
    const m = originMatcher('https://*.example.org');
    expect(m('https://a.example.org')).toBe(true);
    expect(m('https://a.b.example.org')).toBe(true);
    expect(m('https://example.org')).toBe(false);
    expect(m('https://example.org.evil.com')).toBe(false);
    expect(m('https://evilexample.org')).toBe(false);
    expect(m('http://a.example.org')).toBe(false);
    expect(m('https://a.example.org:8443')).toBe(false);
  });

  it('matches the page\'s own origin as the browser writes it', () => {
    expect(originMatcher(location.origin)(location.origin)).toBe(true);
    expect(originMatcher(location.origin.toUpperCase() + '/')(location.origin)).toBe(true);
  });

  it('still refuses "*", "null" and paths', () => {
    for (const entry of ['*', 'null', 'https://crm.example.com/path']) expect(() => originMatcher(entry)).toThrow(TypeError);
  });

  it('refuses over-broad or malformed wildcards: a top-level domain, an IP, a trailing dot, a second star', () => {
    for (const entry of ['https://*.com', 'https://*.localhost', 'https://*.0.0.1', 'https://*.1.2.3.4', 'https://*.[::1]', 'https://*.example.org.', 'https://*.*.example.org', 'https://a.*.example.org']) {
      expect(() => originMatcher(entry), entry).toThrow(TypeError);
    }
  });

  it('finds the shared domain of a pattern as Chromium parses it, and none in a company\'s own', () => {
    expect(sharedSuffix('https://*.github.io')).toBe('github.io');
    expect(sharedSuffix('https://*.co.uk:8443')).toBe('co.uk');
    expect(sharedSuffix('https://*.my.salesforce.com')).toBe('salesforce.com');
    expect(sharedSuffix('https://*.acme.com.ar')).toBeUndefined();
    expect(sharedSuffix('https://*.example.org')).toBeUndefined();
  });
});
