import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, deliverableState, lateDays, missingMonthlyReports, monthsOfSpan, reminderDaysDue } from './index.js';

const dayArb = fc.integer({ min: 0, max: 2_900_000 }).map((n) => addDays('1970-01-01', n));

describe('lateDays', () => {
  it('a deliverable due 31 March and submitted on 1 April is one day late (issue 18 acceptance)', () => {
    expect(lateDays('2026-03-31', '2026-04-01')).toBe(1);
    expect(lateDays('2026-03-31', '2026-03-31')).toBe(0);
    expect(lateDays('2026-03-31', '2026-03-01')).toBe(0);
    expect(lateDays('2026-12-31', '2027-01-10')).toBe(10);
  });

  it('is 0 up to the due day and n on the n-th day after it', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: -400, max: 400 }), (due, n) => {
        expect(lateDays(due, addDays(due, n))).toBe(Math.max(0, n));
      }),
    );
  });
});

describe('deliverableState', () => {
  it('done, late, missing or pending', () => {
    expect(deliverableState('2026-03-31', '2026-03-30', '2026-05-01')).toBe('done');
    expect(deliverableState('2026-03-31', '2026-04-01', '2026-05-01')).toBe('late');
    expect(deliverableState('2026-03-31', null, '2026-04-01')).toBe('missing');
    expect(deliverableState('2026-03-31', null, '2026-03-31')).toBe('pending');
  });
});

describe('monthly reports (003:L166; 001:L679)', () => {
  it('cover every month the campaign touches, across the year end', () => {
    expect(monthsOfSpan({ from: '2013-12-31', to: '2014-03-31' })).toEqual(['2013-12', '2014-01', '2014-02', '2014-03']);
    expect(monthsOfSpan({ from: '2026-04-05', to: '2026-04-06' })).toEqual(['2026-04']);
  });

  it('a month not reported is missing once it has ended (plus the grace days)', () => {
    const span = { from: '2026-03-17', to: '2026-12-31' };
    expect(missingMonthlyReports(span, new Set(['2026-03']), '2026-04-30')).toEqual([]);
    expect(missingMonthlyReports(span, new Set(['2026-03']), '2026-05-01')).toEqual(['2026-04']);
    expect(missingMonthlyReports(span, new Set(), '2026-05-05', 5)).toEqual(['2026-03']);
    expect(missingMonthlyReports(span, new Set(), '2026-05-06', 5)).toEqual(['2026-03', '2026-04']);
  });
});

describe('reminderDaysDue', () => {
  it('names the reminders whose day has come, until the due day', () => {
    expect(reminderDaysDue('2026-03-31', [7, 1], '2026-03-23')).toEqual([]);
    expect(reminderDaysDue('2026-03-31', [7, 1], '2026-03-24')).toEqual([7]);
    expect(reminderDaysDue('2026-03-31', [7, 1], '2026-03-30')).toEqual([1, 7]);
    expect(reminderDaysDue('2026-03-31', [7, 1], '2026-04-01')).toEqual([]);
  });
});
