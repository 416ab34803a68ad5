/**
 * A short, safe text for any value a frame posted: long strings cut, cycles and odd values
 * survived, the whole thing at most `max` characters. Shown with textContent only.
 */
export function preview(value: unknown, max = 240): string {
  let text: string;
  try {
    text = JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === 'string' && v.length > 60) return `${v.slice(0, 40)}…(${v.length} chars)`;
      if (typeof v === 'bigint' || typeof v === 'symbol') return String(v);
      if (v instanceof Date) return `Date(${v.toISOString()})`;
      return v;
    }) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
