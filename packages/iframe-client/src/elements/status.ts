import { isBridgeError } from '@ucbridge/protocol';

/**
 * What an element shows after (or while) it asks the console for something:
 * - `idle` — nothing asked yet;
 * - `sending` — waiting for the console's answer;
 * - `saved` — the console's bridge confirmed that the platform did it;
 * - `unconfirmed` — sent to a console that has only the platform's documented listener, which never answers;
 * - `refused` — the console or the platform said no (its error callback, a timeout, a missing function);
 * - `invalid` — an input is wrong: nothing was sent, the field is named and focused;
 * - `no-console` — no console answered (not framed, handshake failed, connection lost);
 * - `failed` — anything else (a bug, not a situation).
 */
export type UcbState = 'idle' | 'sending' | 'saved' | 'unconfirmed' | 'refused' | 'invalid' | 'no-console' | 'failed';

/** A state with the sentence an element shows for it and, for `invalid`, the field at fault. */
export interface UcbStatus {
  state: UcbState;
  message: string;
  /** The error code behind a failure state (`PLATFORM_ERROR`, `NOT_CONNECTED`, …). */
  code?: string | undefined;
  /** The field at fault for `invalid`, without its `disposition.` prefix (`l1`, `schedule`). */
  field?: string | undefined;
}

// Which failure state each protocol error code means to the agent looking at the element.
const REFUSED = ['PLATFORM_ERROR', 'PLATFORM_MISSING', 'PLATFORM_TIMEOUT', 'HANDLER_ERROR', 'UNKNOWN_ACTION', 'RATE_LIMITED', 'INVALID_MESSAGE', 'WRONG_CALL'];
const NO_CONSOLE = ['NOT_CONNECTED', 'UNCONFIRMED', 'CONNECTION_LOST', 'VERSION_MISMATCH', 'TIMEOUT', 'DESTROYED', 'ORIGIN_NOT_ALLOWED', 'SOURCE_NOT_ALLOWED'];

/** The field named by an error, without the `disposition.` prefix the protocol adds. */
export function shortField(field: string | undefined): string | undefined {
  return field?.replace(/^disposition\./, '') || undefined;
}

/** Puts the people's name of a field in place of its path: "disposition.l1 is required" → "Level 1 is required". */
export function humanize(message: string, label: (field: string) => string): string {
  return message.replace(/\bdisposition\.(\w+)/g, (_, field: string) => label(field));
}

/**
 * Turns whatever a call rejected with into the state to show. A `BridgeError` (of any realm) is
 * sorted by its code; anything else is `failed`. `label` names a field for people (`Level 1`).
 */
export function statusForError(error: unknown, label: (field: string) => string = (f) => f): UcbStatus {
  if (!isBridgeError(error)) return { state: 'failed', message: `Failed: ${error instanceof Error ? error.message : String(error)}` };
  const { code, message } = error;
  if (code === 'INVALID_ARGUMENT') {
    const field = shortField(error.field);
    return { state: 'invalid', code, field, message: humanize(message, label) };
  }
  if (REFUSED.includes(code)) return { state: 'refused', code, message: `Refused by the platform: ${message}` };
  if (NO_CONSOLE.includes(code)) return { state: 'no-console', code, message: `No console found: ${message}` };
  return { state: 'failed', code, message: `Failed: ${message}` };
}

/** The state after a call resolved: `saved` when the console's bridge confirmed it, else `unconfirmed`. */
export function statusForResult(confirmed: boolean, what: string): UcbStatus {
  return confirmed
    ? { state: 'saved', message: `${what}.` }
    : { state: 'unconfirmed', message: `${what}, but the console did not confirm it (it has no ucbridge).` };
}
