/**
 * Reading the platform's own line format back into a contact, for files that are already
 * dialer files: `campaign;phone;k=v:k=v;alt:alt;priority;agentphone` (2 to 6 fields).
 */
import type { DialerContact } from './types.js';

/** A line taken apart, or why it cannot be. The contact is not validated here. */
export type ParsedDialerLine =
  | { ok: true; campaign: string; contact: DialerContact }
  | { ok: false; field: string; reason: string };

/**
 * Splits an already split line (`fields` = the line split on `;`) into campaign and contact.
 * Priority stays a number only when it is digits, so validation reports anything else.
 */
export function parseDialerFields(fields: readonly string[]): ParsedDialerLine {
  if (fields.length < 2) return { ok: false, field: 'row', reason: 'a dialer line has at least campaign;phone' };
  if (fields.length > 6) {
    return { ok: false, field: 'row', reason: `has ${fields.length} fields separated by ';', a dialer line has at most 6 (is there a ';' inside a value?)` };
  }
  const [campaign = '', phone = '', varsText = '', altText = '', priorityText = '', agentPhone = ''] = fields;
  const contact: DialerContact = { phone };
  if (varsText !== '') {
    const vars: Record<string, string> = {};
    for (const pair of varsText.split(':')) {
      const eq = pair.indexOf('=');
      if (eq < 0) return { ok: false, field: 'vars', reason: `"${pair.slice(0, 40)}" is not name=value` };
      const name = pair.slice(0, eq);
      if (Object.hasOwn(vars, name)) return { ok: false, field: `vars.${name}`, reason: 'the variable appears twice' };
      vars[name] = pair.slice(eq + 1);
    }
    contact.vars = vars;
  }
  if (altText !== '') contact.altPhones = altText.split(':');
  if (priorityText !== '') {
    if (!/^[0-9]{1,9}$/.test(priorityText)) return { ok: false, field: 'priority', reason: 'must be a whole number from 1 to 9999' };
    contact.priority = Number(priorityText);
  }
  if (agentPhone !== '') contact.agentPhone = agentPhone;
  return { ok: true, campaign, contact };
}

/** {@link parseDialerFields} of one line of text (without its line break). */
export function parseDialerLine(line: string): ParsedDialerLine {
  return parseDialerFields(line.split(';'));
}
