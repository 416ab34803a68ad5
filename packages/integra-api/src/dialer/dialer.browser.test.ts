import { describe, expect, it } from 'vitest';
// real Chromium: the dialer part of the entry must work without Node (no Buffer, no node:)
import { DialerBaseBuilder, InvalidContactsError, UploadRun, createMemoryJournal, encodeUploadBody, hashPartBytes, partKey, toDialerCsv } from '@ucbridge/integra-api';

const SEED_LINE = 'DialerTest<-;098344484;var1=val1:var2=val2;099124484:099111111;9999;1001';

describe('dialer upload in a browser', () => {
  it("writes the seed's sample line and a body whose fileb64 decodes to its UTF-8 bytes", () => {
    const contact = { phone: '098344484', vars: { var1: 'val1', var2: 'val2' }, altPhones: ['099124484', '099111111'], priority: 9999, agentPhone: '1001' };
    expect(toDialerCsv('DialerTest<-', [contact])).toBe(SEED_LINE);

    const builder = new DialerBaseBuilder({ campaign: 'Cobranza<-', filename: 'acentos' });
    builder.add({ phone: '098447121', vars: { nombre: 'José Núñez €' }, altPhones: ['M=0=098447120'] });
    const part = builder.finish().parts[0]!;
    const form = new URLSearchParams(new TextDecoder().decode(encodeUploadBody(part, 'Cobranza<-', 'api')));
    expect([form.get('filename'), form.get('campaign'), form.get('cant'), form.get('username')]).toEqual(['acentos', 'Cobranza<-', '1', 'api']);
    const bytes = Uint8Array.from(atob(form.get('fileb64')!), (c) => c.charCodeAt(0));
    expect(new TextDecoder().decode(bytes)).toBe('Cobranza<-;098447121;nombre=José Núñez €;M=0=098447120;;');
  });

  it('encodes base64 without Buffer (the JS path) exactly as btoa, across chunk borders', () => {
    const bytes = new Uint8Array(100_001).map((_, i) => (i * 31 + (i >> 7)) & 255);
    const chunks = [bytes.subarray(0, 1), bytes.subarray(1, 50_000), bytes.subarray(50_000)];
    const body = new TextDecoder().decode(encodeUploadBody({ filename: 'f', cant: 1, bytes: bytes.length, chunks }, 'S', 'u'));
    const expected = btoa(String.fromCharCode(...bytes.subarray(0, 60_000)) + String.fromCharCode(...bytes.subarray(60_000)));
    expect(new URLSearchParams(body).get('fileb64')).toBe(expected);
  });

  it('throws INVALID_CONTACTS with every problem', () => {
    let error: unknown;
    try {
      toDialerCsv('S', [{ phone: 'abc' }, { phone: '098344484', priority: 0 }]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidContactsError);
    expect((error as InvalidContactsError).problems.map((p) => `${p.index}:${p.field}`)).toEqual(['0:phone', '1:priority']);
  });

  it('keys parts for the journal with Web Crypto, the same digest as Node, and plans against a journal', async () => {
    // SHA-256 of "abc" (FIPS 180-2 test vector)
    expect(await hashPartBytes([new TextEncoder().encode('a'), new TextEncoder().encode('bc')])).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const key = await partKey({ baseUrl: 'https://acme.ucontactcloud.com', campaign: 'S<-', filename: 'x', bytesHash: 'ba7816bf' });
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const journal = createMemoryJournal();
    await journal.record({ key, state: 'accepted', baseUrl: 'https://acme.ucontactcloud.com', campaign: 'S<-', filename: 'x', cant: 1, at: new Date().toISOString() });
    const run = new UploadRun({ journal, baseUrl: 'https://acme.ucontactcloud.com', campaign: 'S<-', filename: 'x' });
    await run.plan([{ filename: 'x', cant: 1, bytes: 3, key }]);
    expect(run.shouldSend(0)).toBe(false);
    expect(run.report().accepted).toEqual([{ filename: 'x', cant: 1, bytes: 3, earlier: true }]);
  });
});
