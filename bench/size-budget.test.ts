// Size budget of the script-tag builds (issue 7): sizes only, never timings.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BUDGETS } from './budgets.mjs';

const root = join(import.meta.dirname, '..');
const FILES = {
  client: join(root, 'packages/iframe-client/dist/iframe-client.iife.js'),
  host: join(root, 'packages/host-bridge/dist/host-bridge.iife.js'),
} as const;

function gzipBytes(file: string): number {
  if (!existsSync(file)) throw new Error(`${file} is missing: run pnpm run build`);
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

describe('size budget (min + gzip -9)', () => {
  it.each(['client', 'host'] as const)('keeps the %s budget to what the build reaches, rounded up to 100 B', (side) => {
    // a budget far above the build would let bytes creep back unnoticed
    const size = gzipBytes(FILES[side]);
    expect(BUDGETS[side] % 100).toBe(0);
    expect(BUDGETS[side] - size, `lower BUDGETS.${side} in bench/budgets.mjs to ${Math.ceil(size / 100) * 100}`).toBeLessThan(100);
  });

  it.each(['client', 'host'] as const)('the %s IIFE fits its budget', (side) => {
    const size = gzipBytes(FILES[side]);
    expect(size, `${FILES[side]} is ${size} B gzip, budget ${BUDGETS[side]} B (bench/budgets.mjs)`).toBeLessThanOrEqual(BUDGETS[side]);
  });
});
