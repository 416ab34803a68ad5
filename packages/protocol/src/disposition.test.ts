import { describe, expect, it } from 'vitest';
import { DISPOSITION_FIELDS, DISPOSITION_MAX_LENGTH, checkDisposition, formatSchedule, isSchedule } from './disposition.js';

const valid = {
  campaign: 'CampanaTest',
  callerid: '123456Test',
  guid: '3123-3123-3123-312-3123',
  l1: 'nivel1',
  l2: 'nivel2',
  l3: 'nivel3',
  d1: 'data1',
  d2: 'data2',
  comment: 'ComentarioTest',
  schedule: '2019-05-04 15:55:55',
};

describe('DISPOSITION_FIELDS', () => {
  it('lists the ten fields in the order UC_DispositionCall takes them', () => {
    expect(DISPOSITION_FIELDS).toEqual(['campaign', 'callerid', 'guid', 'l1', 'l2', 'l3', 'd1', 'd2', 'comment', 'schedule']);
    expect(DISPOSITION_MAX_LENGTH).toHaveLength(DISPOSITION_FIELDS.length);
  });
});

describe('checkDisposition', () => {
  it('accepts the documented example and returns a fresh object with the ten fields in order', () => {
    const r = checkDisposition(valid);
    expect(r).toEqual({ ok: true, value: valid });
    if (r.ok) {
      expect(r.value).not.toBe(valid);
      expect(Object.keys(r.value)).toEqual([...DISPOSITION_FIELDS]);
    }
  });

  it('fills missing optional fields with empty strings', () => {
    const r = checkDisposition({ campaign: 'c', callerid: '1', guid: 'g', l1: 'sale', l2: undefined });
    expect(r).toEqual({ ok: true, value: { campaign: 'c', callerid: '1', guid: 'g', l1: 'sale', l2: '', l3: '', d1: '', d2: '', comment: '', schedule: '' } });
  });

  it('accepts an object with a null prototype (structured clone of Object.create(null))', () => {
    expect(checkDisposition(Object.assign(Object.create(null), valid)).ok).toBe(true);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'campaign'],
    ['a number', 42],
    ['an array', [valid]],
    ['a Date', new Date()],
    ['a class instance', new (class X { campaign = 'c'; })()],
    ['an object with a swapped prototype', Object.setPrototypeOf({ ...valid }, { campaign: 'c' })],
    ['an object whose prototype is an array', Object.setPrototypeOf({ ...valid }, [])],
  ])('refuses %s, naming "disposition"', (_label, input) => {
    expect(checkDisposition(input)).toEqual({ ok: false, field: 'disposition', message: 'disposition must be an object' });
  });

  it('prefixes the field with the given path', () => {
    expect(checkDisposition(null, 'params')).toMatchObject({ ok: false, field: 'params' });
    expect(checkDisposition({ ...valid, l1: 3 }, 'd')).toMatchObject({ ok: false, field: 'd.l1' });
  });

  it('refuses an own __proto__ key (as JSON.parse and structured clone create it)', () => {
    const input = JSON.parse('{"campaign":"c","callerid":"1","guid":"g","l1":"x","__proto__":{"polluted":true}}');
    expect(checkDisposition(input)).toMatchObject({ ok: false, field: 'disposition.__proto__' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([['constructor'], ['prototype'], ['toString'], ['extra'], ['Campaign']])('refuses the unknown field %j', (key) => {
    expect(checkDisposition({ ...valid, [key]: 'x' })).toMatchObject({ ok: false, field: `disposition.${key}`, message: expect.stringContaining('unknown field') });
  });

  it('cuts a huge unknown key in the message', () => {
    const key = 'k'.repeat(10_000);
    const r = checkDisposition({ ...valid, [key]: 'x' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.length).toBeLessThan(120);
  });

  it.each(DISPOSITION_FIELDS.map((f) => [f]))('refuses a non-string %s', (field) => {
    for (const bad of [1, true, null, {}, ['x'], { toString: () => 'x' }]) {
      expect(checkDisposition({ ...valid, [field]: bad })).toEqual({ ok: false, field: `disposition.${field}`, message: `disposition.${field} must be a string` });
    }
  });

  it.each([['campaign'], ['callerid'], ['guid'], ['l1']])('requires a non-blank %s', (field) => {
    expect(checkDisposition({ ...valid, [field]: '' })).toMatchObject({ ok: false, field: `disposition.${field}`, message: expect.stringContaining('required') });
    expect(checkDisposition({ ...valid, [field]: '  \t' })).toMatchObject({ ok: false, field: `disposition.${field}` });
    const { [field as 'l1']: _omitted, ...rest } = valid;
    expect(checkDisposition(rest)).toMatchObject({ ok: false, field: `disposition.${field}` });
  });

  it.each(DISPOSITION_FIELDS.map((f, i): [string, number] => [f, DISPOSITION_MAX_LENGTH[i]!]).filter(([f]) => f !== 'schedule'))(
    'accepts %s at its limit of %i characters and refuses one more',
    (field, max) => {
      expect(checkDisposition({ ...valid, [field]: 'x'.repeat(max) }).ok).toBe(true);
      expect(checkDisposition({ ...valid, [field]: 'x'.repeat(max + 1) })).toMatchObject({ ok: false, field: `disposition.${field}`, message: expect.stringContaining(`${max}`) });
    },
  );

  it('refuses a huge string (1 MB) without echoing it', () => {
    const r = checkDisposition({ ...valid, comment: 'x'.repeat(1 << 20) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.length).toBeLessThan(200);
  });

  it('refuses control characters, but allows tabs and line breaks in d1, d2 and comment', () => {
    for (const field of ['campaign', 'callerid', 'guid', 'l1', 'l2', 'l3']) {
      expect(checkDisposition({ ...valid, [field]: 'a\nb' })).toMatchObject({ ok: false, field: `disposition.${field}`, message: expect.stringContaining('control') });
      expect(checkDisposition({ ...valid, [field]: 'a\0b' })).toMatchObject({ ok: false, field: `disposition.${field}` });
    }
    for (const field of ['d1', 'd2', 'comment']) {
      expect(checkDisposition({ ...valid, [field]: 'line 1\r\nline 2\tend' }).ok).toBe(true);
      expect(checkDisposition({ ...valid, [field]: 'a\0b' })).toMatchObject({ ok: false, field: `disposition.${field}` });
      expect(checkDisposition({ ...valid, [field]: 'a\x1bb' })).toMatchObject({ ok: false, field: `disposition.${field}` });
      expect(checkDisposition({ ...valid, [field]: 'a\x7fb' })).toMatchObject({ ok: false, field: `disposition.${field}` });
    }
    expect(checkDisposition({ ...valid, schedule: '2019-05-04\t15:55:55' })).toMatchObject({ ok: false, field: 'disposition.schedule' });
  });

  it('keeps unicode text as is', () => {
    const r = checkDisposition({ ...valid, comment: 'Señora Pérez 📞 — llamar' });
    expect(r.ok && r.value.comment).toBe('Señora Pérez 📞 — llamar');
  });

  it.each([['2019-05-04'], ['2019-05-04T15:55:55'], ['2019-05-04 15:55'], ['2019-5-4 15:55:55'], ['2019-02-30 10:00:00'], ['2019-13-01 10:00:00'], ['2019-05-04 24:00:00'], ['tomorrow'], [' 019-05-04 15:55:55']])(
    'refuses the bad schedule %j, naming disposition.schedule',
    (schedule) => {
      expect(checkDisposition({ ...valid, schedule })).toEqual({ ok: false, field: 'disposition.schedule', message: 'disposition.schedule must be "YYYY-MM-DD HH:MM:SS" or empty' });
    },
  );
});

describe('isSchedule', () => {
  it('accepts empty and real date-times', () => {
    expect(isSchedule('')).toBe(true);
    expect(isSchedule('2019-05-04 15:55:55')).toBe(true);
    expect(isSchedule('2024-02-29 00:00:00')).toBe(true);
    expect(isSchedule('2026-12-31 23:59:59')).toBe(true);
  });

  it('refuses impossible dates and times', () => {
    expect(isSchedule('2026-02-29 10:00:00')).toBe(false);
    expect(isSchedule('2026-04-31 10:00:00')).toBe(false);
    expect(isSchedule('2026-00-10 10:00:00')).toBe(false);
    expect(isSchedule('2026-01-00 10:00:00')).toBe(false);
    expect(isSchedule('2026-01-01 10:60:00')).toBe(false);
    expect(isSchedule('2026-01-01 10:00:60')).toBe(false);
    expect(isSchedule('2026-01-01 10:00:00\n')).toBe(false);
  });
});

describe('formatSchedule', () => {
  it('writes a Date as YYYY-MM-DD HH:MM:SS in local time, zero-padded', () => {
    expect(formatSchedule(new Date(2019, 4, 4, 15, 55, 55))).toBe('2019-05-04 15:55:55');
    expect(formatSchedule(new Date(2026, 0, 2, 3, 4, 5))).toBe('2026-01-02 03:04:05');
  });

  it('produces a value checkDisposition accepts', () => {
    const schedule = formatSchedule(new Date(2026, 10, 24, 9, 30, 0));
    expect(isSchedule(schedule)).toBe(true);
    expect(checkDisposition({ ...valid, schedule }).ok).toBe(true);
  });

  it('turns an invalid Date into something checkDisposition refuses', () => {
    expect(isSchedule(formatSchedule(new Date(Number.NaN)))).toBe(false);
  });
});
