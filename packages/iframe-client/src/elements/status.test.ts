import { describe, expect, it } from 'vitest';
import { BridgeError } from '@ucbridge/protocol';
import { humanize, statusForError, statusForResult } from './status.js';
import { fromDateTimeLocal, toDateTimeLocal } from './schedule.js';

const words = { done: 'Disposition saved', notDone: 'Not saved' };

describe('statusForError: saved / not saved (reason) / outcome unknown', () => {
  it.each([
    ['PLATFORM_ERROR', 'not-done', 'not-done', 'Not saved: why'],
    ['ORIGIN_NOT_ALLOWED', 'not-done', 'not-done', 'Not saved: why'],
    ['NOT_CONNECTED', 'not-done', 'not-done', 'Not saved: why'],
    ['PLATFORM_TIMEOUT', 'unknown', 'unknown', 'Outcome unknown: why. Check before retrying.'],
    ['TIMEOUT', 'unknown', 'unknown', 'Outcome unknown: why. Check before retrying.'],
    ['CONNECTION_LOST', 'unknown', 'unknown', 'Outcome unknown: why. Check before retrying.'],
    ['UNCONFIRMED', 'unknown', 'unknown', 'Outcome unknown: why. Check before retrying.'],
  ] as const)('shows %s with outcome %s as %s: "%s"', (code, outcome, state, message) => {
    expect(statusForError(new BridgeError(code, 'ucbridge TIMEOUT: why', undefined, outcome), words)).toEqual({ state, code, message });
  });

  it('never shows a platform timeout or a client timeout as refused or as "no console"', () => {
    for (const code of ['PLATFORM_TIMEOUT', 'TIMEOUT'] as const) {
      const { message } = statusForError(new BridgeError(code, 'late', undefined, 'unknown'), words);
      expect(message).not.toMatch(/refused|no console/i);
    }
  });

  it('names the field of INVALID_ARGUMENT without its disposition. prefix, in the words of the label', () => {
    const status = statusForError(new BridgeError('INVALID_ARGUMENT', 'disposition.l1 is required', 'disposition.l1'), words, (f) => (f === 'l1' ? 'Level 1' : f));
    expect(status).toEqual({ state: 'invalid', code: 'INVALID_ARGUMENT', field: 'l1', message: 'Not saved: Level 1 is required' });
  });

  it('shows anything that is not a BridgeError as unknown: nobody can say what happened', () => {
    expect(statusForError(new TypeError('boom'))).toEqual({ state: 'unknown', message: 'Outcome unknown: boom. Check before retrying.' });
  });

  it('shows a confirmed result as saved, an unconfirmed one as unknown, never as saved', () => {
    expect(statusForResult(true, words)).toEqual({ state: 'done', message: 'Disposition saved.' });
    const unconfirmed = statusForResult(false, words);
    expect(unconfirmed.state).toBe('unknown');
    expect(unconfirmed.message).not.toMatch(/saved/i);
  });

  it('humanizes every field path in a message', () => {
    expect(humanize('disposition.d1 and disposition.d2', (f) => f.toUpperCase())).toBe('D1 and D2');
  });
});

describe('schedule conversion', () => {
  it('turns a datetime-local value into the platform format and back', () => {
    expect(fromDateTimeLocal('2026-12-01T15:30')).toBe('2026-12-01 15:30:00');
    expect(fromDateTimeLocal('2026-12-01T15:30:05')).toBe('2026-12-01 15:30:05');
    expect(fromDateTimeLocal('')).toBe('');
    expect(toDateTimeLocal('2026-12-01 15:30:05')).toBe('2026-12-01T15:30:05');
    expect(toDateTimeLocal('tomorrow')).toBe('');
  });
});
