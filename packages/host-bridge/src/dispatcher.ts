import { DISPOSITION_FIELDS, bridgeMessage, checkMilliseconds, checkRequest, isBridgeError, timerAt, type Disposition } from '@ucbridge/protocol';
import { rememberDispositions, type Remember } from './dispositions.js';
import { reasonText, fail } from './fail.js';
import { createCurrentCall, type CurrentCall } from './current-call.js';
import { closeActiveTab, dispositionCall } from './platform.js';
import { checkOwnActionName, formFunctionHandlers } from './platform-functions.js';
import type { ActionHandler, HostBridgeOptions, RequestContext } from './types.js';

/** Runs one action: resolves with its result, rejects with a `BridgeError`, never throws. */
export type RunAction = (action: string, arg: unknown, ctx: RequestContext) => Promise<unknown>;

/** What the dispatcher needs besides the options: the checked timeout, the memory, and where to warn. */
export interface DispatchSetup {
  platformTimeoutMs: number;
  remember: Remember;
  /** Called when a documented-shape disposition joined one made around the bridge (two listeners). */
  warnTwice: (guid: string) => void;
  /** The form's call, for the lock (`WRONG_CALL`) and the form functions. */
  current: CurrentCall;
}

/**
 * The action table of one bridge: the names offered in `WELCOME`, and `run`, which rejects with
 * `UNKNOWN_ACTION`, `PLATFORM_TIMEOUT` (outcome unknown) after `platformTimeoutMs`, the code of a
 * thrown `BridgeError`, else `HANDLER_ERROR` (outcome unknown: the handler may have acted before it
 * threw). `DISPOSITION_CALL` goes through the form page's disposition memory: the same disposition
 * again gets the first call's outcome and never reaches the platform twice; a disposition not seen
 * before is then checked against the form's current call (`WRONG_CALL`, not done). Throws a `TypeError`
 * for an action name a client could not call (see `checkRequest`) or one that shadows a built-in.
 * `setup` defaults: `platformTimeoutMs` from the options, a memory of its own, no warning, the
 * options' call.
 */
export function createDispatcher(options: HostBridgeOptions, win: Window, setup: Partial<DispatchSetup> = {}): [names: string[], run: RunAction] {
  const { closeTab = () => closeActiveTab(win), dispositionCall: dispose = (d: Disposition) => dispositionCall(win, d) } = options.handlers ?? {};
  const {
    platformTimeoutMs = checkMilliseconds('platformTimeoutMs', options.platformTimeoutMs, 30_000),
    remember = rememberDispositions(win),
    warnTwice = () => {},
    current = createCurrentCall(options, win),
  } = setup;
  // a Map, not the options object: `constructor` or `__proto__` must never reach a handler
  const table = new Map<string, ActionHandler>([
    ['CLOSE_TAB', (_, ctx) => closeTab(ctx)],
    [
      'DISPOSITION_CALL',
      (d, ctx) => {
        const disposition = d as Disposition;
        // the memory first: a retry of a disposition already sent gets its first outcome even after the
        // form moved to another call; only a new one meets the call context lock (WRONG_CALL, issue 12),
        // which refuses it before the platform (not done, so the memory forgets it)
        const start = () => settled(() => (current.lock('disposition', disposition.guid, disposition.campaign), dispose(disposition, ctx)));
        const [outcome, joined] = remember(DISPOSITION_FIELDS.map((key) => disposition[key]), start);
        if (joined && ctx.source == 'legacy') warnTwice(disposition.guid);
        return outcome;
      },
    ],
    // the platform's other form functions the form opted in to (platform-functions.ts)
    ...formFunctionHandlers(options, win, current),
  ]);
  for (const [name, handler] of Object.entries(options.actions ?? {})) {
    checkOwnActionName(name); // never a SQL runner, never a form function's wire name
    if (table.has(name) || !checkRequest({ id: '1', action: name }).ok) throw new TypeError(bridgeMessage('INVALID_OPTION', `bad action name ${name}: use [A-Za-z][\\w.-]*, not a built-in`));
    table.set(name, handler);
  }

  const toBridgeError = (action: string, error: unknown) =>
    isBridgeError(error) ? error : fail('HANDLER_ERROR', `${action} failed: ${reasonText(error)}`, undefined, 'unknown');

  /** A handler's answer as a promise; a synchronous throw becomes its rejection. */
  const settled = (call: () => unknown): Promise<unknown> => {
    try {
      return Promise.resolve(call());
    } catch (error) {
      return Promise.reject(error);
    }
  };

  // One timer for every pending action's platform deadline, not one per call: setting and clearing a
  // timer per call cost ≈ 5 µs of a call (a profile of the 10,000-call burst). Each waiting action's
  // deadline and expiry; the timer is armed for the earliest and, when it fires, expires what is due.
  const waiting = new Map<object, { deadline: number; expire: () => void }>();
  const [arm] = timerAt(() => {
    const now = Date.now();
    let next = Infinity;
    waiting.forEach((action, key) => (action.deadline <= now ? (waiting.delete(key), action.expire()) : (next = Math.min(next, action.deadline))));
    arm(next);
  });

  // Most handlers answer synchronously (closeActiveTab returns at once): they get one already-settled
  // promise and no timer, so the session's reply waits a single microtask, not a chain.
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
      const key = {};
      if (platformTimeoutMs < Infinity) {
        const deadline = Date.now() + platformTimeoutMs;
        waiting.set(key, { deadline, expire: () => reject(fail('PLATFORM_TIMEOUT', `${action} timed out: outcome unknown`, undefined, 'unknown')) });
        arm(deadline);
      }
      Promise.resolve(result)
        .then(resolve, (error: unknown) => reject(toBridgeError(action, error)))
        .finally(() => waiting.delete(key));
    });
  };
  return [[...table.keys()], run];
}
