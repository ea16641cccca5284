import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CaseClock, CasesTable } from '../../db/types.js';
import { followUpFigures } from './figures.js';

const statuses = ['pending', 'link_sent', 'reached', 'completed', 'refused', 'unreachable'] as const;

const row = (id: string, status: string, satisfaction: number | null): CasesTable =>
  ({ id, status, data: JSON.stringify(satisfaction === null ? {} : { answers: { satisfaction } }) }) as unknown as CasesTable;
const clock = (caseId: string, due: number, stopped: number | null): CaseClock => ({ case_id: caseId, due_at: due, stopped_at: stopped }) as unknown as CaseClock;

describe('followUpFigures', () => {
  it('counts reach over ended follow-ups, on time over decided clocks, satisfaction over answers (exact)', () => {
    const rows = [row('a', 'completed', 5), row('b', 'completed', 2), row('c', 'unreachable', null), row('d', 'refused', null), row('e', 'pending', null)];
    const clocks = [clock('a', 100, 90), clock('b', 100, 150), clock('c', 100, 80), clock('d', 100, 100), clock('e', 100, null)];
    const f = followUpFigures(rows, clocks, [4, 5], 120);
    expect(f.reachRate).toEqual({ numerator: 3, denominator: 4, value: 0.75 });
    // e is overdue at 120 and not done: decided and late.
    expect(f.onTime).toEqual({ numerator: 3, denominator: 5, value: 0.6 });
    expect(f.satisfaction).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    expect(f.unreachable).toBe(1);
  });

  it('property: every rate is a fraction with numerator ≤ denominator ≤ follow-ups', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ status: fc.constantFrom(...statuses), sat: fc.option(fc.integer({ min: 1, max: 5 })), due: fc.integer({ min: 0, max: 1000 }), stopped: fc.option(fc.integer({ min: 0, max: 1000 })) }), { maxLength: 40 }), fc.integer({ min: 0, max: 1000 }), (list, now) => {
        const rows = list.map((x, i) => row(String(i), x.status, x.sat));
        const clocks = list.map((x, i) => clock(String(i), x.due, x.stopped));
        const f = followUpFigures(rows, clocks, [4, 5], now);
        for (const r of [f.reachRate, f.onTime, f.satisfaction]) {
          expect(r.numerator).toBeLessThanOrEqual(r.denominator);
          expect(r.denominator).toBeLessThanOrEqual(list.length);
          expect(r.value).toBe(r.denominator ? r.numerator / r.denominator : null);
        }
      }),
    );
  });
});
