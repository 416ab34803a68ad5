import { isBridgeError, type Outcome } from '@ucbridge/protocol';

/**
 * What an element shows after (or while) it asks the console for something — the three outcomes
 * of ucbridge, and the two states around them:
 * - `idle` — nothing asked yet;
 * - `sending` — waiting for the console's answer;
 * - `done` — the console's bridge confirmed that the platform did it ("Disposition saved.");
 * - `not-done` — nothing reached the platform, or the platform said no; the reason is shown
 *   ("Not saved: …"); trying again is safe;
 * - `unknown` — it may have reached the platform: a timeout, a lost connection, or a console with
 *   only the documented listener, which never answers ("Outcome unknown: … Check before retrying.").
 *   Never shown as saved, never as refused;
 * - `invalid` — an input is wrong: nothing was sent, the field is named and focused.
 */
export type UcbState = 'idle' | 'sending' | Outcome | 'invalid';

/** A state with the sentence an element shows for it and, for `invalid`, the field at fault. */
export interface UcbStatus {
  state: UcbState;
  message: string;
  /** The error code behind a failure state (`PLATFORM_ERROR`, `TIMEOUT`, …). */
  code?: string | undefined;
  /** The field at fault for `invalid`, without its `disposition.` prefix (`l1`, `schedule`). */
  field?: string | undefined;
}

/** The words of one element for its outcomes: what was done, and what "not done" is called. */
export interface UcbWords {
  /** "Disposition saved" / "Tab closed". */
  done: string;
  /** "Not saved" / "Not closed". */
  notDone: string;
}

/** The field named by an error, without the `disposition.` prefix the protocol adds. */
export function shortField(field: string | undefined): string | undefined {
  return field?.replace(/^disposition\./, '') || undefined;
}

/** Puts the people's name of a field in place of its path: "disposition.l1 is required" → "Level 1 is required". */
export function humanize(message: string, label: (field: string) => string): string {
  return message.replace(/^ucbridge:? (?:[A-Z_]+: )?/, '').replace(/\bdisposition\.(\w+)/g, (_, field: string) => label(field));
}

/**
 * Turns whatever a call rejected with into the state to show: `invalid` for a wrong field, `unknown`
 * when the call may have reached the platform (`isOutcomeUnknown`: a timeout, a lost connection, an
 * unconfirmed call, anything that is not a `BridgeError`), else `not-done` with the reason.
 * `label` names a field for people (`Level 1`).
 */
export function statusForError(error: unknown, words: UcbWords = { done: 'Done', notDone: 'Not done' }, label: (field: string) => string = (f) => f): UcbStatus {
  if (!isBridgeError(error)) return { state: 'unknown', message: `Outcome unknown: ${error instanceof Error ? error.message : String(error)}. Check before retrying.` };
  const { code } = error;
  const message = humanize(error.message, label);
  if (code === 'INVALID_ARGUMENT') return { state: 'invalid', code, field: shortField(error.field), message: `${words.notDone}: ${message}` };
  if (error.outcome == 'not-done') return { state: 'not-done', code, message: `${words.notDone}: ${message}` };
  return { state: 'unknown', code, message: `Outcome unknown: ${message}. Check before retrying.` };
}

/**
 * The state after a call resolved: `done` when the console's bridge confirmed it; `unknown` when it
 * went to a console without ucbridge, which never says whether the platform took it.
 */
export function statusForResult(confirmed: boolean, words: UcbWords): UcbStatus {
  return confirmed
    ? { state: 'done', message: `${words.done}.` }
    : { state: 'unknown', code: 'UNCONFIRMED', message: 'Outcome unknown: sent to a console without ucbridge, which does not confirm. Check before retrying.' };
}
