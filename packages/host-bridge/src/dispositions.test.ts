import { describe, expect, it, vi } from 'vitest';
import { rememberDispositions } from './dispositions.js';

const fields = (callerid: unknown, l2: unknown = '') => ['Ventas->', callerid, 'guid-1', 'Venta', l2, '', '', '', '', ''];

describe('the disposition memory: what counts as the same disposition', () => {
  it('two calls around the bridge that differ only in a number (callerid 59899111222 vs 59899333444) are two dispositions', async () => {
    const remember = rememberDispositions({});
    let started = 0;
    const start = () => (started++, Promise.resolve('ok'));
    const [, firstJoined] = remember(fields(59899111222), start);
    const [, secondJoined] = remember(fields(59899333444), start);
    expect([firstJoined, secondJoined, started]).toEqual([false, false, 2]);
  });

  it('the same value as a number and as its string is the same disposition (the platform receives the same text)', () => {
    const remember = rememberDispositions({});
    let started = 0;
    const start = () => (started++, Promise.resolve('ok'));
    remember(fields(59899111222), start);
    const [, joined] = remember(fields('59899111222'), start);
    expect([joined, started]).toEqual([true, 1]);
  });
});

describe('the disposition memory: its limit', () => {
  it('never forgets a disposition still pending: 256 others after it, its retry still joins it (one platform call)', () => {
    const remember = rememberDispositions({});
    let started = 0;
    const pending = () => (started++, new Promise<unknown>(() => {}));
    remember(fields('099111222'), pending);
    for (let i = 0; i < 256; i++) remember(fields('099111222', 'correction ' + i), () => Promise.resolve('ok'));
    const [, joined] = remember(fields('099111222'), pending);
    expect([joined, started]).toEqual([true, 1]);
  });
});

describe('the disposition memory: one per form window, whatever copy of the library', () => {
  it('a second copy of host-bridge on the same form (the script tag and a bundled copy) joins the first copy\'s pending disposition', async () => {
    const win = {};
    const first = rememberDispositions(win);
    vi.resetModules();
    const copy: typeof import('./dispositions.js') = await import('./dispositions.js');
    expect(copy.rememberDispositions).not.toBe(rememberDispositions); // really another copy of the module
    let started = 0;
    const pending = () => (started++, new Promise<unknown>(() => {}));
    first(fields('099111222'), pending);
    const [, joined] = copy.rememberDispositions(win)(fields('099111222'), pending);
    expect([joined, started]).toEqual([true, 1]);
  });
});
