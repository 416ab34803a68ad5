/**
 * Phones as people type them and Excel exports them → the digits the dialer takes:
 * `+598 99 123 456`, `(099) 123-456`, `099.123.456`, `'099123456` (Excel's text prefix) and
 * `="099123456"` (Excel's formula quoting, which keeps leading zeros) all become the digits
 * with their leading `+`. Only layout is removed: a letter, a second `+` or a number Excel
 * rounded (`9.83445E+08`) stay as they are, so the check still reports them truly.
 */

/** Spaces of every kind (`\s` covers NBSP and the narrow NBSP of French-style exports), dashes, dots, parentheses. */
const LAYOUT_RE = /[\s\-\u2010-\u2015\u2212.()]/g;
const EXCEL_FORMULA_RE = /^="(.*)"$/s;
const SCIENTIFIC_RE = /^[+-]?[0-9]+(?:[.,][0-9]+)?[eE][+-]?[0-9]+$/;
const TYPED_RE = /^([MWH]=[0-9]{1,3}=)(.*)$/s;

/**
 * The phone without layout characters and Excel's quoting. A typed alternative phone
 * (`M=0=099 123 456`) keeps its `TYPE=RETRIES=` and loses the layout of its number.
 *
 * @example normalizePhone('+598 (99) 123-456') // '+59899123456'
 * @example normalizePhone('="099123456"')        // '099123456'
 */
export function normalizePhone(phone: string): string {
  let text = phone.trim();
  const formula = EXCEL_FORMULA_RE.exec(text);
  if (formula !== null) text = formula[1]!.trim();
  else if (text.startsWith("'")) text = text.slice(1).trim();
  if (SCIENTIFIC_RE.test(text)) return text;
  const typed = TYPED_RE.exec(text);
  if (typed !== null) return `${typed[1]}${typed[2]!.replace(LAYOUT_RE, '')}`;
  return text.replace(LAYOUT_RE, '');
}
