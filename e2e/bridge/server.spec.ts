import { test } from '@playwright/test';
import { expect, A, B, C } from './helpers.js';

// The fixture server itself: every port serves the same files, the built IIFEs are there, nothing
// outside fixtures/ leaks. The other specs trust these.

test('/health answers on all three ports', async ({ request }) => {
  for (const origin of [A, B, C]) {
    const res = await request.get(`${origin}/health`);
    expect(res.status()).toBe(200);
    expect(await res.text()).toBe('ok');
  }
});

test('a fixture page is the same on every port and is not cached', async ({ request }) => {
  const bodies = [];
  for (const origin of [A, B, C]) {
    const res = await request.get(`${origin}/console.html`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers()['cache-control']).toBe('no-store');
    bodies.push(await res.text());
  }
  expect(new Set(bodies).size).toBe(1);
});

test('both script-tag builds are served as JavaScript and define their globals', async ({ request }) => {
  const host = await request.get(`${A}/dist/host-bridge.iife.js`);
  const client = await request.get(`${B}/dist/iframe-client.iife.js`);
  for (const res of [host, client]) {
    expect(res.status(), 'run `pnpm run build` first').toBe(200);
    expect(res.headers()['content-type']).toBe('text/javascript; charset=utf-8');
  }
  expect(await host.text()).toContain('UCBridge');
  expect(await client.text()).toContain('UCBridgeClient');
});

test('paths outside fixtures/ and unknown files are 404, other methods 405', async ({ request }) => {
  for (const path of ['/%2e%2e%2fserve.mjs', '/..%2fhelpers.ts', '/%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json', '/nope.html', '/%E0%A4%A']) {
    expect((await request.get(`${A}${path}`)).status(), path).toBe(404);
  }
  expect((await request.post(`${A}/health`)).status()).toBe(405);
});
