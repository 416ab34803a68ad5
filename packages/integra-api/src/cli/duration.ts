/**
 * Durations on the command line, read as ops tools read them (curl --max-time, timeout(1)): a
 * bare number is **seconds** (`90`, `1.5`); `ms`, `s`, `m` and `h` name the unit (`1500ms`,
 * `90s`, `2m`); `none` means no timer. The library's options stay in milliseconds (`timeoutMs`):
 * this file is the one place the CLI turns one into the other, and back for its messages.
 */
import { MAX_TIMER_MS } from '../milliseconds.js';
import { CliError } from './cli-error.js';

const UNIT_MS: Record<string, number> = { '': 1000, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds for `text`, or `undefined` when it is not a duration a timer can hold. */
export function parseDuration(text: string): number | undefined {
  if (text === 'none') return Infinity;
  const match = /^([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)?$/.exec(text);
  if (match === null) return undefined;
  const ms = Math.round(Number(match[1]) * UNIT_MS[match[2] ?? '']!);
  return ms > 0 && ms <= MAX_TIMER_MS ? ms : undefined;
}

/**
 * The milliseconds of option `--NAME`'s value; a usage error naming the option, the value and
 * forms that work when it is not a duration.
 */
export function durationOption(name: string, text: string): number {
  const ms = parseDuration(text);
  if (ms !== undefined) return ms;
  throw new CliError(
    'USAGE',
    `--${name} ${JSON.stringify(text)} is not a duration: give seconds (--${name} 90), or a number with ms, s or m (--${name} 1500ms, --${name} 90s, --${name} 2m), at most 24 days, or --${name} none for no limit`,
    { usage: true },
  );
}

/** `1500ms`, `90s`, `2m`, `none`: milliseconds as the CLI writes (and reads) them. */
export function formatDuration(ms: number): string {
  if (ms === Infinity) return 'none';
  if (ms < 1000) return `${ms}ms`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${ms / 1000}s`;
}
