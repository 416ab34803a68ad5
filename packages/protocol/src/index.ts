export type * from './types.js';
export type { Checked } from './checked.js';
export { isPlainObject } from './checked.js';
export { BridgeError, bridgeMessage, isBridgeError, isOutcomeUnknown, toWireError, fromWireError } from './errors.js';
export { MAX_TIMER_MS, checkMilliseconds } from './milliseconds.js';
export { timerAt } from './timer-at.js';
export { originMatcher, originsMatcher, SHARED_DOMAINS, sharedSuffix, type OriginMatcher } from './origin.js';
export { DISPOSITION_FIELDS, DISPOSITION_MAX_LENGTH, checkDisposition, formatSchedule, isSchedule } from './disposition.js';
export { checkFields, type FieldRule } from './fields.js';
export { CALL_FIELDS, checkCallContext, type CallContext, type CallContextMessage, type CallDispositionInput } from './call-context.js';
export {
  FORM_FUNCTIONS,
  FORM_FUNCTION_PARAMS,
  checkFormFunction,
  type FormFunction,
  type FormFunctionAction,
  type MakeCallInput,
  type NotifyInput,
  type TagRecordInput,
} from './form-functions.js';
export { isBridgeMessage, checkHello, checkRequest, checkLegacy, MAX_HELLO_REQUESTS } from './guards.js';

/** The protocol version this build speaks. */
export const PROTOCOL_VERSION = 1;
