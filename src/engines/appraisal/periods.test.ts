/** Appraisal periods (考核周期: week, month, quarter — the pack's choice, issue #21). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { periodContaining, periodOf, previousPeriods, type PeriodKind } from './index.js';

describe('periodOf', () => {
  it('labels months, quarters and ISO weeks with inclusive dates', () => {
    expect(periodOf('monthly', '2026-11')).toEqual({ kind: 'monthly', label: '2026-11', from: '2026-11-01', to: '2026-11-30' });
    expect(periodOf('monthly', '2028-02').to).toBe('2028-02-29');
    expect(periodOf('quarterly', '2026-Q4')).toEqual({ kind: 'quarterly', label: '2026-Q4', from: '2026-10-01', to: '2026-12-31' });
    expect(periodOf('weekly', '2026-W47')).toEqual({ kind: 'weekly', label: '2026-W47', from: '2026-11-16', to: '2026-11-22' });
    // ISO week 1 of 2026 starts on Monday 2025-12-29 (it holds 4 January)
    expect(periodOf('weekly', '2026-W01').from).toBe('2025-12-29');
    expect(periodOf('weekly', '2026-W53').to).toBe('2027-01-03');
  });
  it('refuses labels that name no period', () => {
    for (const [kind, label] of [['weekly', '2025-W53'], ['weekly', '2026-W00'], ['monthly', '2026-13'], ['monthly', '2026-1'], ['quarterly', '2026-Q5'], ['monthly', 'x'], ['daily', '2026-11']] as const) {
      expect(() => periodOf(kind as PeriodKind, label)).toThrow(expect.objectContaining({ code: 'appraisal_period_invalid' }));
    }
  });
});

describe('periodContaining and previousPeriods', () => {
  it('finds the ISO week-year across the new year', () => {
    expect(periodContaining('weekly', '2027-01-01').label).toBe('2026-W53');
    expect(periodContaining('weekly', '2024-12-30').label).toBe('2025-W01');
    expect(periodContaining('quarterly', '2026-11-05').label).toBe('2026-Q4');
  });
  it('steps back the latest first', () => {
    expect(previousPeriods(periodOf('monthly', '2026-01'), 2).map((p) => p.label)).toEqual(['2025-12', '2025-11']);
    expect(previousPeriods(periodOf('weekly', '2026-W01'), 1)[0].label).toBe('2025-W52');
    expect(previousPeriods(periodOf('quarterly', '2026-Q1'), 1)[0].label).toBe('2025-Q4');
    expect(() => previousPeriods(periodOf('monthly', '2026-01'), -1)).toThrow(expect.objectContaining({ code: 'appraisal_period_invalid' }));
  });
  it('every day lies in exactly the period periodContaining names, and periods tile the calendar', () => {
    const day = fc.integer({ min: Date.UTC(1990, 0, 1) / 864e5, max: Date.UTC(2090, 0, 1) / 864e5 }).map((n) => new Date(n * 864e5).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.constantFrom<PeriodKind>('weekly', 'monthly', 'quarterly'), (d, kind) => {
        const p = periodContaining(kind, d);
        expect(p.from <= d && d <= p.to).toBe(true);
        expect(periodOf(kind, p.label)).toEqual(p);
        const [prev] = previousPeriods(p, 1);
        const next = new Date(Date.parse(`${prev.to}T00:00:00Z`) + 864e5).toISOString().slice(0, 10);
        expect(next).toBe(p.from);
      }),
    );
  });
});
