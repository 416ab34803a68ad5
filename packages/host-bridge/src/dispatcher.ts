import { checkRequest, isBridgeError, type Disposition } from '@ucbridge/protocol';
import { reasonText, fail } from './fail.js';
import { createCurrentCall, type CurrentCall } from './current-call.js';
import { closeActiveTab, dispositionCall } from './platform.js';
import { checkOwnActionName, formFunctionHandlers } from './platform-functions.js';
import type { ActionHandler, HostBridgeOptions, RequestContext } from './types.js';

/** Runs one action: resolves with its result, rejects with a `BridgeError`, never throws. */
export type RunAction = (action: string, arg: unknown, ctx: RequestContext) => Promise<unknown>;

/**
 * The action table of one bridge: the names offered in `WELCOME`, and `run`, which rejects with
 * `UNKNOWN_ACTION`, `PLATFORM_TIMEOUT` after `platformTimeoutMs`, the code of a thrown `BridgeError`,
 * else `HANDLER_ERROR` (the thrown error's message). Throws a `TypeError` for an action name a client
 * could not call (see `checkRequest`) or one that shadows a built-in; `current` is the form's call, for the
 * lock (`WRONG_CALL`).
 */
export function createDispatcher(options: HostBridgeOptions, win: Window, current: CurrentCall = createCurrentCall(options, win)): [names: string[], run: RunAction] {
  const { closeTab = () => closeActiveTab(win), dispositionCall: dispose = (d: Disposition) => dispositionCall(win, d) } = options.handlers ?? {};
  // a Map, not the options object: `constructor` or `__proto__` must never reach a handler
  const table = new Map<string, ActionHandler>([
    ['CLOSE_TAB', (_, ctx) => closeTab(ctx)],
    // call context hook (issue 12): a disposition for another call is refused WRONG_CALL before the platform
    ['DISPOSITION_CALL', (d, ctx) => (current.lock('disposition', (d as Disposition).guid, (d as Disposition).campaign), dispose(d as Disposition, ctx))],
    // the platform's other form functions the form opted in to (platform-functions.ts)
    ...formFunctionHandlers(options, win, current),
  ]);
  for (const [name, handler] of Object.entries(options.actions ?? {})) {
    checkOwnActionName(name); // never a SQL runner, never a form function's wire name
    if (table.has(name) || !checkRequest({ id: '1', action: name }).ok) throw new TypeError('ucbridge: bad action name ' + name);
    table.set(name, handler);
  }
  const timeoutMs = options.platformTimeoutMs ?? 30_000;

  const toBridgeError = (action: string, error: unknown) => (isBridgeError(error) ? error : fail('HANDLER_ERROR', `${action} failed: ${reasonText(error)}`));

  // Most handlers answer synchronously (the platform's UC_ functions return at once): they get one
  // already-settled promise and no timer, so the session's reply waits a single microtask, not a chain.
  const run: RunAction = (action, arg, ctx) => {
    const handler = table.get(action);
    if (!handler) return Promise.reject(fail('UNKNOWN_ACTION', 'no action ' + action, 'action'));
    let result: unknown;
    let pending: boolean;
    try {
      // called synchronously, inside the message event, as the documented listener does
      result = handler(arg, ctx);
      // inside the try: a hostile `then` getter must not make run throw
      pending = typeof (result as PromiseLike<unknown> | undefined)?.then === 'function';
    } catch (error) {
      return Promise.reject(toBridgeError(action, error));
    }
    // only a pending answer can time out: a plain value costs no timer on the hot path
    if (!pending) return Promise.resolve(result);
    return new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => reject(fail('PLATFORM_TIMEOUT', action + ' timed out')), timeoutMs);
      Promise.resolve(result)
        .then(resolve, (error: unknown) => reject(toBridgeError(action, error)))
        .finally(() => clearTimeout(timer));
    });
  };
  return [[...table.keys()], run];
}
