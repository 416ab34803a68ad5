import { DISPOSITION_FIELDS, type Disposition } from '@ucbridge/protocol';
import type { Remember } from './dispositions.js';
import { reasonText, fail } from './fail.js';
import type { PlatformWindow } from './types.js';

type PlatformFunction = ((...args: unknown[]) => unknown) & { ucbridgeOriginal?: PlatformFunction };

/**
 * `get()` as a function, or a `PLATFORM_MISSING` error naming it (exported for platform-functions.ts). A global of another window may
 * throw on access (a cross-origin parent: the form is not inside the console): that counts as absent.
 */
export function platform(get: () => unknown, name: string): PlatformFunction {
  let fn: unknown;
  try {
    fn = get();
  } catch {
    // SecurityError
  }
  if (typeof fn !== 'function') throw fail('PLATFORM_MISSING', name + ' is missing');
  return fn as PlatformFunction;
}

/** `parent.closeActiveTab()` of the form's window: the console owns the tabs, not the form. */
export function closeActiveTab(win: Window): unknown {
  const parent = win.parent as Window & PlatformWindow;
  return platform(() => parent.closeActiveTab, 'parent.closeActiveTab').call(parent);
}

/**
 * Calls the platform's `fn(…ten fields, onSuccess, onError)` as a promise: resolves with `onSuccess`'s
 * first argument, rejects `PLATFORM_ERROR` (not done: the platform said no) from `onError`, and a
 * throw as `HANDLER_ERROR` whose outcome is unknown (it may have thrown after sending). A second or
 * late callback is ignored: a promise settles once. `tee` also receives both callbacks' calls.
 */
function callPlatform(win: Window, fn: PlatformFunction, args: readonly unknown[], tee?: readonly unknown[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const [onSuccess, onError] = (tee ?? []).map((callback) => (typeof callback == 'function' ? callback : undefined));
    try {
      fn.call(
        win,
        ...args,
        (value: unknown) => {
          resolve(value);
          onSuccess?.(value);
        },
        (reason: unknown) => {
          reject(fail('PLATFORM_ERROR', 'UC_DispositionCall failed: ' + reasonText(reason)));
          onError?.(reason);
        },
      );
    } catch (error) {
      reject(fail('HANDLER_ERROR', 'UC_DispositionCall threw: ' + reasonText(error), undefined, 'unknown'));
    }
  });
}

/**
 * `UC_DispositionCall(campaign, callerid, guid, l1, l2, l3, d1, d2, comment, schedule, onSuccess, onError)`
 * as a promise (see {@link callPlatform}). Calls the platform's own function, behind the guard below.
 */
export function dispositionCall(win: Window, d: Disposition): Promise<unknown> {
  const fn = platform(() => (win as Window & PlatformWindow).UC_DispositionCall, 'UC_DispositionCall');
  return callPlatform(win, fn.ucbridgeOriginal ?? fn, DISPOSITION_FIELDS.map((key) => d[key]));
}

/**
 * Puts the page's `UC_DispositionCall` behind the disposition memory, so a call made around the
 * bridge — the platform's documented listener left beside a bridge with `legacy` on, or the form's
 * own code — that repeats a disposition already sent (or sending) does not reach the platform again:
 * its callbacks get the first call's outcome, and `warn` says which listener to remove. The first
 * such call is remembered too, so the bridge's own call after it joins it. Installed once per window;
 * does nothing when the function is not there yet (it is defined by the console before the form runs).
 */
export function guardDispositionCall(win: Window, remember: Remember, warn: (guid: string) => void): void {
  const holder = win as Window & PlatformWindow;
  let fn: PlatformFunction | undefined;
  try {
    fn = holder.UC_DispositionCall as PlatformFunction | undefined;
  } catch {}
  if (typeof fn != 'function' || fn.ucbridgeOriginal) return;
  const original = fn;
  const guarded: PlatformFunction = function (...args: unknown[]) {
    const fields = args.slice(0, 10);
    const callbacks = args.slice(10, 12);
    const [outcome, joined] = remember(fields, () => callPlatform(win, original, fields, callbacks));
    if (!joined) return void outcome.catch(() => {});
    // a joined caller hears the first call's outcome through its own callbacks
    warn(String(fields[2]));
    const [onSuccess, onError] = callbacks;
    outcome.then(
      (value) => typeof onSuccess == 'function' && onSuccess(value),
      (error: Error) => typeof onError == 'function' && onError(error.message),
    );
  };
  guarded.ucbridgeOriginal = original;
  holder.UC_DispositionCall = guarded;
}
