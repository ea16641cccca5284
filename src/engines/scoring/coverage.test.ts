/**
 * Coverage plans and score bands (RULES §4; 003:L297–298, L304–305, L341, L343): examples from
 * the rules and fast-check properties.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annualBands, bottomGroups, checkPlan, generatePlan, requiredOutlets, roundBands, type BandRule, type CoverageRule, type CoverageUnit } from './index.js';

const rule: CoverageRule = { branchKind: 'branch', outletKind: 'outlet', outletPercent: 60, recheckBelow: 85, videoChecks: 2 };
const bands: BandRule = { rewardAtLeast: 90, rewardTop: 5, excellentAtLeast: 90, excellentTop: 3, dockedBelow: 85, dockedMoreBelow: 80 };
const last = (score: number, max = 100) => ({ scoreMilli: Math.round(score * 1000), maxMilli: max * 1000 });

function bank(outlets: number, scores: Record<number, number> = {}): CoverageUnit[] {
  return [
    { id: 'b1', kind: 'branch' },
    { id: 'b2', kind: 'branch' },
    ...Array.from({ length: outlets }, (_, i) => ({ id: `o${i}`, kind: 'outlet', ...(scores[i] !== undefined ? { last: last(scores[i]), inspectedThisYear: true } : {}) })),
  ];
}

describe('coverage (003:L298)', () => {
  it('at least 60 % of the outlets, rounded up, in integers', () => {
    expect(requiredOutlets(10, 60)).toBe(6);
    expect(requiredOutlets(7, 60)).toBe(5);
    expect(requiredOutlets(1, 60)).toBe(1);
    expect(requiredOutlets(0, 60)).toBe(0);
    expect(requiredOutlets(20, 60)).toBe(12);
  });

  it('refuses a plan covering 55 % of the outlets, naming the shortfall', () => {
    const units = bank(20);
    const plan = [{ unitId: 'b1' }, { unitId: 'b2' }, ...Array.from({ length: 11 }, (_, i) => ({ unitId: `o${i}`, video: i < 2 }))];
    expect(checkPlan(rule, units, plan)).toEqual([{ code: 'outlets_below_share', required: 12, planned: 11 }]);
    expect(checkPlan(rule, units, [...plan, { unitId: 'o11' }])).toEqual([]);
  });

  it('an outlet at 84.9 last round must be rechecked; one at 85.0 need not (003:L298 "85分以下")', () => {
    const units = bank(10, { 8: 84.9, 9: 85 });
    const plan = generatePlan(rule, units);
    expect(plan.find((p) => p.unitId === 'o8')?.reasons).toContain('recheck');
    expect(plan.find((p) => p.unitId === 'o9')?.reasons ?? []).not.toContain('recheck');
    const without = plan.filter((p) => p.unitId !== 'o8').map((p) => ({ unitId: p.unitId, video: p.video }));
    expect(checkPlan(rule, units, without)).toContainEqual({ code: 'rechecks_missing', unitIds: ['o8'] });
  });

  it('reads a 10-point scorecard on its own scale: 8.4 of 10 is below 85 %', () => {
    const units: CoverageUnit[] = [{ id: 'o1', kind: 'outlet', last: last(8.4, 10) }, { id: 'o2', kind: 'outlet', last: last(8.5, 10) }];
    expect(generatePlan({ ...rule, outletPercent: 0, videoChecks: 0 }, units).map((p) => p.unitId)).toEqual(['o1']);
  });

  it('names missing branches and too few video checks', () => {
    const units = bank(2);
    expect(checkPlan(rule, units, [{ unitId: 'o0' }, { unitId: 'o1', video: true }])).toEqual([
      { code: 'branches_missing', unitIds: ['b1', 'b2'] },
      { code: 'video_checks_below', required: 2, planned: 1 },
    ]);
  });

  it('fills the share with outlets not inspected this year first, then the lowest scores', () => {
    const units = bank(5, { 0: 95, 1: 88, 2: 91 });
    const picked = generatePlan(rule, units).filter((p) => p.reasons.includes('outlet_share')).map((p) => p.unitId);
    expect(picked).toEqual(['o3', 'o4', 'o1']);
  });

  it('property: a generated plan always passes the check, and covers no more outlets than it must', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ kind: fc.constantFrom('branch', 'outlet', 'office'), score: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined }), seen: fc.boolean() }), { maxLength: 60 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 5 }),
        (rows, outletPercent, lineMilli, videoChecks) => {
          const units: CoverageUnit[] = rows.map((r, i) => ({ id: `u${i}`, kind: r.kind, inspectedThisYear: r.seen, ...(r.score === undefined ? {} : { last: { scoreMilli: r.score, maxMilli: 100_000 } }) }));
          const r: CoverageRule = { ...rule, outletPercent, recheckBelow: lineMilli / 1000, videoChecks };
          const plan = generatePlan(r, units);
          const shortfall = checkPlan(r, units, plan);
          // Only video checks can fall short: there may be fewer planned units than checks required.
          expect(shortfall.every((s) => s.code === 'video_checks_below' && s.planned === plan.length)).toBe(true);
          const outlets = units.filter((u) => u.kind === 'outlet');
          const rechecks = outlets.filter((u) => u.last && u.last.scoreMilli < lineMilli).length;
          const plannedOutlets = plan.filter((p) => units.find((u) => u.id === p.unitId)!.kind === 'outlet').length;
          expect(plannedOutlets).toBe(Math.max(rechecks, requiredOutlets(outlets.length, outletPercent)));
        },
      ),
    );
  });
});

describe('bands (003:L341, L343)', () => {
  const round = (scores: number[]) => roundBands(bands, scores.map((s, i) => ({ unitId: `o${i}`, scoreMilli: Math.round(s * 1000) })));

  it('≥ 90 and in the top 5 → reward; < 85 docked; < 80 docked more', () => {
    const r = round([96, 93, 92, 91, 90, 90.5, 89.9, 85, 84.9, 80, 79.9]);
    const band = Object.fromEntries(r.map((x) => [x.unitId, x.band]));
    expect(band).toMatchObject({ o0: 'reward', o1: 'reward', o2: 'reward', o3: 'reward', o5: 'reward', o4: null, o6: null, o7: null, o8: 'docked', o9: 'docked', o10: 'docked_more' });
  });

  it('90 itself is in ("90分(含)以上"); ties share a rank, so a tie at 5th is rewarded', () => {
    const r = round([99, 98, 97, 96, 90, 90]);
    expect(r.map((x) => x.rank)).toEqual([1, 2, 3, 4, 5, 5]);
    expect(r.every((x) => x.band === 'reward')).toBe(true);
  });

  it('the top five below 90 are not rewarded', () => {
    expect(round([89.9, 89, 88]).map((x) => x.band)).toEqual([null, null, null]);
  });

  it('names the bottom 3 groups by their average; a tie at the cut is named too (003:L298)', () => {
    const r = bottomGroups(
      [
        { groupId: 'a', scoreMilli: 90_000 },
        { groupId: 'a', scoreMilli: 80_000 },
        { groupId: 'b', scoreMilli: 95_000 },
        { groupId: 'c', scoreMilli: 70_000 },
        { groupId: 'd', scoreMilli: 86_000 },
        { groupId: 'e', scoreMilli: 85_000 },
        { groupId: 'e', scoreMilli: 87_000 },
      ],
      3,
    );
    expect(r.map((g) => [g.groupId, g.averageMilli])).toEqual([['c', 70_000], ['a', 85_000], ['d', 86_000], ['e', 86_000]]);
    expect(bottomGroups([], 3)).toEqual([]);
  });

  it('annual: average ≥ 90 and in the top 3 → 优秀网点', () => {
    const r = annualBands(bands, [95, 94, 93, 92, 89].map((s, i) => ({ unitId: `o${i}`, scoreMilli: s * 1000 })));
    expect(r.map((x) => x.band)).toEqual(['excellent', 'excellent', 'excellent', null, null]);
  });

  it('property: bands follow the lines exactly and never reward more than the top N distinct ranks', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { maxLength: 40 }), (scores) => {
        const r = roundBands(bands, scores.map((s, i) => ({ unitId: `u${i}`, scoreMilli: s })));
        for (const x of r) {
          if (x.band === 'reward') expect(x.scoreMilli >= 90_000 && x.rank <= 5).toBe(true);
          if (x.band === 'docked') expect(x.scoreMilli >= 80_000 && x.scoreMilli < 85_000).toBe(true);
          if (x.band === 'docked_more') expect(x.scoreMilli < 80_000).toBe(true);
          if (x.band === null) expect(x.scoreMilli >= 85_000 && !(x.scoreMilli >= 90_000 && x.rank <= 5)).toBe(true);
        }
        const higher = (x: { scoreMilli: number }) => r.filter((y) => y.scoreMilli > x.scoreMilli).length;
        for (const x of r) expect(x.rank).toBe(higher(x) + 1);
      }),
    );
  });
});
