/**
 * The schedule travels as `YYYY-MM-DD HH:MM:SS` (the platform's format); a
 * `<input type="datetime-local">` speaks `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS`.
 */

/** The input's value as the platform's format; `''` stays `''` (no call-back). Other text is passed through for the check to name. */
export function fromDateTimeLocal(value: string): string {
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)(:\d\d)?(?:\.\d+)?$/.exec(value);
  return m ? `${m[1]} ${m[2]}${m[3] ?? ':00'}` : value;
}

/** The platform's format as an input value; anything else gives `''`. */
export function toDateTimeLocal(value: string): string {
  const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)$/.exec(value);
  return m ? `${m[1]}T${m[2]}` : '';
}
