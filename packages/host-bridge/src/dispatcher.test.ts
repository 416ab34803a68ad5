import { BridgeError, type Disposition } from '@ucbridge/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDispatcher } from './dispatcher.js';
import { rememberDispositions } from './dispositions.js';
import type { HostBridgeOptions, RequestContext } from './types.js';

const d: Disposition = { campaign: 'Sales<-', callerid: '099123456', guid: 'g-1', l1: 'Sold', l2: 'Card', l3: 'Visa', d1: 'x', d2: 'y', comment: 'c', schedule: '2026-12-01 09:30:00' };
const ctx = (action: string): RequestContext => ({ origin: 'https://crm.example.com', action, source: 'port' });

/** A form window: `UC_DispositionCall` is its global, `closeActiveTab` its parent's (the console). */
function formWindow(platform: { UC_DispositionCall?: unknown; closeActiveTab?: unknown } = {}) {
  const console = { closeActiveTab: platform.closeActiveTab };
  return { UC_DispositionCall: platform.UC_DispositionCall, parent: console } as unknown as Window;
}

function dispatcher(win: Window, options: Partial<HostBridgeOptions> = {}) {
  const platformTimeoutMs = options.platformTimeoutMs ?? 30_000;
  return createDispatcher({ allowedOrigins: 'https://crm.example.com', ...options }, win, { platformTimeoutMs, remember: rememberDispositions(win), warnTwice: () => {} });
}

/** The error a promise rejects with. */
async function rejection(promise: Promise<unknown>): Promise<BridgeError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: BridgeError) => error,
  );
}

afterEach(() => vi.useRealTimers());

describe('dispatcher: the platform defaults', () => {
  it('calls UC_DispositionCall with the ten fields in the platform order, then onSuccess and onError', async () => {
    const uc = vi.fn((...args: unknown[]) => (args[10] as (r: unknown) => void)('saved'));
    const [, run] = dispatcher(formWindow({ UC_DispositionCall: uc }));
    await expect(run('DISPOSITION_CALL', d, ctx('DISPOSITION_CALL'))).resolves.toBe('saved');
    expect(uc).toHaveBeenCalledOnce();
    const args = uc.mock.calls[0]!;
    expect(args.slice(0, 10)).toEqual(['Sales<-', '099123456', 'g-1', 'Sold', 'Card', 'Visa', 'x', 'y', 'c', '2026-12-01 09:30:00']);
    expect(args).toHaveLength(12);
    expect(typeof args[10]).toBe('function');
    expect(typeof args[11]).toBe('function');
  });

  it('rejects PLATFORM_ERROR with what the error callback says', async () => {
    const uc = (...args: unknown[]) => (args[11] as (e: unknown) => void)('campaign closed');
    const [, run] = dispatcher(formWindow({ UC_DispositionCall: uc }));
    const error = await rejection(run('DISPOSITION_CALL', d, ctx('DISPOSITION_CALL')));
    expect(error.code).toBe('PLATFORM_ERROR');
    expect(error.message).toContain('campaign closed');
  });

  it('keeps the first outcome when the platform calls back twice or both callbacks', async () => {
    const uc = (...args: unknown[]) => {
      (args[10] as (r: unknown) => void)('first');
      (args[11] as (e: unknown) => void)(new Error('late'));
      (args[10] as (r: unknown) => void)('second');
    };
    const [, run] = dispatcher(formWindow({ UC_DispositionCall: uc }));
    await expect(run('DISPOSITION_CALL', d, ctx('DISPOSITION_CALL'))).resolves.toBe('first');
  });

  it('rejects PLATFORM_MISSING when UC_DispositionCall is not there', async () => {
    const [, run] = dispatcher(formWindow());
    expect((await rejection(run('DISPOSITION_CALL', d, ctx('DISPOSITION_CALL')))).code).toBe('PLATFORM_MISSING');
  });

  it('calls parent.closeActiveTab() on the console, with the console as this', async () => {
    const closeActiveTab = vi.fn(function (this: unknown) {
      return this;
    });
    const win = formWindow({ closeActiveTab });
    const [, run] = dispatcher(win);
    await expect(run('CLOSE_TAB', undefined, ctx('CLOSE_TAB'))).resolves.toBe(win.parent);
    expect(closeActiveTab).toHaveBeenCalledOnce();
  });

  it('rejects PLATFORM_MISSING when the parent has no closeActiveTab or cannot be read (cross-origin parent)', async () => {
    const [, run] = dispatcher(formWindow());
    expect((await rejection(run('CLOSE_TAB', undefined, ctx('CLOSE_TAB')))).code).toBe('PLATFORM_MISSING');
    const crossOrigin = {
      get parent() {
        return new Proxy({}, { get: () => { throw new DOMException('Blocked a frame', 'SecurityError'); } });
      },
    } as unknown as Window;
    const [, run2] = dispatcher(crossOrigin);
    expect((await rejection(run2('CLOSE_TAB', undefined, ctx('CLOSE_TAB')))).code).toBe('PLATFORM_MISSING');
  });

  it('rejects PLATFORM_TIMEOUT when the platform never calls back, and ignores a late callback', async () => {
    // Date too: one timer serves every pending action, and it reads the clock to find what is due
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    let success: (r: unknown) => void = () => {};
    const uc = (...args: unknown[]) => void (success = args[10] as (r: unknown) => void);
    const [, run] = dispatcher(formWindow({ UC_DispositionCall: uc }), { platformTimeoutMs: 5000 });
    const outcome = rejection(run('DISPOSITION_CALL', d, ctx('DISPOSITION_CALL')));
    await vi.advanceTimersByTimeAsync(5000);
    success('too late');
    const error = await outcome;
    expect(error.code).toBe('PLATFORM_TIMEOUT');
    expect(error.message).toContain('DISPOSITION_CALL');
  });
});

describe('dispatcher: handlers and extra actions', () => {
  it('lists the built-ins, then the extra actions', () => {
    const [names] = dispatcher(formWindow(), { actions: { saveNote: () => 1, 'crm.lookup': () => 2 } });
    expect(names).toEqual(['CLOSE_TAB', 'DISPOSITION_CALL', 'saveNote', 'crm.lookup']);
  });

  it('uses the overriding handlers instead of the platform, with the context', async () => {
    const closeTab = vi.fn(() => 'closed by form');
    const dispositionCall = vi.fn(async (x: Disposition) => x.guid);
    const [, run] = dispatcher(formWindow(), { handlers: { closeTab, dispositionCall } });
    await expect(run('CLOSE_TAB', undefined, ctx('CLOSE_TAB'))).resolves.toBe('closed by form');
    await expect(run('DISPOSITION_CALL', d, ctx('DISPOSITION_CALL'))).resolves.toBe('g-1');
    expect(closeTab).toHaveBeenCalledWith(ctx('CLOSE_TAB'));
    expect(dispositionCall).toHaveBeenCalledWith(d, ctx('DISPOSITION_CALL'));
  });

  it('runs an extra action with its params', async () => {
    const saveNote = vi.fn((params: unknown) => ({ saved: params }));
    const [, run] = dispatcher(formWindow(), { actions: { saveNote } });
    await expect(run('saveNote', { text: 'hi' }, ctx('saveNote'))).resolves.toEqual({ saved: { text: 'hi' } });
    expect(saveNote).toHaveBeenCalledWith({ text: 'hi' }, ctx('saveNote'));
  });

  it.each(['nope', 'constructor', 'toString', 'hasOwnProperty'])('rejects UNKNOWN_ACTION for %s (no prototype lookups)', async (action) => {
    const [, run] = dispatcher(formWindow(), { actions: { saveNote: () => 1 } });
    const error = await rejection(run(action, undefined, ctx(action)));
    expect([error.code, error.field]).toEqual(['UNKNOWN_ACTION', 'action']);
  });

  it('turns a thrown error or a rejection into HANDLER_ERROR with its message', async () => {
    const [, run] = dispatcher(formWindow(), {
      actions: { boom: () => { throw new Error('db down'); }, sad: () => Promise.reject(new Error('no luck')), odd: () => { throw 42; } },
    });
    for (const [action, text] of [['boom', 'db down'], ['sad', 'no luck'], ['odd', '42']] as const) {
      const error = await rejection(run(action, undefined, ctx(action)));
      expect(error.code).toBe('HANDLER_ERROR');
      expect(error.message).toContain(text);
    }
  });

  it('keeps the code of a BridgeError a handler throws', async () => {
    const [, run] = dispatcher(formWindow(), { actions: { check: () => { throw new BridgeError('INVALID_ARGUMENT', 'note too long', 'params.text'); } } });
    const error = await rejection(run('check', undefined, ctx('check')));
    expect([error.code, error.field]).toEqual(['INVALID_ARGUMENT', 'params.text']);
  });

  it('rejects PLATFORM_TIMEOUT for a handler that never settles', async () => {
    // Date too: one timer serves every pending action, and it reads the clock to find what is due
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const [, run] = dispatcher(formWindow(), { platformTimeoutMs: 100, actions: { hang: () => new Promise(() => {}) } });
    const outcome = rejection(run('hang', undefined, ctx('hang')));
    await vi.advanceTimersByTimeAsync(100);
    expect((await outcome).code).toBe('PLATFORM_TIMEOUT');
  });

  it('one timer for every pending action: each times out at its own deadline, none early, a settled one never', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const answers: ((value: unknown) => void)[] = [];
    const [, run] = dispatcher(formWindow(), { platformTimeoutMs: 100, actions: { hang: () => new Promise(() => {}), answer: () => new Promise((resolve) => answers.push(resolve)) } });
    const early = Array.from({ length: 50 }, () => rejection(run('hang', undefined, ctx('hang'))));
    const answered = run('answer', undefined, ctx('answer'));
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(50);
    const late = rejection(run('hang', undefined, ctx('hang')));
    answers[0]!('ok');
    await expect(answered).resolves.toBe('ok');
    await vi.advanceTimersByTimeAsync(50);
    expect((await Promise.all(early)).map((error) => error.code)).toEqual(Array(50).fill('PLATFORM_TIMEOUT'));
    let lateSettled = false;
    void late.then(() => (lateSettled = true));
    await vi.advanceTimersByTimeAsync(49);
    expect(lateSettled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await late).code).toBe('PLATFORM_TIMEOUT');
  });

  it.each(['CLOSE_TAB', 'DISPOSITION_CALL', '', 'has space', '1abc', 'x'.repeat(65)])('throws a TypeError for the action name %j', (name) => {
    expect(() => dispatcher(formWindow(), { actions: { [name]: () => 1 } })).toThrow(TypeError);
  });
});
