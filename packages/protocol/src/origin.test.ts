import { getPublicSuffix } from 'tldts';
import { describe, expect, it } from 'vitest';
import { originMatcher, originsMatcher, SHARED_DOMAINS, sharedSuffix } from './origin.js';

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

  it('says why a wildcard over a whole top level is refused: it covers every site under it', () => {
    expect(() => originMatcher('https://*.com')).toThrow(/^ucbridge INVALID_OPTION: "https:\/\/\*\.com" covers every site under \.com: list exact origins$/);
    expect(() => originMatcher('https://*.uy:8443')).toThrow(/covers every site under \.uy/);
  });
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

describe('sharedSuffix: patterns over a domain many owners share', () => {
  it.each([
    // a top level, and a country's second level: the base itself is the public suffix
    ['https://*.com', 'com'],
    ['https://*.uy', 'uy'],
    ['https://*.co.uk', 'co.uk'],
    ['https://*.org.uk', 'org.uk'],
    ['https://*.ac.uk', 'ac.uk'],
    ['https://*.com.ar', 'com.ar'],
    ['https://*.com.br', 'com.br'],
    ['https://*.com.uy', 'com.uy'],
    ['https://*.com.mx', 'com.mx'],
    ['https://*.gob.mx', 'gob.mx'],
    ['https://*.net.au', 'net.au'],
    ['https://*.co.jp', 'co.jp'],
    ['https://*.ne.jp', 'ne.jp'],
    ['https://*.edu.co', 'edu.co'],
    ['https://*.co.nz', 'co.nz'],
    ['https://*.org.za', 'org.za'],
    // hosting platforms
    ['https://*.github.io', 'github.io'],
    ['https://*.gitlab.io', 'gitlab.io'],
    ['https://*.herokuapp.com', 'herokuapp.com'],
    ['https://*.vercel.app', 'vercel.app'],
    ['https://*.netlify.app', 'netlify.app'],
    ['https://*.pages.dev', 'pages.dev'],
    ['https://*.workers.dev', 'workers.dev'],
    ['https://*.web.app', 'web.app'],
    ['https://*.firebaseapp.com', 'firebaseapp.com'],
    ['https://*.appspot.com', 'appspot.com'],
    ['https://*.azurewebsites.net', 'azurewebsites.net'],
    ['https://*.cloudfront.net', 'cloudfront.net'],
    ['https://*.amazonaws.com', 'amazonaws.com'],
    ['https://*.blogspot.com', 'blogspot.com'],
    ['https://*.ngrok-free.app', 'ngrok-free.app'],
    ['https://*.onrender.com', 'onrender.com'],
    // a shared level under a platform: the platform's domain is named
    ['https://*.s3.amazonaws.com', 'amazonaws.com'],
    ['https://*.us-east-1.elasticbeanstalk.amazonaws.com', 'amazonaws.com'],
    ['https://*.blob.core.windows.net', 'windows.net'],
    ['https://*.r.appspot.com', 'appspot.com'],
    // tenant platforms: the platform's own, CRMs, help desks
    ['https://*.ucontactcloud.com', 'ucontactcloud.com'],
    ['https://*.my.salesforce.com', 'salesforce.com'],
    ['https://*.salesforce.com', 'salesforce.com'],
    ['https://*.lightning.force.com', 'force.com'],
    ['https://*.my.site.com', 'site.com'],
    ['https://*.zendesk.com', 'zendesk.com'],
    ['https://*.freshdesk.com', 'freshdesk.com'],
    ['https://*.crm.dynamics.com', 'dynamics.com'],
    ['https://*.atlassian.net', 'atlassian.net'],
    // however it is written
    ['https://*.GitHub.IO', 'github.io'],
    ['https://*.github.io:8443', 'github.io'],
    ['http://*.vercel.app', 'vercel.app'],
    ['https://*.Co.UK/', 'co.uk'],
  ])('%s reaches into %s', (pattern, suffix) => {
    expect(sharedSuffix(pattern)).toBe(suffix);
  });

  it.each([
    // a company's own domain, under a gTLD or a country's second level
    ['https://*.example.org'],
    ['https://*.example.com'],
    ['https://*.acme.com.ar'],
    ['https://*.acme.co.uk'],
    ['https://*.acme.com.uy'],
    ['https://*.crm.acme.com.br'],
    ['https://*.acme.uy'],
    ['https://*.acme.io'],
    ['http://*.example.test:4102'],
    // names that only look like a shared one
    ['https://*.notgithub.io'],
    ['https://*.github.io.example.com'],
    ['https://*.vercel.app.acme.com'],
    ['https://*.co.uk.acme.com'],
    ['https://*.comm.ar'],
    ['https://*.uk.co.acme.org'],
    // exact origins are not patterns, even on a shared domain
    ['https://acme.github.io'],
    ['https://acme.ucontactcloud.com'],
    ['https://co.uk'],
    // not origins at all (originMatcher says why)
    ['*'],
    ['not a url'],
  ])('%s is not shared', (pattern) => {
    expect(sharedSuffix(pattern)).toBeUndefined();
  });

  // the Public Suffix List (tldts' copy, a dev dependency) is the source: these tests keep the rule honest to it
  const isPublicSuffix = (domain: string) => getPublicSuffix('name.' + domain, { allowPrivateDomains: true }) == domain;
  // the tenant platforms the list leaves out on purpose (their vendor owns the domain), and where the
  // list holds only deeper names
  const TENANTS = ['wordpress.com', 'ucontactcloud.com', 'salesforce.com', 'force.com', 'site.com', 'visualforce.com', 'zendesk.com', 'freshdesk.com', 'freshservice.com', 'myfreshworks.com', 'dynamics.com', 'sharepoint.com', 'atlassian.net', 'service-now.com'];
  const DEEPER: Record<string, string> = { 'amazonaws.com': 's3.amazonaws.com', 'windows.net': 'blob.core.windows.net', 'on.aws': 'lambda-url.us-east-1.on.aws', 'run.app': 'a.run.app' };

  it('each shared hosting domain is a public suffix, or holds one, in the Public Suffix List; the tenant platforms are ours', () => {
    for (const domain of SHARED_DOMAINS) {
      if (TENANTS.includes(domain)) expect(isPublicSuffix(domain), domain).toBe(false);
      else expect(isPublicSuffix(DEEPER[domain] ?? domain), domain).toBe(true);
    }
    expect(SHARED_DOMAINS).toEqual(expect.arrayContaining(TENANTS));
  });

  it('agrees with the Public Suffix List on every country second level above and on the companies under them', () => {
    for (const domain of ['co.uk', 'org.uk', 'ac.uk', 'com.ar', 'com.br', 'com.uy', 'com.mx', 'gob.mx', 'net.au', 'co.jp', 'ne.jp', 'edu.co', 'co.nz', 'org.za', 'gov.br', 'org.ar', 'co.in', 'com.es']) {
      expect(isPublicSuffix(domain), domain).toBe(true);
      expect(sharedSuffix(`https://*.${domain}`), domain).toBe(domain);
      expect(isPublicSuffix('acme.' + domain), domain).toBe(false);
      expect(sharedSuffix(`https://*.acme.${domain}`), domain).toBeUndefined();
    }
  });

  it('knows its limits, as documented: a rarer country second level passes, a company named like one is refused', () => {
    // not covered: public suffixes outside the compact rule
    for (const domain of ['tokyo.jp', 'adm.br', 'k12.ca.us']) {
      expect(isPublicSuffix(domain), domain).toBe(true);
      expect(sharedSuffix(`https://*.${domain}`), domain).toBeUndefined();
    }
    // over-refused: one owner's domain that looks like a country second level, and one tenant's own subtree
    expect(isPublicSuffix('web.de')).toBe(false);
    expect(sharedSuffix('https://*.web.de')).toBe('web.de');
    expect(isPublicSuffix('acme.github.io')).toBe(false);
    expect(sharedSuffix('https://*.acme.github.io')).toBe('github.io');
  });
});
