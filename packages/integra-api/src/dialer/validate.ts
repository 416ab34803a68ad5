/**
 * Checks without sending: a whole list, one contact, a file name, a campaign; and the dialer
 * file as text. All problems are collected, not just the first.
 */
import { IntegraError } from '../errors.js';
import { DialerBaseBuilder } from './builder.js';
import { contactLine } from './contact-line.js';
import { InvalidContactsError } from './errors.js';
import { checkCampaign, checkFilename } from './rules.js';
import type { ContactProblem, DialerContact } from './types.js';

/** Every problem of every contact, in order; `[]` when all are valid. `index` is the position in `contacts`. */
export function validateContacts(contacts: Iterable<DialerContact>): ContactProblem[] {
  const problems: ContactProblem[] = [];
  let index = 0;
  for (const contact of contacts) contactLine('', contact, index++, undefined, problems);
  return problems;
}

/** The problems of one contact (`index` 0); `[]` when valid. */
export function validateContact(contact: DialerContact): ContactProblem[] {
  const problems: ContactProblem[] = [];
  contactLine('', contact, 0, undefined, problems);
  return problems;
}

/** Why `filename` cannot be an upload's file name (≤ 50 of `[A-Za-z0-9_-]`, not starting with R), or `undefined`. */
export function validateFilename(filename: string): string | undefined {
  return checkFilename(filename);
}

/** Why `campaign` cannot start a dialer line (empty, `;`, line break, spaces around), or `undefined`. */
export function validateCampaign(campaign: string): string | undefined {
  return checkCampaign(campaign);
}

/**
 * The dialer file for `contacts`: one line per contact,
 * `campaign;phone;k=v:k=v;alt:alt;priority;agentphone`, lines joined by `\n` (no final line
 * break, as in the platform's examples). Fine for lists that fit in a string; for big lists
 * use {@link uploadBase} or {@link DialerBaseBuilder}, which never build the whole text.
 *
 * @throws IntegraError `INVALID_ARGUMENT` (bad campaign), {@link InvalidContactsError}
 *   `INVALID_CONTACTS` listing every problem.
 */
export function toDialerCsv(campaign: string, contacts: Iterable<DialerContact>): string {
  const reason = checkCampaign(campaign);
  if (reason !== undefined) throw new IntegraError('INVALID_ARGUMENT', reason);
  const prefix = `${campaign};`;
  const problems: ContactProblem[] = [];
  const lines: string[] = [];
  let index = 0;
  for (const contact of contacts) {
    const line = contactLine(prefix, contact, index++, undefined, problems);
    if (line !== undefined) lines.push(line);
  }
  if (problems.length > 0) throw new InvalidContactsError(problems);
  return lines.join('\n');
}

/**
 * Validates and encodes `contacts` into parts without sending anything: what `uploadBase`
 * would send, for dry runs and tests. Problems are in the result, not thrown.
 */
export function prepareDialerBase(
  contacts: Iterable<DialerContact>,
  options: ConstructorParameters<typeof DialerBaseBuilder>[0],
): ReturnType<DialerBaseBuilder['finish']> {
  const builder = new DialerBaseBuilder(options);
  for (const contact of contacts) builder.add(contact);
  return builder.finish();
}
