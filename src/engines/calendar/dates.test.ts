import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidDateError } from './errors.js';
import {
  civilFromDays,
  daysFromCivil,
  formatDayNumber,
  isValidCivilDate,
  parseClock,
  parseDayNumber,
  weekdayOfDayNumber,
} from './dates.js';

const DAY = 86_400_000;
// Any day from 0001-01-01 (day -719162) to 9999-12-31; Date uses the proleptic Gregorian calendar too.
const dayArb = fc.integer({ min: -719162, max: Date.UTC(9999, 11, 31) / DAY });

describe('civil-date arithmetic', () => {
  it('daysFromCivil / civilFromDays / formatDayNumber agree with Date.UTC', () => {
    fc.assert(
      fc.property(dayArb, (dn) => {
        const date = new Date(dn * DAY);
        const iso = date.toISOString().slice(0, 10);
        expect(formatDayNumber(dn)).toBe(iso);
        expect(parseDayNumber(iso)).toBe(dn);
        expect(civilFromDays(dn)).toEqual({ y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() });
        expect(daysFromCivil(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())).toBe(dn);
        expect(weekdayOfDayNumber(dn)).toBe(date.getUTCDay());
      }),
      { numRuns: 2000 },
    );
  });

  it('knows leap years', () => {
    expect(isValidCivilDate('2024-02-29')).toBe(true);
    expect(isValidCivilDate('2000-02-29')).toBe(true);
    expect(isValidCivilDate('1900-02-29')).toBe(false);
    expect(isValidCivilDate('2026-02-29')).toBe(false);
    expect(parseDayNumber('1970-01-01')).toBe(0);
    expect(weekdayOfDayNumber(parseDayNumber('2026-10-01'))).toBe(4); // a Thursday
  });

  it('rejects everything that is not a strict, existing YYYY-MM-DD', () => {
    const bad = ['2026-02-30', '2026-04-31', '2026-1-01', '2026-01-1', '26-01-01', '2026-01-01 ', '2026_01_01', '-026-01-01', '２０２６-01-01', '2026-0a-01', '', 'not a date'];
    for (const s of bad) {
      expect(() => parseDayNumber(s), s).toThrow(InvalidDateError);
      expect(isValidCivilDate(s), s).toBe(false);
    }
    expect(() => parseDayNumber(undefined as unknown as string)).toThrow(InvalidDateError);
    expect(() => parseDayNumber('2026-02-30')).toThrow(/2026-02-30/);
  });
});

describe('parseClock', () => {
  it('parses HH:MM, allowing 24:00 only as an end', () => {
    expect(parseClock('09:00', false)).toBe(540);
    expect(parseClock('17:30', true)).toBe(1050);
    expect(parseClock('24:00', true)).toBe(1440);
    for (const s of ['24:00', '9:00', '09:60', '25:00', '09-00', '']) expect(parseClock(s, false), s).toBeUndefined();
    expect(parseClock('24:01', true)).toBeUndefined();
  });
});
