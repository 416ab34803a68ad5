import { describe, expect, it } from 'vitest';
import { BridgeError } from '@ucbridge/protocol';
import { humanize, statusForError, statusForResult } from './status.js';
import { fromDateTimeLocal, toDateTimeLocal } from './schedule.js';

describe('statusForError', () => {
  it.each([
    ['PLATFORM_ERROR', 'refused'],
    ['PLATFORM_TIMEOUT', 'refused'],
    ['PLATFORM_MISSING', 'refused'],
    ['RATE_LIMITED', 'refused'],
    ['NOT_CONNECTED', 'no-console'],
    ['UNCONFIRMED', 'no-console'],
    ['CONNECTION_LOST', 'no-console'],
    ['TIMEOUT', 'no-console'],
    ['INVALID_ARGUMENT', 'invalid'],
  ] as const)('shows %s as %s', (code, state) => {
    expect(statusForError(new BridgeError(code, 'why')).state).toBe(state);
  });

  it('names the field of INVALID_ARGUMENT without its disposition. prefix, in the words of the label', () => {
    const status = statusForError(new BridgeError('INVALID_ARGUMENT', 'disposition.l1 is required', 'disposition.l1'), (f) => (f === 'l1' ? 'Level 1' : f));
    expect(status).toEqual({ state: 'invalid', code: 'INVALID_ARGUMENT', field: 'l1', message: 'Level 1 is required' });
  });

  it('shows anything that is not a BridgeError as failed', () => {
    expect(statusForError(new TypeError('boom'))).toEqual({ state: 'failed', message: 'Failed: boom' });
  });

  it('tells confirmed from unconfirmed results', () => {
    expect(statusForResult(true, 'Saved').state).toBe('saved');
    expect(statusForResult(false, 'Saved').state).toBe('unconfirmed');
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
