import { DISPOSITION_FIELDS, type Disposition } from '@ucbridge/protocol';
import { reasonText, fail } from './fail.js';
import type { PlatformWindow } from './types.js';

/**
 * `get()` as a function, or a `PLATFORM_MISSING` error naming it (exported for platform-functions.ts). A global of another window may
 * throw on access (a cross-origin parent: the form is not inside the console): that counts as absent.
 */
export function platform(get: () => unknown, name: string): (...args: unknown[]) => unknown {
  let fn: unknown;
  try {
    fn = get();
  } catch {
    // SecurityError
  }
  if (typeof fn !== 'function') throw fail('PLATFORM_MISSING', name + ' is missing');
  return fn as (...args: unknown[]) => unknown;
}

/** `parent.closeActiveTab()` of the form's window: the console owns the tabs, not the form. */
export function closeActiveTab(win: Window): unknown {
  const parent = win.parent as Window & PlatformWindow;
  return platform(() => parent.closeActiveTab, 'parent.closeActiveTab').call(parent);
}

/**
 * `UC_DispositionCall(campaign, callerid, guid, l1, l2, l3, d1, d2, comment, schedule, onSuccess, onError)`
 * as a promise: resolves with `onSuccess`'s first argument, rejects `PLATFORM_ERROR` from `onError`
 * (its message: the callback's string, or its argument's `message`). A second or late callback is
 * ignored: a promise settles once.
 */
export function dispositionCall(win: Window, d: Disposition): Promise<unknown> {
  const fn = platform(() => (win as Window & PlatformWindow).UC_DispositionCall, 'UC_DispositionCall');
  return new Promise((resolve, reject) => {
    fn.call(win, ...DISPOSITION_FIELDS.map((key) => d[key]), resolve, (reason: unknown) =>
      reject(fail('PLATFORM_ERROR', 'UC_DispositionCall failed: ' + reasonText(reason))),
    );
  });
}
