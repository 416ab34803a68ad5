import { BridgeError, bridgeMessage, type ErrorCode } from '@ucbridge/protocol';

/** A `BridgeError` whose message reads `ucbridge CODE: message` (protocol's `bridgeMessage`, the one format). */
export function fail(code: ErrorCode, message: string, field?: string): BridgeError {
  return new BridgeError(code, bridgeMessage(code, message), field);
}

/** A failed protocol check as an error: `INVALID_ARGUMENT` for a disposition field, else `INVALID_MESSAGE`. */
export function invalid({ field, message }: { field: string; message: string }): BridgeError {
  return fail(field.startsWith('disposition') ? 'INVALID_ARGUMENT' : 'INVALID_MESSAGE', message, field);
}

/** What a thrown value or a platform callback says, short: its `message`, else the value as text. */
export function reasonText(reason: unknown): string {
  return String((reason as Error | undefined)?.message ?? reason).slice(0, 200);
}
