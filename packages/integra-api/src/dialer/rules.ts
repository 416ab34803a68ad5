/**
 * The line-format rules of uContact dialer files, one small check per kind of value. Each
 * returns `undefined` when the value is fine, else the reason in words. Sources:
 * `shared/reference/ucontact-facts.md` (priority 1–9999, typed phones, file names) and the
 * format itself: `;` separates fields, `:` separates variables and phones, `=` separates a
 * name from its value, a line break ends the contact. The characters no value may hold are one
 * table, in `characters.ts`.
 */
import { FORBIDDEN_CLASS, describeForbidden } from './characters.js';

/** Digits with an optional leading `+`; 3–20 digits covers extensions-free numbers up to E.164 plus prefixes. */
export const PHONE_RE = /^\+?[0-9]{3,20}$/;
/** `M=0=098447120`: type M (mobile), W (work) or H (home), then the retries count, then the number. */
export const TYPED_PHONE_RE = /^[MWH]=[0-9]{1,3}=\+?[0-9]{3,20}$/;
/** An extension or number for progressive dialers. */
export const AGENT_PHONE_RE = /^\+?[0-9]{1,20}$/;
/** Variable names end up as identifiers in flows and forms: keep them plain. */
const VAR_NAME_RE = /^[\p{L}_][\p{L}\p{N}_.-]{0,63}$/u;
/** Anything a value may not hold: the separators, and every character of {@link FORBIDDEN_RANGES}. */
const BAD_VALUE_CHAR_RE = new RegExp(`[;:=${FORBIDDEN_CLASS}]`);
/** Anything a campaign may not hold: `;`, and every character of {@link FORBIDDEN_RANGES}. */
const BAD_CAMPAIGN_CHAR_RE = new RegExp(`[;${FORBIDDEN_CLASS}]`);
/** A number Excel turned into scientific notation (`9.83445E+08`, `9,83445E+08` in Spanish). */
const EXCEL_ROUNDED_RE = /^[+-]?[0-9]+(?:[.,][0-9]+)?[eE][+-]?[0-9]{1,3}$/;
/** File names as the portal checks them (DIALERNAMELENGTHERROR, DIALERFILEBADCHARS). */
const FILENAME_RE = /^[A-Za-z0-9_-]{1,50}$/;

/** The longest file name the platform takes. */
export const MAX_FILENAME_LENGTH = 50;

/** Words for the first character of `value` that `re` finds (there must be one). */
function badCharReason(value: string, what: string, re: RegExp = BAD_VALUE_CHAR_RE): string {
  const c = re.exec(value)?.[0] ?? '';
  if (c === ';') return `${what} contains ';', the field separator`;
  if (c === ':') return `${what} contains ':', which separates variables and phones`;
  if (c === '=') return `${what} contains '=', which separates a variable's name from its value`;
  return `${what} contains ${describeForbidden(c.charCodeAt(0))}`;
}

/** The words for a phone Excel showed in scientific notation. */
export const EXCEL_ROUNDED_REASON =
  'Excel rounded this number, digits are lost (it shows numbers in scientific notation): the file cannot give them back; format the column as Text in Excel, enter the numbers again and export';

/** Checks a main phone or a plain alternative phone. */
export function checkPhone(phone: unknown, allowTyped: boolean): string | undefined {
  if (typeof phone !== 'string') return `must be a string of digits, got ${typeof phone}`;
  if (phone === '') return 'is empty';
  if (PHONE_RE.test(phone)) return undefined;
  if (EXCEL_ROUNDED_RE.test(phone)) return EXCEL_ROUNDED_REASON;
  if (allowTyped && TYPED_PHONE_RE.test(phone)) return undefined;
  if (!allowTyped && TYPED_PHONE_RE.test(phone)) return 'a typed phone (M=0=…) is only allowed among altPhones';
  if (/^[A-Za-z]=/.test(phone) && allowTyped) {
    return /^[MWH]=/.test(phone)
      ? 'a typed phone must be TYPE=RETRIES=NUMBER, e.g. M=0=098447120'
      : 'a typed phone starts with M, W or H (mobile, work, home)';
  }
  if (/[A-Za-z]/.test(phone)) return 'contains a letter';
  if (/\s/.test(phone)) return 'contains a space';
  if (/^\+?[0-9]+$/.test(phone)) return 'must have 3 to 20 digits';
  return "may only hold digits and a leading '+'";
}

/** Checks an agent phone (an extension). */
export function checkAgentPhone(value: unknown): string | undefined {
  if (typeof value !== 'string') return `must be a string of digits, got ${typeof value}`;
  if (value === '') return undefined;
  if (EXCEL_ROUNDED_RE.test(value)) return EXCEL_ROUNDED_REASON;
  return AGENT_PHONE_RE.test(value) ? undefined : "may only hold 1 to 20 digits and a leading '+'";
}

/** Checks a priority: an integer from 1 (highest) to 9999 (lowest). */
export function checkPriority(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value)) return 'must be a whole number from 1 to 9999';
  return value >= 1 && value <= 9999 ? undefined : 'must be from 1 (highest) to 9999 (lowest)';
}

/** Checks a variable's name. */
export function checkVarName(name: string): string | undefined {
  if (name === '') return 'a variable needs a name';
  if (BAD_VALUE_CHAR_RE.test(name)) return badCharReason(name, 'the name');
  return VAR_NAME_RE.test(name)
    ? undefined
    : 'a variable name starts with a letter or _ and holds only letters, digits, _, . and - (at most 64)';
}

/** Checks a variable's value (a string or a finite number). */
export function checkVarValue(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : 'must be a finite number';
  if (typeof value !== 'string') return `must be a string or a number, got ${value === null ? 'null' : typeof value}`;
  if (BAD_VALUE_CHAR_RE.test(value)) return badCharReason(value, 'the value');
  // a lone surrogate would be sent as U+FFFD: broken text, say so (isWellFormed: ES2024, native)
  const wellFormed = (value as { isWellFormed?: () => boolean }).isWellFormed;
  if (wellFormed !== undefined && !wellFormed.call(value)) return 'the value contains a lone UTF-16 surrogate (broken text)';
  return undefined;
}

/** Checks a campaign name: it starts every line, so no `;` or line break; `<-`/`->` are part of it. */
export function checkCampaign(campaign: unknown): string | undefined {
  if (typeof campaign !== 'string' || campaign === '') return 'campaign must be a non-empty string';
  if (campaign.trim() !== campaign) return 'campaign has leading or trailing spaces';
  if (campaign.length > 100) return 'campaign is longer than 100 characters';
  if (BAD_CAMPAIGN_CHAR_RE.test(campaign)) return badCharReason(campaign, 'campaign', BAD_CAMPAIGN_CHAR_RE);
  return undefined;
}

/** Checks an upload file name as the portal does: ≤ 50 of `[A-Za-z0-9_-]`, not starting with R. */
export function checkFilename(filename: unknown): string | undefined {
  if (typeof filename !== 'string' || filename === '') return 'filename must be a non-empty string';
  if (filename.length > MAX_FILENAME_LENGTH) return `filename is longer than ${MAX_FILENAME_LENGTH} characters`;
  if (!FILENAME_RE.test(filename)) return 'filename may only hold letters A-Z a-z, digits, _ and -';
  // the portal refuses names starting with R (DIALERFILESTARTR); lower-case r too, to be safe
  if (/^[Rr]/.test(filename)) return "filename may not start with 'R'";
  return undefined;
}

/** Cuts a value for display in a problem report. */
export function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
