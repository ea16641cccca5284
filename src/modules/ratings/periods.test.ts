import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closedMonthsWithin, daysAround } from './periods.js';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const base = Date.UTC(2023, 0, 1);
const dates = fc.integer({ min: 0, max: 1500 }).map((n) => day(base + n * 86_400_000));
const everyDay = (from: string, to: string) => {
  const out: string[] = [];
  for (let ms = Date.parse(`${from}T00:00:00Z`); day(ms) <= to; ms += 86_400_000) out.push(day(ms));
  return out;
};

describe('closed months and the days around them', () => {
  it('takes the whole months that ended before today', () => {
    expect(closedMonthsWithin({ from: '2025-12-01', to: '2026-11-30' }, '2026-11-20')).toHaveLength(11);
    expect(closedMonthsWithin({ from: '2024-02-01', to: '2024-02-29' }, '2024-03-01')).toEqual(['2024-02']); // leap February
    expect(closedMonthsWithin({ from: '2024-02-02', to: '2024-03-31' }, '2024-05-01')).toEqual(['2024-03']);
    expect(closedMonthsWithin({ from: '2024-02-01', to: '2024-02-28' }, '2024-05-01')).toEqual([]); // not the whole month
    expect(closedMonthsWithin({ from: '2026-11-01', to: '2026-11-30' }, '2026-11-30')).toEqual([]); // today is in it
  });

  it('splits a range into closed months and days that cover each day exactly once', () => {
    fc.assert(
      fc.property(dates, dates, dates, (a, b, today) => {
        const range = a <= b ? { from: a, to: b } : { from: b, to: a };
        const months = closedMonthsWithin(range, today);
        const covered = [...months.flatMap((m) => everyDay(`${m}-01`, range.to).filter((d) => d.startsWith(m))), ...daysAround(range, months).flatMap((r) => everyDay(r.from, r.to))].sort();
        expect(covered).toEqual(everyDay(range.from, range.to));
        for (const m of months) expect(`${m}-32` < today).toBe(true);
        // The months run consecutively, so one month range reads them all.
        for (let i = 1; i < months.length; i++) expect(everyDay(`${months[i - 1]}-28`, `${months[i]}-01`).length).toBeLessThanOrEqual(5);
      }),
      { numRuns: 300 },
    );
  });
});
