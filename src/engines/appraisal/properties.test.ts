/**
 * Properties of sheet filling over generated facts and scores (fast-check): the total is exactly the
 * sum of the items' points; every item lies within its floor and cap; the star never falls as the
 * total rises (000:L115); one more verified complaint, inspection deduction point, fine or late
 * deliverable never raises the total; better satisfaction never lowers it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { windowTemplate as tpl } from '../../test-support/appraisal-template.js';
import { add, cmp, parse, ZERO } from './decimal.js';
import { fillSheet, starFor, type FactRecord, type StaffFacts } from './index.js';

const rec = (kind: FactRecord['kind'], id: string): FactRecord => ({ kind, id, label: id });
const records = (kind: FactRecord['kind'], n: number) => Array.from({ length: n }, (_, i) => rec(kind, `${kind}${i}`));

const factsArb: fc.Arbitrary<StaffFacts> = fc
  .record({
    rated: fc.nat(500),
    satisfiedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    extraServed: fc.nat(200),
    complaints: fc.nat(4),
    deduction: fc.nat(3000),
    vetoes: fc.constantFrom(0, 0, 0, 1),
    fineFen: fc.nat(30000),
    rewardFen: fc.nat(30000),
    due: fc.nat(20),
    onTimeShare: fc.double({ min: 0, max: 1, noNaN: true }),
    dDue: fc.nat(6),
    late: fc.nat(3),
    missing: fc.nat(3),
  })
  .map((x) => ({
    staffId: 's',
    unitId: 'u',
    ratings: { rated: x.rated, satisfied: Math.floor(x.rated * x.satisfiedShare), served: x.rated + x.extraServed },
    verifiedComplaints: records('incident', x.complaints),
    inspectionDeductions: { points: (x.deduction / 100).toFixed(2), records: [] },
    inspectionVetoes: records('inspection', x.vetoes),
    sanctions: { fineFen: x.fineFen, rewardFen: x.rewardFen, records: [] },
    followUps: { due: x.due, onTime: Math.floor(x.due * x.onTimeShare), records: [] },
    deliverables: { due: x.dDue + x.late + x.missing, late: x.late, missing: x.missing, records: [] },
  }));
const score = fc.integer({ min: 0, max: 50 }).map((n) => (n / 10).toString());
const judgedArb = fc.record({ de: score, neng: score, qin: fc.integer({ min: 10, max: 50 }).map((n) => (n / 10).toString()), ji: score });
const total = (f: StaffFacts, j: Record<string, string>) => parse(fillSheet(tpl, f, j).total)!;

describe('fillSheet properties', () => {
  it('total = Σ points, and min ≤ points ≤ max for every item', () => {
    fc.assert(
      fc.property(factsArb, judgedArb, (f, j) => {
        const s = fillSheet(tpl, f, j);
        expect(cmp(parse(s.total)!, s.items.reduce((acc, i) => add(acc, parse(i.points!)!), ZERO))).toBe(0);
        for (const i of s.items) {
          expect(cmp(parse(i.points!)!, parse(i.min)!)).toBeGreaterThanOrEqual(0);
          expect(cmp(parse(i.points!)!, parse(i.max)!)).toBeLessThanOrEqual(0);
          expect(i.points).toMatch(/^-?\d+(\.\d{1,2})?$/);
        }
        expect(s.complete).toBe(true);
        expect(s.star === null).toBe(s.vetoed);
      }),
    );
  });
  it('adding a verified complaint, a deduction point, a fine or a late deliverable never raises the total', () => {
    fc.assert(
      fc.property(factsArb, judgedArb, (f, j) => {
        const before = total(f, j);
        const worse: StaffFacts[] = [
          { ...f, verifiedComplaints: [...f.verifiedComplaints, rec('incident', 'new')] },
          { ...f, inspectionDeductions: { ...f.inspectionDeductions, points: (Number(f.inspectionDeductions.points) + 1).toFixed(2) } },
          { ...f, sanctions: { ...f.sanctions, fineFen: f.sanctions.fineFen + 10000 } },
          { ...f, deliverables: { ...f.deliverables, due: f.deliverables.due + 1, late: f.deliverables.late + 1 } },
        ];
        for (const w of worse) expect(cmp(total(w, j), before)).toBeLessThanOrEqual(0);
      }),
    );
  });
  it('one more satisfied rating never lowers the total', () => {
    fc.assert(
      fc.property(factsArb, judgedArb, (f, j) => {
        fc.pre(f.ratings.satisfied < f.ratings.rated);
        const better = { ...f, ratings: { ...f.ratings, satisfied: f.ratings.satisfied + 1 } };
        expect(cmp(total(better, j), total(f, j))).toBeGreaterThanOrEqual(0);
      }),
    );
  });
  it('the star is monotone in the total', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100, max: 12000 }), fc.integer({ min: 0, max: 500 }), (a, delta) => {
        const lo = starFor((a / 100).toFixed(2), tpl.stars)?.stars ?? 0;
        const hi = starFor(((a + delta) / 100).toFixed(2), tpl.stars)?.stars ?? 0;
        expect(hi).toBeGreaterThanOrEqual(lo);
      }),
    );
  });
});
