/**
 * The platform's other form functions a form may offer to its CRM page, each by name and off by
 * default (see reference/ucontact-facts.md, "Form side": public forms call them). On the wire each is
 * an action with its arguments in `params`, checked with the disposition's rules on both sides.
 */
import type { Checked } from './checked.js';
import { checkFields, type FieldRule } from './fields.js';

/** The client's method name → the action name on the wire. */
export const FORM_FUNCTIONS = {
  /** `UC_closeForm()`: closes the form (real forms call it after disposing). */
  closeForm: 'CLOSE_FORM',
  /** `UC_TagRecord(guid, 'l1|l2|l3')`: tags the call's record. */
  tagRecord: 'TAG_RECORD',
  /** `UC_makeCall_async(campaign, callerid, destination)`: places a call. */
  makeCall: 'MAKE_CALL',
  /** `notification(title, message, icon, type)`: shows a notification in the console. */
  notify: 'NOTIFY',
  /** No documented platform function: offered only when the form gives `handlers.hangUp`. */
  hangUp: 'HANG_UP',
} as const;

/** A form function's name as the form lists it and the client calls it. */
export type FormFunction = keyof typeof FORM_FUNCTIONS;
/** A form function's action name on the wire. */
export type FormFunctionAction = (typeof FORM_FUNCTIONS)[FormFunction];

/** `host.tagRecord(...)`: `guid` defaults to the shared call's. Levels may not contain `|` (the platform's separator). */
export interface TagRecordInput {
  guid?: string;
  l1: string;
  l2?: string;
  l3?: string;
}

/** `host.makeCall(...)`: `destination` is digits with an optional leading `+`. */
export interface MakeCallInput {
  campaign: string;
  callerid?: string;
  destination: string;
}

/** `host.notify(...)`. */
export interface NotifyInput {
  title: string;
  message: string;
  icon?: string;
  type?: string;
}

const LEVEL = /^[^|]*$/;
const NO_BAR = 'must not contain | (it separates the levels)';
// A phone is digits with an optional leading + (DESIGN.md): a letter in a number is an error, not something to dial.
const PHONE = /^\+?\d+$/;

/** The parameters of each function, in the order the platform function takes them. */
export const FORM_FUNCTION_PARAMS: Readonly<Record<FormFunctionAction, readonly FieldRule[]>> = {
  CLOSE_FORM: [],
  HANG_UP: [],
  TAG_RECORD: [
    ['guid', 128, true],
    ['l1', 128, true, LEVEL, NO_BAR],
    ['l2', 128, false, LEVEL, NO_BAR],
    ['l3', 128, false, LEVEL, NO_BAR],
  ],
  MAKE_CALL: [
    ['campaign', 128, true],
    ['callerid', 64],
    ['destination', 32, true, PHONE, 'must be digits with an optional leading +'],
  ],
  NOTIFY: [
    ['title', 128, true],
    ['message', 1024, true],
    ['icon', 256],
    ['type', 32],
  ],
};

/**
 * Checks the `params` of a form function's request (`undefined` for one without parameters) and
 * returns a fresh object with every parameter (missing optional ones as `''`); a failure names the
 * field as `params.<name>`.
 */
export function checkFormFunction(action: FormFunctionAction, params: unknown): Checked<Record<string, string>> {
  return checkFields(params, 'params', FORM_FUNCTION_PARAMS[action]);
}
