import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { meetsThreshold, netPromoterScore, percent, rate, ratingRates, satisfactionOptions } from './index.js';

const counts = (levels: number[]) => levels.reduce<Record<number, number>>((acc, l) => ({ ...acc, [l]: (acc[l] ?? 0) + 1 }), {});

describe('rating rates (RULES §3)', () => {
  // Issue acceptance: 5, 5, 5, 4, 4, 3, 1 on one window in one month, 8 served.
  const month = counts([5, 5, 5, 4, 4, 3, 1]);

  it('satisfaction = (非常满意 + 满意) ÷ valid ratings by default: 5/7 = 71.43 %', () => {
    const r = ratingRates(month, 8, satisfactionOptions({ basicSatisfiedCounts: false }));
    expect(r.satisfactionRate).toMatchObject({ numerator: 5, denominator: 7 });
    expect(percent(r.satisfactionRate)).toBe(71.43);
  });

  it('counts 基本满意 when the pack says so: 6/7', () => {
    const r = ratingRates(month, 8, satisfactionOptions({ basicSatisfiedCounts: true }));
    expect(r.satisfactionRate).toMatchObject({ numerator: 6, denominator: 7 });
  });

  it('rating rate = ratings ÷ served = 87.5 %, which fails ≥ 90 % (001:L155)', () => {
    const r = ratingRates(month, 8, satisfactionOptions({ basicSatisfiedCounts: false }));
    expect(percent(r.ratingRate)).toBe(87.5);
    expect(meetsThreshold(r.ratingRate!, 'gte', 0.9)).toBe(false);
  });

  it('差评 rate counts the bottom two levels; positive rate the top two', () => {
    const r = ratingRates(counts([5, 4, 3, 2, 1, 1]), null, satisfactionOptions({ basicSatisfiedCounts: false }));
    expect(r.negativeRate).toMatchObject({ numerator: 3, denominator: 6 });
    expect(r.positiveRate).toMatchObject({ numerator: 2, denominator: 6 });
    expect(r.ratingRate).toBeNull();
  });

  it('no ratings: rates have no value and meet no threshold', () => {
    const r = ratingRates({}, 0, satisfactionOptions({ basicSatisfiedCounts: false }));
    expect(r.satisfactionRate.value).toBeNull();
    expect(meetsThreshold(r.satisfactionRate, 'gte', 0.9)).toBeNull();
  });
});

describe('threshold boundaries: 以上 inclusive, 低于 strict (RULES §3)', () => {
  it('exactly 90 % meets ≥ 90 % and is not below 90 %', () => {
    expect(meetsThreshold(rate(9, 10), 'gte', 0.9)).toBe(true);
    expect(meetsThreshold(rate(9, 10), 'lt', 0.9)).toBe(false);
    expect(meetsThreshold(rate(90, 100), 'gt', 0.9)).toBe(false);
    expect(meetsThreshold(rate(3, 5), 'lt', 0.6)).toBe(false); // canteen: exactly 60 % is not "低于 60 %" (003:L248)
    expect(meetsThreshold(rate(59, 100), 'lt', 0.6)).toBe(true);
  });

  it('agrees with exact rational comparison for any fraction', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 100 }), (n, d, pct) => {
        const v = pct / 100;
        // n/d ≥ pct/100 ⇔ 100·n ≥ pct·d, exactly.
        expect(meetsThreshold(rate(n, d), 'gte', v)).toBe(100 * n >= pct * d);
        expect(meetsThreshold(rate(n, d), 'lt', v)).toBe(100 * n < pct * d);
      }),
    );
  });
});

describe('NPS', () => {
  it('promoters 9–10 minus detractors 0–6, flagged under 30 answers', () => {
    const r = netPromoterScore({ 10: 5, 9: 5, 8: 5, 7: 0, 6: 3, 0: 2 });
    expect(r).toMatchObject({ responses: 20, promoters: 10, passives: 5, detractors: 5, score: 25, smallSample: true });
    expect(netPromoterScore({ 10: 30 }).smallSample).toBe(false);
    expect(netPromoterScore({}).score).toBeNull();
  });

  it('stays within −100…100', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.integer({ min: 0, max: 10 }).map(String), fc.nat(50)), (answers) => {
        const r = netPromoterScore(Object.fromEntries(Object.entries(answers).map(([k, v]) => [Number(k), v])));
        if (r.score !== null) {
          expect(r.score).toBeGreaterThanOrEqual(-100);
          expect(r.score).toBeLessThanOrEqual(100);
        }
      }),
    );
  });
});

describe('satisfactionOptions: level sets from the pack', () => {
  it('satisfied = the positive levels, or every level that is not negative when 基本满意 counts', () => {
    expect(satisfactionOptions({ basicSatisfiedCounts: false, positiveLevels: [5] })).toEqual({ satisfiedLevels: [5], positiveLevels: [5], negativeLevels: [1, 2] });
    expect(satisfactionOptions({ basicSatisfiedCounts: true, positiveLevels: [5], negativeLevels: [1] })).toEqual({ satisfiedLevels: [5, 4, 3, 2], positiveLevels: [5], negativeLevels: [1] });
    expect(satisfactionOptions({ basicSatisfiedCounts: true, levels: [3, 2, 1], positiveLevels: [3], negativeLevels: [1] }).satisfiedLevels).toEqual([3, 2]);
    const r = ratingRates({ 5: 3, 4: 2, 3: 1, 2: 0, 1: 1 }, null, satisfactionOptions({ basicSatisfiedCounts: false, positiveLevels: [5] }));
    expect(r.satisfactionRate).toMatchObject({ numerator: 3, denominator: 7 });
    expect(r.positiveRate).toMatchObject({ numerator: 3, denominator: 7 });
  });
});
