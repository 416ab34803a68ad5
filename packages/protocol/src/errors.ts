import type { Disposition, ErrorCode, FailedOutcome, WireError } from './types.js';

/**
 * The one error class of ucbridge. `code` is stable and documented; `message` is for people.
 * `field` names the offending input (`disposition.schedule`) for `INVALID_ARGUMENT`.
 * `outcome` says whether the action may have happened all the same: `'not-done'` (nothing reached
 * the platform, or the platform said no: safe to retry) or `'unknown'` (it may have reached the
 * platform: **check before you retry**). Test it with {@link isOutcomeUnknown}.
 */
export class BridgeError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly outcome: FailedOutcome;
  /**
   * On a failed `dispositionCall` (client side): the disposition as it was sent or was to be sent, its
   * call fields filled from the form's call at that moment. Retry with exactly this: a retry with only
   * `{ l1 }` would be filled from the form's *current* call, which may be the next one.
   */
  disposition?: Disposition | undefined;

  constructor(code: ErrorCode, message: string, field?: string, outcome: FailedOutcome = 'not-done') {
    super(message);
    this.name = 'BridgeError';
    this.code = code;
    this.field = field;
    this.outcome = outcome;
  }
}

/**
 * True for a `BridgeError`, also one made in another realm (an iframe), where `instanceof`
 * fails: the name and a string code are compared instead (which covers our own instances too).
 */
export function isBridgeError(error: unknown): error is BridgeError {
  // Object(): a primitive or null has no name
  const { name, code } = Object(error) as Partial<BridgeError>;
  return name == 'BridgeError' && typeof code == 'string';
}

/**
 * True when a call's failure leaves its outcome unknown: it may have reached the platform (the
 * client or the form timed out, the connection was lost while it was pending, a handler threw).
 * Check before you retry. Anything that is not a `BridgeError` is unknown too: nobody can say.
 */
export function isOutcomeUnknown(error: unknown): boolean {
  return !isBridgeError(error) || error.outcome != 'not-done';
}

/**
 * The one message format of ucbridge, in every package and on both sides: `ucbridge CODE: detail`.
 * The code comes first so a console or a log can be searched by it; the detail says what and where.
 */
export function bridgeMessage(code: string, detail: string): string {
  return `ucbridge ${code}: ${detail}`;
}

/** Turns an error into plain data that can cross `postMessage`. */
export function toWireError(error: BridgeError): WireError {
  return { code: error.code, message: error.message, field: error.field, outcome: error.outcome };
}

/**
 * Rebuilds the error a peer sent; a malformed one becomes `INVALID_MESSAGE`. Only an explicit
 * `outcome: 'not-done'` is believed: a peer that says nothing leaves the outcome unknown.
 */
export function fromWireError(wire: unknown): BridgeError {
  // Object(): null and undefined read as `{}`
  const { code, message, field, outcome } = Object(wire) as Partial<WireError>;
  return typeof code == 'string' && typeof message == 'string'
    ? new BridgeError(code, message, typeof field == 'string' ? field : undefined, outcome == 'not-done' ? outcome : 'unknown')
    : new BridgeError('INVALID_MESSAGE', bridgeMessage('INVALID_MESSAGE', 'malformed error from the host'), undefined, 'unknown');
}
