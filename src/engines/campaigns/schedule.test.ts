import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { activePhases, addDays, daysBetween, dueDateOf, endOfLength, monthPartSpan, resolveSchedule, spansOverlap, specSpan } from './index.js';

const yearArb = fc.integer({ min: 1900, max: 2200 });
const monthArb = fc.integer({ min: 1, max: 12 });

describe('上旬 / 中旬 / 下旬 (RULES §8 decision)', () => {
  it('are days 1–10, 11–20 and 21 to the month end', () => {
    expect(monthPartSpan(2026, 3, 'early')).toEqual({ from: '2026-03-01', to: '2026-03-10' });
    expect(monthPartSpan(2026, 3, 'mid')).toEqual({ from: '2026-03-11', to: '2026-03-20' });
    expect(monthPartSpan(2026, 3, 'late')).toEqual({ from: '2026-03-21', to: '2026-03-31' });
    expect(monthPartSpan(2024, 2, 'late')).toEqual({ from: '2024-02-21', to: '2024-02-29' });
    expect(monthPartSpan(2026, 2, 'late').to).toBe('2026-02-28');
  });

  it('never overlap and together cover the month, day after day', () => {
    fc.assert(
      fc.property(yearArb, monthArb, (y, m) => {
        const [a, b, c] = (['early', 'mid', 'late'] as const).map((p) => monthPartSpan(y, m, p));
        const whole = monthPartSpan(y, m, 'month');
        expect(spansOverlap(a, b) || spansOverlap(b, c) || spansOverlap(a, c)).toBe(false);
        expect(a.from).toBe(whole.from);
        expect(addDays(a.to, 1)).toBe(b.from);
        expect(addDays(b.to, 1)).toBe(c.from);
        expect(c.to).toBe(whole.to);
      }),
    );
  });

  it('phases given as 上旬 and 中旬 of one month do not overlap (issue 18 acceptance)', () => {
    const r = resolveSchedule(2026, [
      { code: 'a', timing: { from: { month: 4, part: 'early' }, to: { month: 4, part: 'early' } } },
      { code: 'b', timing: { from: { month: 4, part: 'mid' }, to: { month: 4, part: 'mid' } } },
    ]);
    if (!r.ok) throw new Error('resolves');
    expect(spansOverlap(r.phases[0], r.phases[1])).toBe(false);
    expect(activePhases(r.phases, '2026-04-10').map((p) => p.code)).toEqual(['a']);
    expect(activePhases(r.phases, '2026-04-11').map((p) => p.code)).toEqual(['b']);
  });
});

describe('resolveSchedule', () => {
  it('Taixing 2013: 2月下旬–3月上旬, 3月中旬–11月, 12月中旬, 12月下旬 (001:L51, L57, L77, L79)', () => {
    const r = resolveSchedule(2013, [
      { code: 'mobilise', timing: { from: { month: 2, part: 'late' }, to: { month: 3, part: 'early' } } },
      { code: 'implement', timing: { from: { month: 3, part: 'mid' }, to: { month: 11, part: 'month' } } },
      { code: 'rectify', timing: { from: { month: 12, part: 'mid' }, to: { month: 12, part: 'mid' } } },
      { code: 'summarise', timing: { from: { month: 12, part: 'late' }, to: { month: 12, part: 'late' } } },
    ]);
    expect(r).toEqual({
      ok: true,
      phases: [
        { code: 'mobilise', from: '2013-02-21', to: '2013-03-10' },
        { code: 'implement', from: '2013-03-11', to: '2013-11-30' },
        { code: 'rectify', from: '2013-12-11', to: '2013-12-20' },
        { code: 'summarise', from: '2013-12-21', to: '2013-12-31' },
      ],
    });
  });

  it('overlapping phases of the hospital quality year are all active on a day (003:L137–144)', () => {
    const r = resolveSchedule(2026, [
      { code: 'mobilise', timing: { from: { month: 3, day: 17 }, to: { month: 4, day: 1 } } },
      { code: 'self_check', timing: { from: { month: 4, day: 1 }, to: { month: 12, day: 31 } } },
      { code: 'supervise', timing: { from: { month: 6, day: 1 }, to: { month: 12, day: 31 } } },
      { code: 'summarise', timing: { from: { month: 12, day: 1 }, to: { month: 12, day: 31 } } },
    ]);
    if (!r.ok) throw new Error('resolves');
    expect(activePhases(r.phases, '2026-04-01').map((p) => p.code)).toEqual(['mobilise', 'self_check']);
    expect(activePhases(r.phases, '2026-12-15').map((p) => p.code)).toEqual(['self_check', 'supervise', 'summarise']);
    expect(activePhases(r.phases, '2026-03-16')).toEqual([]);
    expect(activePhases(r.phases, '2027-01-01')).toEqual([]);
  });

  it('crosses years: Hefei 2013-12-31 to 2014-01-30, then to 2014-02-28 (002:L76, L78)', () => {
    const r = resolveSchedule(2013, [
      { code: 'study', timing: { from: { month: 12, day: 31 }, to: { month: 1, day: 30, yearOffset: 1 } } },
      { code: 'implement', timing: { from: { month: 1, day: 31, yearOffset: 1 }, to: { month: 2, day: 28, yearOffset: 1 } } },
      { code: 'accept', timing: { after: 'previous', length: { months: 1 } } },
    ]);
    expect(r).toEqual({
      ok: true,
      phases: [
        { code: 'study', from: '2013-12-31', to: '2014-01-30' },
        { code: 'implement', from: '2014-01-31', to: '2014-02-28' },
        { code: 'accept', from: '2014-03-01', to: '2014-03-31' },
      ],
    });
  });

  it('a duration starts the day after the previous phase ends; 半个月 from the 1st ends on the 15th (RULES §8 decision)', () => {
    const r = resolveSchedule(2026, [
      { code: 'a', timing: { from: { month: 7, part: 'month' }, to: { month: 7, part: 'month' } } },
      { code: 'b', timing: { after: 'previous', length: { halfMonths: 1 } } },
      { code: 'c', timing: { after: 'previous', length: { halfMonths: 1 } } },
      { code: 'd', timing: { after: 'previous', length: { days: 10 } } },
    ]);
    if (!r.ok) throw new Error('resolves');
    expect(r.phases.map((p) => [p.from, p.to])).toEqual([
      ['2026-07-01', '2026-07-31'],
      ['2026-08-01', '2026-08-15'],
      ['2026-08-16', '2026-08-31'],
      ['2026-09-01', '2026-09-10'],
    ]);
  });

  it('reports every impossible phase with its index', () => {
    const r = resolveSchedule(2026, [
      { code: 'a', timing: { after: 'previous', length: { days: 3 } } },
      { code: 'b', timing: { from: { month: 2, day: 30 }, to: { month: 13, part: 'early' } } },
      { code: 'c', timing: { from: { month: 5, day: 2 }, to: { month: 5, day: 1 } } },
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['phases.0.timing', 'no_previous_phase'],
      ['phases.1.timing.from', 'invalid_date'],
      ['phases.1.timing.to', 'invalid_date'],
      ['phases.2.timing.to', 'ends_before_start'],
    ]);
  });

  it('chained durations never overlap and never leave a gap', () => {
    const lengthArb = fc.oneof(
      fc.record({ days: fc.integer({ min: 1, max: 400 }) }),
      fc.record({ months: fc.integer({ min: 1, max: 14 }) }),
      fc.record({ halfMonths: fc.integer({ min: 1, max: 5 }) }),
    );
    fc.assert(
      fc.property(yearArb, monthArb, fc.constantFrom('early', 'mid', 'late', 'month' as const), fc.array(lengthArb, { minLength: 1, maxLength: 6 }), (y, m, part, lengths) => {
        const r = resolveSchedule(y, [
          { code: 'p0', timing: { from: { month: m, part }, to: { month: m, part } } },
          ...lengths.map((length, i) => ({ code: `p${i + 1}`, timing: { after: 'previous' as const, length } })),
        ]);
        if (!r.ok) throw new Error(JSON.stringify(r.issues));
        for (let i = 1; i < r.phases.length; i++) {
          expect(addDays(r.phases[i - 1].to, 1)).toBe(r.phases[i].from);
          expect(r.phases[i].to >= r.phases[i].from).toBe(true);
        }
      }),
    );
  });
});

describe('deadlines', () => {
  it('"3月底前" is 31 March and "5月6日前" is 6 May, included (001:L59, L757)', () => {
    expect(dueDateOf(2013, { month: 3, part: 'month' })).toBe('2013-03-31');
    expect(dueDateOf(2011, { month: 5, day: 6 })).toBe('2011-05-06');
    // "次年1月10日前" (001:L687)
    expect(dueDateOf(2016, { month: 1, day: 10, yearOffset: 1 })).toBe('2017-01-10');
  });

  it('a deadline on a Saturday stays on the Saturday (RULES §8 decision)', () => {
    expect(dueDateOf(2026, { month: 3, day: 28 })).toBe('2026-03-28');
  });

  it('refuses days that do not exist', () => {
    expect(() => specSpan(2026, { month: 2, day: 29 })).toThrow(RangeError);
    expect(() => specSpan(2026, { date: '2026-02-30' })).toThrow(RangeError);
    expect(specSpan(2024, { month: 2, day: 29 }).from).toBe('2024-02-29');
  });

  it('endOfLength of n days is n − 1 days after the start', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_900_000 }), fc.integer({ min: 1, max: 1000 }), (dn, n) => {
        const start = addDays('1970-01-01', dn);
        expect(daysBetween(start, endOfLength(start, { days: n }))).toBe(n - 1);
      }),
    );
  });
});
