import { bridgeMessage, checkFormFunction, FORM_FUNCTIONS, type FormFunction, type FormFunctionAction } from '@ucbridge/protocol';
import type { CurrentCall } from './current-call.js';
import { fail } from './fail.js';
import { platform } from './platform.js';
import type { ActionHandler, HostBridgeOptions } from './types.js';

/**
 * Platform functions that run SQL on the platform's database (reference/ucontact-facts.md: `UC_get_async(sql,
 * dsn)`, `UC_exec(sql)`, `UC_Save_async(obj, table, dsn)`). No name of theirs may ever be offered to a
 * framed page — not in `platformFunctions`, not as an action of the form's own. Compared without case.
 */
export const SQL_FUNCTIONS: readonly string[] = ['UC_get_async', 'UC_get', 'UC_exec', 'UC_exec_async', 'UC_Save_async', 'UC_Save'];

const RESERVED: readonly string[] = Object.values(FORM_FUNCTIONS);

/** Throws a `TypeError` when `name` is one of the SQL runners above. */
function refuseSql(name: unknown): void {
  if (SQL_FUNCTIONS.some((sql) => sql.toLowerCase() === String(name).toLowerCase())) {
    throw new TypeError(bridgeMessage('INVALID_OPTION', `${name} runs SQL on the platform's database: it can never be offered to a framed page`));
  }
}

/**
 * Throws a `TypeError` when the form's own action `name` is a platform function that runs SQL, or takes
 * the wire name of a form function (`MAKE_CALL`…: list `makeCall` in `platformFunctions` instead).
 */
export function checkOwnActionName(name: string): void {
  refuseSql(name);
  if (RESERVED.includes(name)) throw new TypeError(bridgeMessage('INVALID_OPTION', `${name} is the action of a form function: list it in platformFunctions instead`));
}

/** The platform call behind each function, its checked parameters in the platform's order. */
const CALLS: Record<Exclude<FormFunctionAction, 'HANG_UP'>, [global: string, args: (p: Record<string, string>) => string[]]> = {
  CLOSE_FORM: ['UC_closeForm', () => []],
  TAG_RECORD: ['UC_TagRecord', (p) => [p.guid!, [p.l1, p.l2, p.l3].join('|')]],
  MAKE_CALL: ['UC_makeCall_async', (p) => [p.campaign!, p.callerid!, p.destination!]],
  NOTIFY: ['notification', (p) => [p.title!, p.message!, p.icon!, p.type!]],
};

/**
 * The handlers of the form functions this form offers, as `[action, handler]` in `FORM_FUNCTIONS` order:
 * those named in `options.platformFunctions`, and `HANG_UP` when `handlers.hangUp` is given (no documented
 * platform function hangs up). Each handler checks its parameters first (`INVALID_ARGUMENT`, nothing
 * called), `TAG_RECORD` is locked to the current call (`WRONG_CALL`), then it calls the platform
 * function on the form's window (`PLATFORM_MISSING` when absent) and answers with what it returns.
 * Throws a `TypeError` for a name that is not a form function (a SQL one above all) and for `hangUp`
 * without its handler.
 */
export function formFunctionHandlers(options: HostBridgeOptions, win: Window, current: CurrentCall): [FormFunctionAction, ActionHandler][] {
  const listed = options.platformFunctions ?? [];
  if (!Array.isArray(listed)) throw new TypeError(bridgeMessage('INVALID_OPTION', 'platformFunctions must be a list of names'));
  for (const name of listed as unknown[]) {
    refuseSql(name);
    if (!Object.hasOwn(FORM_FUNCTIONS, name as string)) throw new TypeError(bridgeMessage('INVALID_OPTION', `${String(name)} is not a form function (${Object.keys(FORM_FUNCTIONS).join(', ')})`));
  }
  const hangUp = options.handlers?.hangUp;
  if (listed.includes('hangUp') && !hangUp) throw new TypeError(bridgeMessage('INVALID_OPTION', 'hangUp has no documented platform function: give handlers.hangUp to offer it'));

  const handlers: [FormFunctionAction, ActionHandler][] = [];
  for (const name of Object.keys(FORM_FUNCTIONS) as FormFunction[]) {
    const action = FORM_FUNCTIONS[name];
    if (action === 'HANG_UP') {
      if (hangUp) handlers.push([action, (params, ctx) => (check(action, params), hangUp(ctx))]);
    } else if (listed.includes(name)) {
      const [global, args] = CALLS[action];
      handlers.push([
        action,
        (params) => {
          const checked = check(action, params);
          if (action === 'TAG_RECORD') current.lock('params', checked.guid!);
          const fn = platform(() => (win as unknown as Record<string, unknown>)[global], global);
          return fn.apply(win, args(checked));
        },
      ]);
    }
  }
  return handlers;
}

/** The checked parameters, or an `INVALID_ARGUMENT` error naming the field. */
function check(action: FormFunctionAction, params: unknown): Record<string, string> {
  const checked = checkFormFunction(action, params);
  if (!checked.ok) throw fail('INVALID_ARGUMENT', checked.message, checked.field);
  return checked.value;
}
