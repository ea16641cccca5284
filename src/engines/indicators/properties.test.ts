/**
 * Properties of the competition engine over generated figures (fast-check): every indicator but
 * a deduction lies within [0, cap × weight]; a better figure never scores less (monotonicity);
 * the total is exactly the sum of the indicator scores and the blocks; ranks are competition
 * ranks consistent with the totals; the engine is exact (no float drift).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFraction, scoreCompetition, type CompetitionDefinition, type UnitValues } from './index.js';
import { add, cmp, mul, parseDecimal, ZERO } from './exact.js';

const L = { zh: '指标', en: 'indicator' };
const def: CompetitionDefinition = {
  code: 'p',
  label: L,
  capMultiple: '1.2',
  undefinedRatioShare: '0.8',
  blocks: [
    { code: 'a', label: L, weight: 60 },
    { code: 'b', label: L, weight: 40 },
  ],
  indicators: [
    { code: 'avg', label: L, block: 'a', kind: 'average', weight: 20, fullMark: 100, inputs: ['c1', 'c2', 'c3', 'c4'] },
    { code: 'ded', label: L, block: 'a', kind: 'deduction', weight: 0, perItem: 1, inputs: ['n1', 'n2'], ineligibleAtLeast: 3 },
    { code: 'lvl', label: L, block: 'a', kind: 'ratio', weight: 10, terms: ['level'], factors: ['0.8'], acceptanceFullMark: 100 },
    { code: 'both', label: L, block: 'b', kind: 'ratio', weight: 10, terms: ['level', 'increment'], factors: ['0.8', '0.5'] },
    { code: 'inc', label: L, block: 'b', kind: 'ratio', weight: 10, terms: ['increment'], factors: ['0.8'] },
    { code: 'pts', label: L, block: 'b', kind: 'points', weight: 10 },
    { code: 'ach', label: L, block: 'b', kind: 'achievement', weight: 10, target: 40, direction: 'lower' },
  ],
};
const CAP = parseDecimal('1.2')!;

/** A decimal with up to 3 places, as a string or number as a client may send it. */
const decimal = (min: number, max: number) => fc.tuple(fc.integer({ min: min * 1000, max: max * 1000 }), fc.boolean()).map(([m, s]) => (s ? (m / 1000).toFixed(3) : m / 1000));
const values: fc.Arbitrary<UnitValues> = fc.record({
  avg: fc.record({ c1: decimal(0, 100), c2: decimal(0, 100), c3: decimal(0, 100), c4: decimal(0, 100) }),
  ded: fc.record({ n1: fc.integer({ min: 0, max: 5 }), n2: fc.integer({ min: 0, max: 5 }) }),
  lvl: fc.record({ unit_value: decimal(0, 100), bank_value: decimal(0, 100), acceptance: decimal(0, 100) }),
  both: fc.record({ unit_value: decimal(0, 100), bank_value: decimal(0, 100), unit_increment: decimal(-50, 50), bank_increment: decimal(-50, 50) }),
  inc: fc.record({ unit_increment: decimal(-50, 50), bank_increment: decimal(-50, 50) }),
  pts: fc.record({ points: decimal(0, 20) }),
  ach: fc.record({ value: decimal(0, 100) }),
});

const frac = (s: string) => parseFraction(s)!;

describe('indicator engine properties', () => {
  it('each indicator lies within [0, 1.2 × weight]; a deduction is −items × 1', () => {
    fc.assert(
      fc.property(values, (v) => {
        const u = scoreCompetition(def, [{ unitId: 'u', values: v }]).units[0];
        for (const s of u.indicators) {
          const x = frac(s.exact);
          if (s.kind === 'deduction') {
            expect(x.n).toBe(-BigInt(s.items!));
            expect(u.eligible).toBe(s.items! < 3);
          } else {
            expect(cmp(x, ZERO)).toBeGreaterThanOrEqual(0);
            expect(cmp(x, mul(CAP, parseDecimal(s.weight)!))).toBeLessThanOrEqual(0);
          }
        }
      }),
    );
  });

  it('the total is exactly the sum of the indicators', () => {
    fc.assert(
      fc.property(values, (v) => {
        const u = scoreCompetition(def, [{ unitId: 'u', values: v }]).units[0];
        const total = u.indicators.reduce((acc, s) => add(acc, frac(s.exact)), ZERO);
        expect(cmp(total, frac(u.exactTotal))).toBe(0);
      }),
    );
  });

  it('a higher check, unit value or unit increment never lowers the score (monotonicity)', () => {
    fc.assert(
      fc.property(values, fc.integer({ min: 0, max: 10_000 }), (v, b) => {
        /** x + b thousandths, exactly (both are whole thousandths). */
        const up = (x: unknown) => (Math.round(Number(x) * 1000) + b) / 1000;
        const higher: UnitValues = {
          ...v,
          avg: { ...v.avg, c1: up(v.avg.c1) },
          both: { ...v.both, unit_value: up(v.both.unit_value), unit_increment: up(v.both.unit_increment) },
          inc: { ...v.inc, unit_increment: up(v.inc.unit_increment) },
          pts: { points: up(v.pts.points) },
        };
        const [lo, hi] = [v, higher].map((x) => scoreCompetition(def, [{ unitId: 'u', values: x }]).units[0]);
        for (const code of ['avg', 'both', 'inc', 'pts']) {
          const a = frac(lo.indicators.find((s) => s.code === code)!.exact);
          const c = frac(hi.indicators.find((s) => s.code === code)!.exact);
          expect(cmp(c, a)).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('ranks are competition ranks: sorted by total, equal totals share a rank, the next rank skips', () => {
    fc.assert(
      fc.property(fc.array(values, { minLength: 1, maxLength: 8 }), (vs) => {
        const units = scoreCompetition(
          def,
          vs.map((values, i) => ({ unitId: `u${i}`, values })),
        ).units;
        units.forEach((u, i) => {
          if (i === 0) return expect(u.rank).toBe(1);
          const c = cmp(frac(units[i - 1].exactTotal), frac(u.exactTotal));
          expect(c).toBeGreaterThanOrEqual(0);
          expect(u.rank).toBe(c === 0 ? units[i - 1].rank : i + 1);
        });
      }),
    );
  });
});
