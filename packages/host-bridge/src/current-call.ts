import { bridgeMessage, checkCallContext, type CallContext } from '@ucbridge/protocol';
import { readCti, type CtiWindow } from './cti.js';
import { fail } from './fail.js';
import type { HostBridgeOptions } from './types.js';

/** The form's current call, as one bridge knows it. */
export interface CurrentCall {
  /** True when the form shares a call context (the `callContext` option is set). */
  readonly shared: boolean;
  /** The call now, or `undefined` (no call, or the form shares none). */
  get(): CallContext | undefined;
  /**
   * Reads the source again (`CTI`, or the form's function) — unless the form took over with `set` —
   * and returns true when the call changed. The bridge does it on every HELLO: a form whose `CTI` is
   * written after the bridge starts still hands the right call to the next CRM page.
   */
  refresh(): boolean;
  /** The form says which call it is on (`bridge.setCallContext`); returns true when it changed. Throws a `TypeError` for a bad context. */
  set(context: CallContext | undefined): boolean;
  /**
   * The lock: throws `WRONG_CALL` when the form shares its call, the lock is on, and `guid` (or, when
   * given, `campaign`) is not the current call's — or there is no current call. `path` names the field
   * (`disposition`, `params`). The message never tells the current call: the sender may not receive it.
   */
  lock(path: string, guid: string, campaign?: string): void;
}

const same = (a: CallContext | undefined, b: CallContext | undefined) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The current call of a bridge, from `options.callContext`: `'cti'` reads the form's `CTI` global and
 * `Agent.accountcode` (see cti.ts), a function returns the context or `undefined`. A source that gives no
 * call (missing, not JSON, no Guid, a function that throws or returns a bad context) means "no call"
 * and is reported once per reason with `console.warn`, never thrown.
 */
export function createCurrentCall(options: HostBridgeOptions, win: Window): CurrentCall {
  const source = options.callContext;
  if (source !== undefined && source !== 'cti' && typeof source !== 'function') throw new TypeError(bridgeMessage('INVALID_OPTION', "callContext must be 'cti' or a function that returns the call"));
  const shared = source !== undefined;
  const locked = shared && options.lockToCall !== false;
  const reported = new Set<string>();
  let takenOver = false;
  let current: CallContext | undefined;

  const read = (): CallContext | undefined => {
    if (!shared) return undefined;
    let problem: string | undefined;
    let context: CallContext | undefined;
    if (source === 'cti') ({ context, problem } = readCti(win as Window & CtiWindow));
    else {
      try {
        const given = source!();
        const checked = given === undefined ? undefined : checkCallContext(given, 'callContext()');
        if (checked && !checked.ok) problem = checked.message;
        else context = checked?.value;
      } catch (error) {
        problem = `callContext() threw: ${(error as Error)?.message ?? error}`;
      }
    }
    if (problem && !reported.has(problem)) {
      reported.add(problem);
      console.warn(bridgeMessage('NO_CALL_CONTEXT', `${problem}: no call context`));
    }
    return context;
  };

  const change = (next: CallContext | undefined) => {
    const changed = !same(current, next);
    current = next;
    return changed;
  };

  current = read();
  return {
    shared,
    get: () => current,
    refresh: () => !takenOver && change(read()),
    set(context) {
      if (!shared) throw new TypeError(bridgeMessage('INVALID_OPTION', 'setCallContext needs the callContext option (the form shares no call)'));
      const checked = context === undefined ? undefined : checkCallContext(context, 'setCallContext()');
      if (checked && !checked.ok) throw new TypeError(bridgeMessage('INVALID_ARGUMENT', checked.message));
      takenOver = true;
      return change(checked?.value);
    },
    lock(path, guid, campaign) {
      if (!locked) return;
      if (!current) throw fail('WRONG_CALL', `the form is on no call: ${path} refused`, path + '.guid');
      const field = guid !== current.guid ? 'guid' : campaign !== undefined && campaign !== current.campaign ? 'campaign' : '';
      if (field) throw fail('WRONG_CALL', `${path}.${field} is not the form's current call`, `${path}.${field}`);
    },
  };
}
