import { BridgeError, type ErrorCode } from '@ucbridge/protocol';

/** A `BridgeError` whose message starts with `ucbridge: ` (one place for the prefix: it is in every message). */
export function fail(code: ErrorCode, message: string, field?: string): BridgeError {
  return new BridgeError(code, 'ucbridge: ' + message, field);
}
