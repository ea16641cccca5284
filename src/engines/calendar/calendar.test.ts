import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CalendarConfigError,
  CalendarYearMissingError,
  InvalidDateError,
  addWorkingDays,
  createWorkCalendar,
  describeDay,
  isWorkingDay,
  mergeSchedules,
  nextWorkingDay,
  openPeriods,
  parseHolidayCnJson,
  workingDayDeadline,
  workingDaysBetween,
  workingDaysInRange,
  type CalendarOverride,
  type NationalSchedule,
  type WorkCalendar,
} from './index.js';
import { at, chineseDaysData as cdData, holidayCnDir, nationalSchedule as national, thrown } from '../../test-support/calendar.js';

const cal = createWorkCalendar({ schedule: national });

function expectYearMissing(fn: () => unknown, year: number): void {
  const caught = thrown(fn);
  expect(caught).toBeInstanceOf(CalendarYearMissingError);
  const err = caught as CalendarYearMissingError;
  expect(err.code).toBe('calendar_year_missing');
  expect(err.year).toBe(year);
  expect(err.message).toContain(String(year));
}

describe('acceptance (national schedule from chinese-days data)', () => {
  it('2026-09-30 + 5 working days = 2026-10-13 (National Day week skipped, Sat 10-10 is a make-up day)', () => {
    // RULES §1 / 002:L103: complaint reply within 5 working days; day of receipt not counted.
    expect(addWorkingDays(cal, '2026-09-30', 5)).toBe('2026-10-13');
  });

  it('2026-02-13 + 1 working day = 2026-02-14, a make-up Saturday (调休上班)', () => {
    expect(addWorkingDays(cal, '2026-02-13', 1)).toBe('2026-02-14');
    expect(isWorkingDay(cal, '2026-02-14')).toBe(true);
    expect(describeDay(cal, '2026-02-14').reason).toBe('makeup_workday');
  });

  it('workingDayDeadline for 2026-09-30T10:00+08:00, 5 days → 2026-10-13, due at the close of business', () => {
    // RULES §1 Decisions: a deadline of N working days ends at the close of business of the N-th working day.
    const r = workingDayDeadline(cal, at('2026-09-30T10:00'), 5);
    expect(r.dueDate).toBe('2026-10-13');
    expect(r.dueAt).toBe(at('2026-10-13T17:30'));
  });

  it('a receipt at 18:30 on a Friday (hours 09:00–12:00, 13:30–17:30) counts from the next working day', () => {
    // RULES §1 Decisions: receipts after closing time count as received the next working day.
    const c = createWorkCalendar({
      schedule: national,
      hours: { periods: [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '17:30' }], utcOffsetMinutes: 480, weekdays: [1, 2, 3, 4, 5] },
    });
    expect(describeDay(c, '2026-10-16').reason).toBe('weekday'); // a Friday
    expect(workingDayDeadline(c, at('2026-10-16T10:00'), 5).dueDate).toBe('2026-10-23');
    const late = workingDayDeadline(c, at('2026-10-16T18:30'), 5);
    expect(late.dueDate).toBe('2026-10-26'); // received Mon 10-19, not counted; +5 → Mon 10-26
    expect(late.dueAt).toBe(at('2026-10-26T17:30'));
  });
});

describe('working-day functions', () => {
  it('isWorkingDay follows weekends, statutory holidays and make-up days', () => {
    expect(isWorkingDay(cal, '2026-10-01')).toBe(false); // National Day, a Thursday
    expect(isWorkingDay(cal, '2026-10-10')).toBe(true); // make-up Saturday
    expect(isWorkingDay(cal, '2026-10-11')).toBe(false); // plain Sunday
    expect(isWorkingDay(cal, '2026-10-12')).toBe(true); // plain Monday
  });

  it('nextWorkingDay is the first working day strictly after the date', () => {
    expect(nextWorkingDay(cal, '2026-09-30')).toBe('2026-10-08');
    expect(nextWorkingDay(cal, '2026-10-08')).toBe('2026-10-09');
    expect(nextWorkingDay(cal, '2026-10-09')).toBe('2026-10-10');
    expect(nextWorkingDay(cal, '2026-10-03')).toBe('2026-10-08');
  });

  it('addWorkingDays: day itself never counts, 0 → unchanged, negative counts backwards', () => {
    // RULES §1: day of receipt not counted — even when the receipt day is a holiday.
    expect(addWorkingDays(cal, '2026-10-03', 1)).toBe('2026-10-08');
    expect(addWorkingDays(cal, '2026-10-03', 0)).toBe('2026-10-03');
    expect(addWorkingDays(cal, '2026-10-13', -5)).toBe('2026-09-30');
    expect(addWorkingDays(cal, '2026-10-08', -1)).toBe('2026-09-30');
    expect(addWorkingDays(cal, '2026-10-05', -1)).toBe('2026-09-30');
    // 元旦 2026: Thu Jan 1 – Sat Jan 3 off, Sunday Jan 4 is a make-up working day.
    expect(addWorkingDays(cal, '2025-12-31', 1)).toBe('2026-01-04');
    expect(addWorkingDays(cal, '2025-12-31', 2)).toBe('2026-01-05');
  });

  it('addWorkingDays rejects non-integer day counts with RangeError', () => {
    for (const n of [1.5, Number.NaN, Number.POSITIVE_INFINITY, -0.1]) {
      expect(() => addWorkingDays(cal, '2026-09-30', n)).toThrow(RangeError);
    }
  });

  it('workingDaysBetween counts working days d with from < d <= to, negative when reversed', () => {
    expect(workingDaysBetween(cal, '2026-09-30', '2026-10-13')).toBe(5);
    expect(workingDaysBetween(cal, '2026-10-13', '2026-09-30')).toBe(-5);
    expect(workingDaysBetween(cal, '2026-10-01', '2026-10-07')).toBe(0);
    expect(workingDaysBetween(cal, '2026-09-30', '2026-09-30')).toBe(0);
    // 2026: 261 weekdays − 19 statutory weekdays off + 6 make-up days (Jan 4, Feb 14, Feb 28,
    // May 9, Sep 20, Oct 10) = 248; Jan 1 is a holiday, so from < d excludes nothing that counts.
    expect(workingDaysBetween(cal, '2026-01-01', '2026-12-31')).toBe(248);
  });

  it('workingDaysInRange lists the working days of a month view, inclusive', () => {
    expect(workingDaysInRange(cal, '2026-09-28', '2026-10-13')).toEqual([
      '2026-09-28', '2026-09-29', '2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12', '2026-10-13',
    ]);
    expect(workingDaysInRange(cal, '2026-10-01', '2026-10-07')).toEqual([]);
    expect(workingDaysInRange(cal, '2026-10-13', '2026-10-12')).toEqual([]);
    // February 2026: 20 weekdays − 6 Spring Festival weekdays (16–20, 23) + make-up Saturdays 14 and 28.
    expect(workingDaysInRange(cal, '2026-02-01', '2026-02-28')).toHaveLength(16);
  });

  it('describeDay reports the reason and the open periods', () => {
    expect(describeDay(cal, '2026-10-01')).toEqual({ date: '2026-10-01', working: false, reason: 'statutory_holiday', periods: [] });
    expect(describeDay(cal, '2026-10-11')).toEqual({ date: '2026-10-11', working: false, reason: 'weekend', periods: [] });
    expect(describeDay(cal, '2026-10-12')).toEqual({
      date: '2026-10-12',
      working: true,
      reason: 'weekday',
      periods: [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '17:30' }],
    });
    // Returned periods are copies: mutating them does not change the calendar.
    describeDay(cal, '2026-10-12').periods[0].start = '00:00';
    expect(openPeriods(cal, '2026-10-12')[0].start).toBe('09:00');
  });

  it('rejects malformed and impossible dates with InvalidDateError', () => {
    for (const bad of ['2026-02-30', '2026-2-3', '2026-13-01', '2026-00-10', '2026-01-00', '2025-02-29', ' 2026-01-01', '2026/01/01', '2026-01-01T00:00', '']) {
      expect(() => isWorkingDay(cal, bad), bad).toThrow(InvalidDateError);
      expect(() => addWorkingDays(cal, bad, 3), bad).toThrow(InvalidDateError);
    }
    expect(() => isWorkingDay(cal, 20260101 as unknown as string)).toThrow(InvalidDateError);
    try {
      isWorkingDay(cal, '2026-02-30');
    } catch (e) {
      expect((e as InvalidDateError).code).toBe('invalid_date');
    }
    expect(isWorkingDay(cal, '2024-02-29')).toBe(true); // leap day exists
  });
});

describe('missing years (RULES §1 Decisions: never guess an unpublished year)', () => {
  it('a computation reaching 2027 with chinese-days data (≤ 2026) throws naming 2027', () => {
    expect(national.years.at(-1)).toBe(2026);
    expect(cal.lastYear).toBe(2026);
    expectYearMissing(() => addWorkingDays(cal, '2026-12-28', 5), 2027);
    expectYearMissing(() => isWorkingDay(cal, '2027-01-04'), 2027);
    expectYearMissing(() => nextWorkingDay(cal, '2026-12-31'), 2027);
    expectYearMissing(() => workingDaysBetween(cal, '2026-12-01', '2027-01-10'), 2027);
    expectYearMissing(() => workingDayDeadline(cal, at('2026-12-30T10:00'), 5), 2027);
    expectYearMissing(() => addWorkingDays(cal, '2004-01-05', -5), 2003);
    // …but a computation ending inside 2026 is fine.
    expect(addWorkingDays(cal, '2026-12-28', 3)).toBe('2026-12-31');
  });

  it('the empty holiday-cn placeholder 2027.json does not cover 2027; a published 2027 file does', () => {
    const placeholder = path.join(holidayCnDir, '2027.json');
    let text2027: string;
    try {
      text2027 = readFileSync(placeholder, 'utf8');
    } catch {
      // Same shape as the shipped placeholder (holiday-cn before the State Council notice).
      text2027 = JSON.stringify({ year: 2027, papers: [], days: [] });
    }
    const parsed = parseHolidayCnJson(text2027);
    if (parsed.years.length === 0) {
      // Unpublished: merging it must not make 2027 computable (it would treat 春节 2027 as working days).
      const still = createWorkCalendar({ schedule: mergeSchedules(national, parsed) });
      expectYearMissing(() => addWorkingDays(still, '2026-12-28', 5), 2027);
    }
    // A published 2027 file (synthetic test fixture, not the real schedule): 元旦 Friday 2027-01-01 off.
    const published = parseHolidayCnJson(
      JSON.stringify({ year: 2027, papers: ['test fixture'], days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }] }),
    );
    const merged = createWorkCalendar({ schedule: mergeSchedules(national, parsed, published) });
    expect(merged.lastYear).toBe(2027);
    expect(addWorkingDays(merged, '2026-12-28', 5)).toBe('2027-01-05'); // 29, 30, 31, (1 Jan off), 4, 5
    expect(isWorkingDay(merged, '2027-01-01')).toBe(false);
  });

  it('a gap year inside the covered range is missing too', () => {
    const only = (years: number[]): NationalSchedule => ({
      years,
      offDays: national.offDays.filter((d) => years.includes(Number(d.slice(0, 4)))),
      workdays: national.workdays.filter((d) => years.includes(Number(d.slice(0, 4)))),
    });
    const gap = createWorkCalendar({ schedule: only([2024, 2026]) });
    expect(gap.firstYear).toBe(2024);
    expect(gap.lastYear).toBe(2026);
    expect(isWorkingDay(gap, '2024-12-31')).toBe(true);
    expect(isWorkingDay(gap, '2026-01-05')).toBe(true);
    expectYearMissing(() => isWorkingDay(gap, '2025-06-03'), 2025);
    expectYearMissing(() => addWorkingDays(gap, '2024-12-30', 5), 2025);
    expectYearMissing(() => addWorkingDays(gap, '2026-01-06', -5), 2025);
    expectYearMissing(() => workingDaysBetween(gap, '2024-06-03', '2026-06-01'), 2025);
    expectYearMissing(() => workingDaysBetween(gap, '2026-06-01', '2024-06-03'), 2025);
    expectYearMissing(() => workingDaysInRange(gap, '2024-12-01', '2026-01-31'), 2025);
    expect(addWorkingDays(gap, '2026-01-05', 5)).toBe(addWorkingDays(cal, '2026-01-05', 5));
  });
});

describe('organisation overrides beat the national schedule (RULES §1 Decisions)', () => {
  const withOverrides = (overrides: CalendarOverride[]): WorkCalendar => createWorkCalendar({ schedule: national, overrides });

  it('closure makes a working day non-working and pushes deadlines', () => {
    const c = withOverrides([{ date: '2026-10-12', kind: 'closure' }]);
    expect(isWorkingDay(c, '2026-10-12')).toBe(false);
    expect(describeDay(c, '2026-10-12')).toMatchObject({ working: false, reason: 'closure', periods: [] });
    expect(addWorkingDays(c, '2026-09-30', 5)).toBe('2026-10-14');
    expect(workingDayDeadline(c, at('2026-09-30T10:00'), 5).dueDate).toBe('2026-10-14');
  });

  it('closure also beats a national make-up working day', () => {
    const c = withOverrides([{ date: '2026-10-10', kind: 'closure' }]);
    expect(isWorkingDay(c, '2026-10-10')).toBe(false);
    expect(addWorkingDays(c, '2026-09-30', 5)).toBe('2026-10-14');
  });

  it('extra_workday makes a Sunday working (regular periods unless given)', () => {
    const c = withOverrides([{ date: '2026-10-11', kind: 'extra_workday' }]);
    expect(describeDay(c, '2026-10-11')).toMatchObject({ working: true, reason: 'extra_workday' });
    expect(openPeriods(c, '2026-10-11')).toEqual(openPeriods(cal, '2026-10-12'));
    expect(addWorkingDays(c, '2026-09-30', 5)).toBe('2026-10-12'); // 8, 9, 10, 11, 12
    expect(workingDaysBetween(c, '2026-09-30', '2026-10-12')).toBe(5);
  });

  it('extra_workday on a statutory holiday with its own periods', () => {
    const c = withOverrides([{ date: '2026-10-05', kind: 'extra_workday', periods: [{ start: '10:00', end: '15:00' }] }]);
    expect(openPeriods(c, '2026-10-05')).toEqual([{ start: '10:00', end: '15:00' }]);
    const r = workingDayDeadline(c, at('2026-09-30T10:00'), 1);
    expect(r.dueDate).toBe('2026-10-05');
    expect(r.dueAt).toBe(at('2026-10-05T15:00'));
  });

  it('half_day is working with reduced periods (default: the first regular period) and closes early', () => {
    const c = withOverrides([
      { date: '2026-10-13', kind: 'half_day' },
      { date: '2026-10-14', kind: 'half_day', periods: [{ start: '13:30', end: '16:00' }] },
    ]);
    expect(describeDay(c, '2026-10-13')).toEqual({ date: '2026-10-13', working: true, reason: 'half_day', periods: [{ start: '09:00', end: '12:00' }] });
    expect(openPeriods(c, '2026-10-14')).toEqual([{ start: '13:30', end: '16:00' }]);
    // Still a working day for counting…
    expect(addWorkingDays(c, '2026-09-30', 5)).toBe('2026-10-13');
    // …but the deadline closes at the end of the half day.
    expect(workingDayDeadline(c, at('2026-09-30T10:00'), 5).dueAt).toBe(at('2026-10-13T12:00'));
    expect(workingDayDeadline(c, at('2026-09-30T10:00'), 6).dueAt).toBe(at('2026-10-14T16:00'));
    // A receipt at 12:30 on the half day is after its close: counted from the next working day.
    expect(workingDayDeadline(c, at('2026-10-13T12:30'), 1).dueDate).toBe('2026-10-15');
    expect(workingDayDeadline(cal, at('2026-10-13T12:30'), 1).dueDate).toBe('2026-10-14');
  });

  it('overrides in an uncovered year do not make that year covered', () => {
    const c = withOverrides([{ date: '2027-01-04', kind: 'extra_workday' }]);
    expectYearMissing(() => isWorkingDay(c, '2027-01-04'), 2027);
  });

  it('inconsistent input is rejected with CalendarConfigError', () => {
    const bad: Array<() => unknown> = [
      () => withOverrides([{ date: '2026-10-12', kind: 'closure' }, { date: '2026-10-12', kind: 'half_day' }]),
      () => withOverrides([{ date: '2026-10-32', kind: 'closure' }]),
      () => withOverrides([{ date: '2026-10-12', kind: 'holiday' as 'closure' }]),
      () => withOverrides([{ date: '2026-10-12', kind: 'half_day', periods: [] }]),
      () => withOverrides([{ date: '2026-10-12', kind: 'half_day', periods: [{ start: '12:00', end: '09:00' }] }]),
      () => createWorkCalendar({ schedule: national, hours: { periods: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '17:00' }], utcOffsetMinutes: 480, weekdays: [1, 2, 3, 4, 5] } }),
      () => createWorkCalendar({ schedule: national, hours: { periods: [{ start: '25:00', end: '26:00' }], utcOffsetMinutes: 480, weekdays: [1] } }),
      () => createWorkCalendar({ schedule: national, hours: { periods: [{ start: '09:00', end: '17:00' }], utcOffsetMinutes: 480, weekdays: [7] } }),
      () => createWorkCalendar({ schedule: national, hours: { periods: [{ start: '09:00', end: '17:00' }], utcOffsetMinutes: 30.5, weekdays: [1] } }),
      () => createWorkCalendar({ schedule: { years: [], offDays: [], workdays: [] } }),
      () => createWorkCalendar({ schedule: { years: [2026], offDays: ['2026-10-10'], workdays: ['2026-10-10'] } }),
      () => createWorkCalendar({ schedule: { years: [2026], offDays: ['2026-1-1'], workdays: [] } }),
    ];
    bad.forEach((fn, n) => {
      expect(fn, `case ${n}`).toThrow(CalendarConfigError);
    });
    try {
      bad[0]();
    } catch (e) {
      expect((e as CalendarConfigError).code).toBe('calendar_config_invalid');
      expect((e as Error).message).toContain('2026-10-12');
    }
  });

  it('custom weekdays: a Monday–Saturday service counts Saturdays, not national holidays', () => {
    const c = createWorkCalendar({
      schedule: national,
      hours: { periods: [{ start: '08:00', end: '18:00' }], utcOffsetMinutes: 480, weekdays: [1, 2, 3, 4, 5, 6] },
    });
    expect(isWorkingDay(c, '2026-10-17')).toBe(true); // Saturday
    expect(isWorkingDay(c, '2026-10-03')).toBe(false); // Saturday inside National Day
    expect(describeDay(c, '2026-10-10').reason).toBe('weekday');
  });
});

// ---------------------------------------------------------------------------------------------
// Properties against a naive day-by-day reference built straight from the raw data.

const refHolidays = new Set(Object.keys(cdData.holidays));
const refWorkdays = new Set(Object.keys(cdData.workdays));
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
function refIsWorking(date: string): boolean {
  if (refWorkdays.has(date)) return true;
  if (refHolidays.has(date)) return false;
  const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
  return wd !== 0 && wd !== 6;
}
function refAdd(date: string, n: number): string {
  let t = Date.parse(`${date}T00:00:00Z`);
  const step = Math.sign(n) * DAY;
  for (let left = Math.abs(n); left > 0; ) {
    t += step;
    if (refIsWorking(iso(t))) left--;
  }
  return iso(t);
}

// Dates in 2006–2024 so that ±300 working days stays inside the data (2004–2026).
const dateArb = fc.integer({ min: Date.UTC(2006, 0, 1) / DAY, max: Date.UTC(2024, 11, 31) / DAY }).map((d) => iso(d * DAY));
const nArb = fc.integer({ min: -300, max: 300 });

describe('properties (fast-check)', () => {
  it('agrees with a naive day-by-day reference implementation', () => {
    fc.assert(
      fc.property(dateArb, nArb, (d, n) => {
        expect(addWorkingDays(cal, d, n)).toBe(refAdd(d, n));
        expect(isWorkingDay(cal, d)).toBe(refIsWorking(d));
      }),
      { numRuns: 500 },
    );
  });

  it('the result is a working day (n ≠ 0) and lies on the right side of the date', () => {
    fc.assert(
      fc.property(dateArb, nArb.filter((n) => n !== 0), (d, n) => {
        const r = addWorkingDays(cal, d, n);
        expect(isWorkingDay(cal, r)).toBe(true);
        expect(n > 0 ? r > d : r < d).toBe(true);
      }),
    );
  });

  it('workingDaysBetween(d, addWorkingDays(d, n)) === n (n ≥ 0, or d a working day)', () => {
    fc.assert(
      fc.property(dateArb, nArb, (d, n) => {
        const between = workingDaysBetween(cal, d, addWorkingDays(cal, d, n));
        // from < x <= to counting: going backwards from a non-working day, d itself is not one
        // of the counted days, so the count is one short (documented in workingDaysBetween).
        expect(between).toBe(n >= 0 || isWorkingDay(cal, d) ? n : n + 1);
      }),
      { numRuns: 300 },
    );
  });

  it('workingDaysBetween is antisymmetric and additive', () => {
    fc.assert(
      fc.property(dateArb, dateArb, dateArb, (a, b, c) => {
        expect(workingDaysBetween(cal, a, b) + workingDaysBetween(cal, b, a)).toBe(0);
        expect(workingDaysBetween(cal, a, b) + workingDaysBetween(cal, b, c)).toBe(workingDaysBetween(cal, a, c));
      }),
    );
  });

  it('is strictly monotonic in n', () => {
    fc.assert(
      fc.property(dateArb, nArb, nArb, (d, a, b) => {
        fc.pre(a !== b);
        const [lo, hi] = a < b ? [a, b] : [b, a];
        expect(addWorkingDays(cal, d, lo) < addWorkingDays(cal, d, hi)).toBe(true);
      }),
    );
  });

  it('composes: addWorkingDays(addWorkingDays(d, a), b) === addWorkingDays(d, a + b) for a working day d', () => {
    fc.assert(
      // a, b within ±150 so that a + b stays inside the covered years.
      fc.property(dateArb, fc.integer({ min: -150, max: 150 }), fc.integer({ min: -150, max: 150 }), (d0, a, b) => {
        const d = isWorkingDay(cal, d0) ? d0 : nextWorkingDay(cal, d0);
        expect(addWorkingDays(cal, addWorkingDays(cal, d, a), b)).toBe(addWorkingDays(cal, d, a + b));
      }),
    );
  });

  it('workingDaysInRange agrees with isWorkingDay day by day', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 60 }), (from, span) => {
        const to = iso(Date.parse(`${from}T00:00:00Z`) + span * DAY);
        const expected: string[] = [];
        for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY) {
          if (refIsWorking(iso(t))) expected.push(iso(t));
        }
        expect(workingDaysInRange(cal, from, to)).toEqual(expected);
      }),
    );
  });

  it('invalid date strings throw InvalidDateError', () => {
    const impossible = fc
      .record({ y: fc.integer({ min: 2004, max: 2026 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 29, max: 31 }) })
      .filter(({ y, m, d }) => d > new Date(Date.UTC(y, m, 0)).getUTCDate())
      .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${d}`);
    const badMonth = fc
      .record({ y: fc.integer({ min: 2004, max: 2026 }), m: fc.oneof(fc.constant(0), fc.integer({ min: 13, max: 99 })), d: fc.integer({ min: 1, max: 28 }) })
      .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    const garbage = fc.string({ maxLength: 12 }).filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s));
    const unpadded = fc
      .record({ y: fc.integer({ min: 2004, max: 2026 }), m: fc.integer({ min: 1, max: 9 }), d: fc.integer({ min: 1, max: 28 }) })
      .map(({ y, m, d }) => `${y}-${m}-${String(d).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.oneof(impossible, badMonth, garbage, unpadded), fc.integer({ min: -5, max: 5 }), (s, n) => {
        expect(() => addWorkingDays(cal, s, n)).toThrow(InvalidDateError);
        expect(() => isWorkingDay(cal, s)).toThrow(InvalidDateError);
      }),
    );
  });
});
