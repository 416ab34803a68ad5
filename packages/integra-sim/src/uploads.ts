/**
 * What `Dialers/uploadbase` received, decoded for tests and the demo.
 */

/** One recorded `Dialers/uploadbase` call, as the simulator decoded it. */
export interface SimUpload {
  /** 1, 2, … in arrival order. */
  seq: number;
  /** Arrival time, ISO 8601. */
  at: string;
  /** The user whose key authorized the call. */
  sessionUser: string;
  /** Form fields as sent. */
  filename: string;
  campaign: string;
  cant: string;
  username: string;
  fileb64: string;
  /** `fileb64` is well-formed base64. */
  validBase64: boolean;
  /** The decoded bytes are valid UTF-8. */
  validUtf8: boolean;
  /** The decoded file as UTF-8 text. */
  text: string;
  /** `text` split on line breaks (`\n` or `\r\n`), without a final empty line. */
  lines: string[];
  /** `cant` equals the number of lines (the platform does not check; tests may). */
  cantMatches: boolean;
}

// one character class and a length check: a grouped, repeated pattern overflows V8's regex
// stack on parts of a few MB
const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;
const isBase64 = (s: string) => s.length % 4 === 0 && BASE64_RE.test(s);

/** Decodes an upload's fields; never throws (the platform accepts anything). */
export function decodeUpload(
  fields: { filename: string; campaign: string; cant: string; username: string; fileb64: string },
  seq: number,
  sessionUser: string,
): SimUpload {
  const bytes = Buffer.from(fields.fileb64, 'base64');
  let validUtf8 = true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    validUtf8 = false;
  }
  const text = bytes.toString('utf8');
  const lines = text === '' ? [] : text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return {
    seq,
    at: new Date().toISOString(),
    sessionUser,
    ...fields,
    validBase64: isBase64(fields.fileb64),
    validUtf8,
    text,
    lines,
    cantMatches: String(lines.length) === fields.cant.trim(),
  };
}
