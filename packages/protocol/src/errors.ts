import type { ErrorCode, WireError } from './types.js';

/**
 * The one error class of ucbridge. `code` is stable and documented; `message` is for people.
 * `field` names the offending input (`disposition.schedule`) for `INVALID_ARGUMENT`.
 */
export class BridgeError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'BridgeError';
    this.code = code;
    this.field = field;
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
 * The one message format of ucbridge, in every package and on both sides: `ucbridge CODE: detail`.
 * The code comes first so a console or a log can be searched by it; the detail says what and where.
 */
export function bridgeMessage(code: string, detail: string): string {
  return `ucbridge ${code}: ${detail}`;
}

/** Turns an error into plain data that can cross `postMessage`. */
export function toWireError(error: BridgeError): WireError {
  return { code: error.code, message: error.message, field: error.field };
}

/** Rebuilds the error a peer sent; a malformed one becomes `INVALID_MESSAGE`. */
export function fromWireError(wire: unknown): BridgeError {
  // Object(): null and undefined read as `{}`
  const { code, message, field } = Object(wire) as Partial<WireError>;
  return typeof code == 'string' && typeof message == 'string'
    ? new BridgeError(code, message, typeof field == 'string' ? field : undefined)
    : new BridgeError('INVALID_MESSAGE', bridgeMessage('INVALID_MESSAGE', 'malformed error from the host'));
}
