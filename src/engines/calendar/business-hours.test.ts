import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CalendarYearMissingError,
  addBusinessMinutes,
  businessMinutesBetween,
  createWorkCalendar,
  effectiveReceiptDate,
  isWorkingDay,
  localDateOf,
  openPeriods,
  shiftWorkingDays,
  workingDayDeadline,
  type WorkCalendar,
} from './index.js';
import { at, local, nationalSchedule as national, windowHours } from '../../test-support/calendar.js';

const HOURS = windowHours('17:30');
const cal = createWorkCalendar({ schedule: national, hours: HOURS });

describe('effectiveReceiptDate (RULES §1 Decisions: after closing time → next working day)', () => {
  it('during hours, before opening and at lunch: the local date', () => {
    expect(effectiveReceiptDate(cal, at('2026-10-16T10:00'))).toBe('2026-10-16');
    expect(effectiveReceiptDate(cal, at('2026-10-16T07:00'))).toBe('2026-10-16');
    expect(effectiveReceiptDate(cal, at('2026-10-16T12:30'))).toBe('2026-10-16');
    expect(effectiveReceiptDate(cal, at('2026-10-16T17:29') + 59_999)).toBe('2026-10-16');
    // 00:30 local is still the previous UTC day: the local date must be used.
    expect(effectiveReceiptDate(cal, at('2026-10-16T00:30'))).toBe('2026-10-16');
  });

  it('at or after the close of business, or on a non-working day: the next working day', () => {
    expect(effectiveReceiptDate(cal, at('2026-10-16T17:30'))).toBe('2026-10-19'); // Friday → Monday
    expect(effectiveReceiptDate(cal, at('2026-10-16T18:30'))).toBe('2026-10-19');
    expect(effectiveReceiptDate(cal, at('2026-10-17T10:00'))).toBe('2026-10-19'); // Saturday
    expect(effectiveReceiptDate(cal, at('2026-10-03T10:00'))).toBe('2026-10-08'); // National Day
    expect(effectiveReceiptDate(cal, at('2026-09-30T20:00'))).toBe('2026-10-08');
    expect(effectiveReceiptDate(cal, at('2026-10-09T23:59'))).toBe('2026-10-10'); // make-up Saturday
  });
});

describe('workingDayDeadline', () => {
  it('counts from the effective receipt date, due at the close of business', () => {
    // RULES §1 / 002:L103: 5 working days, day of receipt not counted.
    expect(workingDayDeadline(cal, at('2026-09-30T10:00'), 5)).toEqual({ dueDate: '2026-10-13', dueAt: at('2026-10-13T17:30') });
    // Received on a holiday → counts as received 10-08 (not counted) → 9, 10, 12, 13, 14.
    expect(workingDayDeadline(cal, at('2026-10-03T10:00'), 5).dueDate).toBe('2026-10-14');
    // Friday evening → Monday.
    expect(workingDayDeadline(cal, at('2026-10-16T18:30'), 5).dueDate).toBe('2026-10-26');
  });

  it('days = 0 (即办, RULES §1 / 004:L188) is due at the close of the receipt day', () => {
    expect(workingDayDeadline(cal, at('2026-10-16T10:00'), 0)).toEqual({ dueDate: '2026-10-16', dueAt: at('2026-10-16T17:30') });
    expect(workingDayDeadline(cal, at('2026-10-16T18:00'), 0)).toEqual({ dueDate: '2026-10-19', dueAt: at('2026-10-19T17:30') });
  });

  it('rejects non-integer days and reports a missing year', () => {
    expect(() => workingDayDeadline(cal, at('2026-10-16T10:00'), 2.5)).toThrow(RangeError);
    expect(() => workingDayDeadline(cal, Number.NaN, 2)).toThrow(RangeError);
    expect(() => workingDayDeadline(cal, at('2026-12-31T18:00'), 1)).toThrow(CalendarYearMissingError);
    expect(() => workingDayDeadline(cal, at('2027-01-04T10:00'), 1)).toThrow(/2027/);
  });

  it('names what it was placing when the next year has no schedule (worded only then)', () => {
    expect(() => workingDayDeadline(cal, at('2026-12-30T10:00'), 5)).toThrow(/No holiday schedule is loaded for 2027 \(a deadline of 5 working days from 2026-12-30\)/);
    expect(() => shiftWorkingDays(cal, at('2026-12-30T10:00'), 5)).toThrow(/2027 \(5 working days from 2026-12-30T02:00:00\.000Z\)/);
  });
});

describe('addBusinessMinutes / businessMinutesBetween', () => {
  it('skips the lunch break and the night', () => {
    expect(local(addBusinessMinutes(cal, at('2026-10-15T11:30'), 60))).toBe('2026-10-15T14:00');
    expect(local(addBusinessMinutes(cal, at('2026-10-15T17:00'), 60))).toBe('2026-10-16T09:30');
    expect(local(addBusinessMinutes(cal, at('2026-10-15T09:00'), 420))).toBe('2026-10-15T17:30'); // a full day
    expect(local(addBusinessMinutes(cal, at('2026-10-15T09:00'), 421))).toBe('2026-10-16T09:01');
  });

  it('ends at a period end rather than the next opening', () => {
    expect(local(addBusinessMinutes(cal, at('2026-10-15T09:00'), 180))).toBe('2026-10-15T12:00');
    expect(local(addBusinessMinutes(cal, at('2026-10-15T12:00'), 0))).toBe('2026-10-15T12:00');
  });

  it('a start before opening, after closing or on a holiday begins at the next opening', () => {
    expect(local(addBusinessMinutes(cal, at('2026-10-15T08:00'), 30))).toBe('2026-10-15T09:30');
    expect(local(addBusinessMinutes(cal, at('2026-10-15T12:45'), 30))).toBe('2026-10-15T14:00');
    expect(local(addBusinessMinutes(cal, at('2026-10-16T18:00'), 30))).toBe('2026-10-19T09:30'); // Friday → Monday
    expect(local(addBusinessMinutes(cal, at('2026-10-03T10:00'), 60))).toBe('2026-10-08T10:00'); // holiday
    expect(local(addBusinessMinutes(cal, at('2026-10-09T17:00'), 60))).toBe('2026-10-10T09:30'); // make-up Saturday
  });

  it('negative minutes go backwards (landing on a period start, not the previous end)', () => {
    expect(local(addBusinessMinutes(cal, at('2026-10-15T14:00'), -60))).toBe('2026-10-15T11:30');
    expect(local(addBusinessMinutes(cal, at('2026-10-15T14:00'), -30))).toBe('2026-10-15T13:30');
    expect(local(addBusinessMinutes(cal, at('2026-10-08T09:30'), -60))).toBe('2026-09-30T17:00');
  });

  it('businessMinutesBetween counts open time only, negative when reversed', () => {
    expect(businessMinutesBetween(cal, at('2026-10-15T11:00'), at('2026-10-15T14:00'))).toBe(90);
    expect(businessMinutesBetween(cal, at('2026-10-16T16:30'), at('2026-10-19T10:00'))).toBe(120);
    expect(businessMinutesBetween(cal, at('2026-10-19T10:00'), at('2026-10-16T16:30'))).toBe(-120);
    expect(businessMinutesBetween(cal, at('2026-09-30T17:00'), at('2026-10-08T09:30'))).toBe(60); // over National Day
    expect(businessMinutesBetween(cal, at('2026-10-03T08:00'), at('2026-10-04T20:00'))).toBe(0);
  });

  it('half days and closures change the open time', () => {
    const c = createWorkCalendar({
      schedule: national,
      hours: HOURS,
      overrides: [
        { date: '2026-10-15', kind: 'half_day' },
        { date: '2026-10-16', kind: 'closure' },
      ],
    });
    expect(openPeriods(c, '2026-10-15')).toEqual([{ start: '09:00', end: '12:00' }]);
    expect(local(addBusinessMinutes(c, at('2026-10-15T11:00'), 90))).toBe('2026-10-19T09:30');
    expect(businessMinutesBetween(c, at('2026-10-15T08:00'), at('2026-10-19T08:00'))).toBe(180);
    expect(effectiveReceiptDate(c, at('2026-10-15T13:00'))).toBe('2026-10-19');
  });

  it('24-hour service (00:00–24:00) counts wall-clock minutes on working days; utcOffset 0 works', () => {
    const c = createWorkCalendar({ schedule: national, hours: { periods: [{ start: '00:00', end: '24:00' }], utcOffsetMinutes: 0, weekdays: [0, 1, 2, 3, 4, 5, 6] } });
    const t = Date.parse('2026-10-12T23:00:00Z');
    expect(addBusinessMinutes(c, t, 120)).toBe(Date.parse('2026-10-13T01:00:00Z'));
    expect(businessMinutesBetween(c, Date.parse('2026-09-30T12:00:00Z'), Date.parse('2026-10-08T12:00:00Z'))).toBe(24 * 60); // Oct 1–7 off
    expect(workingDayDeadline(c, Date.parse('2026-10-12T10:00:00Z'), 1).dueAt).toBe(Date.parse('2026-10-14T00:00:00Z'));
  });

  it('reports a missing year instead of running past the schedule', () => {
    expect(() => addBusinessMinutes(cal, at('2026-12-31T10:00'), 600)).toThrow(CalendarYearMissingError);
    expect(() => addBusinessMinutes(cal, at('2004-01-02T10:00'), -600)).toThrow(/2003/);
    expect(() => businessMinutesBetween(cal, at('2026-12-31T10:00'), at('2027-01-04T10:00'))).toThrow(/2027/);
    expect(() => addBusinessMinutes(cal, at('2026-10-15T10:00'), Number.NaN)).toThrow(RangeError);
    expect(local(addBusinessMinutes(cal, at('2026-12-31T10:00'), 360))).toBe('2026-12-31T17:30'); // the last open minute of 2026
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

/** Naive reference: open minutes in [from, to) by stepping minute by minute. */
function refMinutes(c: WorkCalendar, from: number, to: number): number {
  let n = 0;
  for (let t = from; t < to; t += 60_000) {
    const l = local(t);
    const day = l.slice(0, 10);
    if (!isWorkingDay(c, day)) continue;
    const hm = l.slice(11, 16);
    if (openPeriods(c, day).some((p) => p.start <= hm && hm < p.end)) n++;
  }
  return n;
}

const MIN = 60_000;
// Minute-aligned instants in 2005–2025.
const instantArb = fc.integer({ min: Date.UTC(2005, 0, 1) / MIN, max: Date.UTC(2025, 11, 1) / MIN }).map((m) => m * MIN);

describe('business-hours properties (fast-check)', () => {
  it('businessMinutesBetween(s, addBusinessMinutes(s, m)) === m', () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: -20_000, max: 20_000 }), (s, m) => {
        expect(businessMinutesBetween(cal, s, addBusinessMinutes(cal, s, m))).toBe(m);
      }),
      { numRuns: 500 },
    );
  });

  it('addBusinessMinutes ends inside (or at the end of) an open period, and is monotonic', () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 5000 }), (s, a, b) => {
        const r = addBusinessMinutes(cal, s, a);
        const l = local(r);
        const hm = l.slice(11, 16);
        expect(openPeriods(cal, l.slice(0, 10)).some((p) => p.start < hm && hm <= p.end)).toBe(true);
        expect(addBusinessMinutes(cal, s, a + b)).toBeGreaterThan(r);
        expect(addBusinessMinutes(cal, r, b)).toBe(addBusinessMinutes(cal, s, a + b));
      }),
    );
  });

  it('businessMinutesBetween agrees with a minute-by-minute reference', () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: 0, max: 6 * 1440 }), (from, span) => {
        const to = from + span * MIN;
        expect(businessMinutesBetween(cal, from, to)).toBe(refMinutes(cal, from, to));
      }),
      { numRuns: 60 },
    );
  });

  it('effectiveReceiptDate is a working day, never before the local date, and the deadline is after receipt', () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: 0, max: 30 }), (t, n) => {
        const d = effectiveReceiptDate(cal, t);
        expect(isWorkingDay(cal, d)).toBe(true);
        expect(d >= local(t).slice(0, 10)).toBe(true);
        const { dueAt } = workingDayDeadline(cal, t, n);
        expect(dueAt).toBeGreaterThan(t);
      }),
    );
  });
});

describe('localDateOf', () => {
  it('is the civil date at the UTC offset, and needs no schedule: an instant in an unloaded year has a date too', () => {
    expect(localDateOf(cal, Date.parse('2026-12-31T15:59:59Z'))).toBe('2026-12-31'); // 23:59:59 in Beijing
    expect(localDateOf(cal, Date.parse('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(localDateOf(cal, Date.parse('2031-06-15T02:00:00Z'))).toBe('2031-06-15');
    // …while anything that needs that year's working days still refuses to guess (RULES §1).
    expect(() => addBusinessMinutes(cal, Date.parse('2031-06-15T02:00:00Z'), 60)).toThrow(CalendarYearMissingError);
  });

  it('property: agrees with shifting the instant by the offset', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('1990-01-01T00:00:00Z'), max: Date.parse('2060-01-01T00:00:00Z') }), (t) => {
        expect(localDateOf(cal, t)).toBe(new Date(t + 8 * 3_600_000).toISOString().slice(0, 10));
      }),
    );
  });
});
