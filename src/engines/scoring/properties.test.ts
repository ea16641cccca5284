/**
 * Properties of the scoring engine over generated templates and results (fast-check).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  METRIC_RANGES,
  ScoringInputError,
  ScoringTemplateError,
  compileTemplate,
  scoreInspection,
  validateTemplate,
  type Boundary,
  type ItemResult,
  type ScoringItem,
  type ScoringMetric,
  type ScoringTemplate,
} from './index.js';

const L = { zh: '项', en: 'item' };
const BOUNDS: Boundary[] = ['<=', '<', '>=', '>'];
/** Amounts as the pack writes them: a number or a string, thousandths at most. */
const amount = (minMilli: number, maxMilli: number) =>
  fc.tuple(fc.integer({ min: minMilli, max: maxMilli }), fc.boolean()).map(([m, asString]) => (asString ? String(m / 1000) : m / 1000));

const arbMetric = (code: string): fc.Arbitrary<ScoringMetric> =>
  fc.record({
    code: fc.constant(code),
    label: fc.constant(L),
    unit: fc.constantFrom('count', 'minutes', 'percent' as const),
    failsWhen: fc.constantFrom(...BOUNDS),
    threshold: fc.integer({ min: 0, max: 100 }),
  });

const arbItem = (code: string, forceScored: boolean): fc.Arbitrary<ScoringItem> =>
  fc
    .record({
      per: fc.constantFrom('case' as const, 'failure' as const),
      points: fc.integer({ min: 0, max: 20_000 }),
      deductionMilli: fc.option(fc.integer({ min: 1, max: 5_000 }), { nil: undefined }),
      capFraction: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
      metricCount: fc.integer({ min: 0, max: 3 }),
      allowNa: fc.boolean(),
      kind: forceScored ? fc.constant('plain') : fc.constantFrom('plain', 'plain', 'plain', 'advisory', 'veto'),
      pointsAsString: fc.boolean(),
    })
    .chain((r) =>
      fc.tuple(...Array.from({ length: r.metricCount }, (_, i) => arbMetric(`m${i}`))).map((metrics) => {
        const item: ScoringItem = { code, label: L, per: r.per, points: r.pointsAsString ? String(r.points / 1000) : r.points / 1000 };
        if (r.deductionMilli !== undefined) item.deduction = r.deductionMilli / 1000;
        if (r.capFraction !== undefined) item.cap = Math.floor(r.points * r.capFraction) / 1000;
        if (metrics.length) item.metrics = metrics;
        if (r.allowNa) item.allowNa = true;
        if (r.kind === 'advisory') item.advisory = true;
        if (r.kind === 'veto') item.veto = true;
        return item;
      }),
    );

const arbTemplate: fc.Arbitrary<ScoringTemplate> = fc
  .record({
    mode: fc.constantFrom('deduct' as const, 'earn' as const),
    sizes: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
    fullMark: amount(1, 100_000),
    vetoOutcome: fc.constantFrom('zero' as const, 'flag' as const),
  })
  .chain(({ mode, sizes, fullMark, vetoOutcome }) => {
    let n = 0;
    const sections = sizes.map((size, s) =>
      fc.tuple(...Array.from({ length: size }, () => n++).map((i) => arbItem(`i${i}`, i === 0))).map((items) => ({ code: `s${s}`, label: L, items })),
    );
    return fc.tuple(...sections).map((secs): ScoringTemplate => {
      const t: ScoringTemplate = { code: 'generated', label: L, mode, vetoOutcome, sections: secs };
      if (mode === 'deduct') t.fullMark = fullMark;
      return t;
    });
  });

const itemsOf = (t: ScoringTemplate) => t.sections.flatMap((s) => s.items);

function arbValue(m: ScoringMetric): fc.Arbitrary<number> {
  const r = METRIC_RANGES[m.unit];
  const near = fc.integer({ min: Math.max(r.min, m.threshold - 3), max: Math.min(r.max, m.threshold + 3) });
  return r.integer ? near : fc.oneof(near, near.map((v) => Math.min(r.max, v + 0.5)));
}

/** A result that fits the item, or none. */
function arbResult(item: ScoringItem): fc.Arbitrary<ItemResult | undefined> {
  const metrics = item.metrics ?? [];
  const observations =
    metrics.length === 0
      ? fc.constant(undefined)
      : item.per === 'case'
        ? fc.array(fc.constantFrom(...metrics).chain((m) => arbValue(m).map((value) => ({ metric: m.code, value }))), { maxLength: 6 })
        : fc.subarray(metrics).chain((ms) => fc.tuple(...ms.map((m) => arbValue(m).map((value) => ({ metric: m.code, value })))));
  const findings = fc
    .record({
      cases: item.per === 'case' ? fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }) : fc.constant(undefined),
      pass: item.per === 'failure' && metrics.length === 0 ? fc.option(fc.boolean(), { nil: undefined }) : fc.constant(undefined),
      observations,
    })
    .map((f) => {
      const r: ItemResult = { item: item.code };
      if (f.cases !== undefined) r.cases = f.cases;
      if (f.pass !== undefined) r.pass = f.pass;
      if (f.observations !== undefined) r.observations = f.observations;
      return r;
    });
  const options: fc.Arbitrary<ItemResult | undefined>[] = [fc.constant(undefined), findings, findings];
  if (item.allowNa) options.push(fc.constant({ item: item.code, na: true }));
  return fc.oneof(...options);
}

const arbInspection = arbTemplate.chain((template) =>
  fc
    .tuple(...itemsOf(template).map(arbResult))
    .map((rs) => rs.filter((r): r is ItemResult => r !== undefined))
    .chain((results) => fc.shuffledSubarray(results, { minLength: results.length, maxLength: results.length }))
    .map((results) => ({ template, results })),
);

const milli = (x: number) => Math.round(x * 1000);
const exactDecimal = (x: number) => Number.isFinite(x) && Math.abs(x * 1000 - milli(x)) < 1e-6 && /^\d+(\.\d{1,3})?$/.test(String(x));

describe('scoring properties', () => {
  it('generated templates are valid (the generator is sound)', () => {
    fc.assert(
      fc.property(arbTemplate, (t) => {
        expect(validateTemplate(t).ok).toBe(true);
      }),
    );
  });

  it('a deduction is never negative and never exceeds the item\'s cap (default: its points)', () => {
    fc.assert(
      fc.property(arbInspection, ({ template, results }) => {
        const r = scoreInspection({ template, results });
        const byCode = new Map(itemsOf(template).map((i) => [i.code, i]));
        for (const s of r.items) {
          const item = byCode.get(s.item)!;
          const cap = Number(item.cap ?? item.points ?? 0);
          expect(s.deduction).toBeGreaterThanOrEqual(0);
          expect(s.deduction).toBeLessThanOrEqual(cap);
          if (!s.scored || s.na) expect(s.deduction).toBe(0);
        }
      }),
    );
  });

  it('the score lies within [0, maxScore] and every figure is an exact decimal in thousandths', () => {
    fc.assert(
      fc.property(arbInspection, ({ template, results }) => {
        const r = scoreInspection({ template, results });
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(r.maxScore);
        for (const x of [r.score, r.maxScore, r.deductions, ...r.items.map((i) => i.deduction)]) expect(exactDecimal(x), String(x)).toBe(true);
        // the total is the item deductions added in thousandths
        expect(milli(r.deductions)).toBe(r.items.reduce((a, i) => a + milli(i.deduction), 0));
        if (!r.vetoed || template.vetoOutcome === 'flag') expect(milli(r.score)).toBe(Math.max(0, milli(r.maxScore) - milli(r.deductions)));
      }),
    );
  });

  it('the order of the results does not matter', () => {
    fc.assert(
      fc.property(
        arbInspection.chain((x) => fc.shuffledSubarray(x.results, { minLength: x.results.length, maxLength: x.results.length }).map((shuffled) => ({ ...x, shuffled }))),
        ({ template, results, shuffled }) => {
          expect(scoreInspection({ template, results: shuffled })).toEqual(scoreInspection({ template, results }));
        },
      ),
    );
  });

  it('one more case never raises the score', () => {
    fc.assert(
      fc.property(arbInspection, fc.nat(), ({ template, results }, pick) => {
        const caseItems = itemsOf(template).filter((i) => i.per === 'case');
        fc.pre(caseItems.length > 0);
        const item = caseItems[pick % caseItems.length];
        const others = results.filter((r) => r.item !== item.code);
        const mine = results.find((r) => r.item === item.code);
        const base = mine && !mine.na ? mine : { item: item.code };
        const worse = [...others, { ...base, cases: (base.cases ?? 0) + 1 }];
        const before = scoreInspection({ template, results: mine?.na ? others : results });
        const after = scoreInspection({ template, results: worse });
        expect(after.score).toBeLessThanOrEqual(before.score);
        expect(after.deductions).toBeGreaterThanOrEqual(before.deductions);
      }),
    );
  });

  it('sums of tenths are exact: k deductions of 0.1 lose exactly k/10, up to the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 100 }), (k, points) => {
        const t: ScoringTemplate = { code: 't', label: L, mode: 'deduct', fullMark: points, sections: [{ code: 's', label: L, items: [{ code: 'a', label: L, points, per: 'case', deduction: 0.1 }] }] };
        const r = scoreInspection({ template: t, results: [{ item: 'a', cases: k }] });
        const lost = Math.min(k, points * 10);
        expect(String(r.items[0].deduction)).toBe(String(lost / 10));
        expect(String(r.score)).toBe(String((points * 10 - lost) / 10));
      }),
    );
  });

  it('N/A: in earn mode the item leaves maxScore; in deduct mode maxScore stays the full mark', () => {
    fc.assert(
      fc.property(arbInspection, fc.nat(), ({ template, results }, pick) => {
        const naItems = itemsOf(template).filter((i) => i.allowNa && !i.advisory);
        fc.pre(naItems.length > 0);
        const item = naItems[pick % naItems.length];
        const without = results.filter((r) => r.item !== item.code);
        const base = scoreInspection({ template, results: without });
        const na = scoreInspection({ template, results: [...without, { item: item.code, na: true }] });
        expect(na.items.find((i) => i.item === item.code)).toMatchObject({ na: true, deduction: 0 });
        if (template.mode === 'earn') expect(milli(na.maxScore)).toBe(milli(base.maxScore) - milli(Number(item.points)));
        else expect(na.maxScore).toBe(base.maxScore);
      }),
    );
  });

  it('a finding on a veto item forces vetoed, and the template\'s veto outcome', () => {
    fc.assert(
      fc.property(arbInspection, ({ template, results }) => {
        const r = scoreInspection({ template, results });
        const vetoCodes = new Set(itemsOf(template).filter((i) => i.veto).map((i) => i.code));
        const found = r.items.some((i) => vetoCodes.has(i.item) && !i.na && i.cases + i.failures > 0);
        expect(r.vetoed).toBe(found);
        // the same inspection without the veto rule
        const plain: ScoringTemplate = { ...template, sections: template.sections.map((s) => ({ ...s, items: s.items.map((i) => ({ ...i, veto: false })) })) };
        const unvetoed = scoreInspection({ template: plain, results });
        if (r.vetoed && template.vetoOutcome === 'zero') expect(r.score).toBe(0);
        else expect(r.score).toBe(unvetoed.score);
      }),
    );
  });

  it('any input either scores or fails with a typed engine error — never another exception', () => {
    fc.assert(
      fc.property(arbTemplate, fc.oneof(fc.anything(), fc.array(fc.record({ item: fc.constantFrom('i0', 'i1', 'x'), cases: fc.anything(), observations: fc.anything(), pass: fc.anything(), na: fc.anything() }, { requiredKeys: ['item'] }))), (template, results) => {
        try {
          scoreInspection({ template, results: results as ItemResult[] });
        } catch (err) {
          expect(err).toBeInstanceOf(ScoringInputError);
        }
      }),
    );
    fc.assert(
      fc.property(fc.anything(), (template) => {
        expect(validateTemplate(template).ok).toBe(false);
        expect(() => compileTemplate(template as ScoringTemplate)).toThrow(ScoringTemplateError);
      }),
    );
  });
});
