import { BridgeError, bridgeMessage, type ErrorCode, type FailedOutcome } from '@ucbridge/protocol';

/**
 * A `BridgeError` whose message reads `ucbridge CODE: message` (protocol's `bridgeMessage`, the one
 * format). `outcome` is `'not-done'` unless the action may have reached the platform (`'unknown'`).
 */
export function fail(code: ErrorCode, message: string, field?: string, outcome?: FailedOutcome): BridgeError {
  return new BridgeError(code, bridgeMessage(code, message), field, outcome);
}

/** A failed protocol check as an error: `INVALID_ARGUMENT` for a disposition field, else `INVALID_MESSAGE`. */
export function invalid({ field, message }: { field: string; message: string }): BridgeError {
  return fail(field.startsWith('disposition') ? 'INVALID_ARGUMENT' : 'INVALID_MESSAGE', message, field);
}

/**
 * Why an origin was refused, with the list and the fix. A `null` origin (a sandboxed frame, a
 * `file://` page) can never be listed: the fix is to serve the page over http(s) (and, for a sandboxed
 * iframe, `allow-same-origin`).
 */
export function notAllowed(origin: string, allowedOrigins: string): string {
  return origin == 'null'
    ? 'origin null (a sandboxed frame or a file:// page) can never be in allowedOrigins: serve the page over http(s), and give a sandboxed iframe allow-same-origin'
    : `${origin} is not in allowedOrigins (${allowedOrigins}): add it there, or to data-allowed-origins, if that page is yours`;
}

/** What a thrown value or a platform callback says, short: its `message`, else the value as text. */
export function reasonText(reason: unknown): string {
  return String((reason as Error | undefined)?.message ?? reason).slice(0, 200);
}
