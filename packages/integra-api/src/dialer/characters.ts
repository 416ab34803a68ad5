/**
 * The characters no value, variable name or campaign of a dialer file may hold, in one table.
 * Every path checks against this table: the library's validation (through {@link FORBIDDEN_RE},
 * `rules.ts`) and the CLI's byte-level fast path (through {@link isForbiddenCodePoint}); a unit
 * test checks that the two agree on every code point.
 *
 * Why each: the platform reads one contact per line and the file is handed on to other readers
 * (exports, reports, flows). A C0/C1 control (tab included) has no place in a contact; U+2028,
 * U+2029 and U+0085 are line breaks for readers that split on Unicode line breaks (JavaScript's
 * `/^…$/m`, Java's `\R`, Python's `str.splitlines`), so `hello<U+2028>Other->;099666777` is one
 * line here and two contacts there; bidi controls reorder what a person reads (a phone or a name
 * shown reversed, "Trojan Source", CVE-2021-42574); zero-width characters make two values that
 * look the same differ (a variable that never matches in a flow). U+FFFD is what a decoder leaves
 * where it could not read a character: the original is lost.
 */

/** One range of forbidden code points: first, last, and what they are, in words. */
export interface ForbiddenRange {
  readonly first: number;
  readonly last: number;
  readonly what: string;
}

const range = (first: number, last: number, what: string): ForbiddenRange => ({ first, last, what });

/** The forbidden code points, in ascending order (Unicode 15: Cc, Zl, Zp, Bidi_Control, the zero-width Cf characters, U+FFFD). */
export const FORBIDDEN_RANGES: readonly ForbiddenRange[] = [
  range(0x0000, 0x001f, 'a control character'),
  range(0x007f, 0x009f, 'a control character (DEL or C1)'),
  range(0x061c, 0x061c, 'a bidi control (ARABIC LETTER MARK)'),
  range(0x180e, 0x180e, 'a zero-width character (MONGOLIAN VOWEL SEPARATOR)'),
  range(0x200b, 0x200d, 'a zero-width character'),
  range(0x200e, 0x200f, 'a bidi control (LEFT-TO-RIGHT or RIGHT-TO-LEFT MARK)'),
  range(0x2028, 0x2029, 'a Unicode line or paragraph separator, a line break for many readers'),
  range(0x202a, 0x202e, 'a bidi control (embedding or override)'),
  range(0x2060, 0x2064, 'a zero-width character (WORD JOINER or invisible operator)'),
  range(0x2066, 0x2069, 'a bidi control (isolate)'),
  range(0xfeff, 0xfeff, 'a zero-width character (ZERO WIDTH NO-BREAK SPACE, a byte order mark inside the text)'),
  range(0xfffd, 0xfffd, 'U+FFFD (�), left where a character could not be read: the original character is lost'),
];

/** Names of the single characters people meet most, for messages. */
const NAMES: Readonly<Record<number, string>> = {
  0x09: 'a tab',
  0x0a: 'a line break',
  0x0d: 'a line break',
  0x85: 'U+0085 NEXT LINE, a line break for many readers',
};

/** `\uXXXX` for a regex character class. */
const escaped = (codePoint: number): string => `\\u${codePoint.toString(16).padStart(4, '0')}`;

/** A character class of every forbidden code point (all are in the BMP, so no `u` flag is needed). */
export const FORBIDDEN_CLASS = FORBIDDEN_RANGES.map((r) => (r.first === r.last ? escaped(r.first) : `${escaped(r.first)}-${escaped(r.last)}`)).join('');

/** Finds the first forbidden character of a string. */
export const FORBIDDEN_RE = new RegExp(`[${FORBIDDEN_CLASS}]`);

/**
 * Whether a code point is forbidden. For the byte-level fast path, which decodes UTF-8 itself:
 * most letters with accents (U+00A0–U+061B) leave at the first comparison.
 */
export function isForbiddenCodePoint(codePoint: number): boolean {
  if (codePoint < 0x20) return true;
  if (codePoint < 0x7f) return false;
  if (codePoint <= 0x9f) return true;
  if (codePoint < 0x061c) return false;
  for (let i = 2; i < FORBIDDEN_RANGES.length; i++) {
    const r = FORBIDDEN_RANGES[i]!;
    if (codePoint < r.first) return false;
    if (codePoint <= r.last) return true;
  }
  return false;
}

/** `U+2028` style notation. */
export function codePointName(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Words for a forbidden character: `a line break`, `U+2028 (a Unicode line or paragraph separator…)`.
 * A C1 control that is a printable character in Windows-1252 (0x93 is “) says so: such values come
 * from a Windows-1252 file that was converted as Latin-1.
 */
export function describeForbidden(codePoint: number): string {
  const named = NAMES[codePoint];
  if (named !== undefined) return named;
  if (codePoint === 0xfffd) return FORBIDDEN_RANGES.at(-1)!.what;
  if (codePoint <= 0x9f) {
    const printable = codePoint >= 0x80 ? (WINDOWS_1252_C1[codePoint - 0x80] ?? '') : '';
    const why = printable === '' ? '' : `; in Windows-1252 the byte 0x${codePoint.toString(16).toUpperCase()} is "${printable}": the text was converted from Windows-1252 as if it were Latin-1`;
    return `the control character ${codePointName(codePoint)}${why}`;
  }
  const what = FORBIDDEN_RANGES.find((r) => codePoint >= r.first && codePoint <= r.last)?.what ?? 'a character that is not allowed';
  return `${codePointName(codePoint)}, ${what}`;
}

/** Windows-1252's characters for the bytes 0x80–0x9F ('' where the code page has none). */
const WINDOWS_1252_C1 = '€\u0000‚ƒ„…†‡ˆ‰Š‹Œ\u0000Ž\u0000\u0000‘’“”•–—˜™š›œ\u0000žŸ'.split('').map((c) => (c === '\u0000' ? '' : c));
