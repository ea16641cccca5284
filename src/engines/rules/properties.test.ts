/**
 * Properties of the rule engine over generated rules and facts (fast-check): amounts are whole
 * fen ≥ 0, the formula grows with the gap, a range never lets an amount outside it, a repeat
 * doubles exactly, headcounts multiply exactly.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RuleError, evaluateRule, type FactSpec, type SanctionRule } from './index.js';

const L = { zh: '规则', en: 'rule' };
const fact = (name: string, type: FactSpec['type'], required = true): FactSpec => ({ name, type, required, label: L });
const yuanFen = fc.integer({ min: 0, max: 100_000 }).map((y) => y * 100);
/** Scores as thousandths, written as the client may: a number or a string. */
const score = fc.tuple(fc.integer({ min: 0, max: 100_000 }), fc.boolean()).map(([m, s]) => ({ milli: m, value: s ? String(m / 1000) : m / 1000 }));

const formulaRule = (baseFen: number, perPointFen: number, target: number, boundary: 'strict' | 'inclusive'): SanctionRule => ({
  code: 'p.formula',
  kind: 'formula',
  direction: 'fine',
  targets: ['unit'],
  baseFen,
  perPointFen,
  target,
  boundary,
  label: L,
  citation: '003:L428',
  facts: [fact('score', 'decimal'), fact('repeat', 'boolean', false)],
});

describe('rule engine properties', () => {
  it('amounts are whole fen ≥ 0 and equal the sum of the shares', () => {
    fc.assert(
      fc.property(yuanFen, yuanFen, fc.integer({ min: 0, max: 100 }), score, fc.constantFrom('strict' as const, 'inclusive' as const), fc.boolean(), (base, per, target, s, boundary, repeat) => {
        const r = evaluateRule(formulaRule(base, per, target, boundary), { score: s.value, repeat });
        expect(Number.isSafeInteger(r.amountFen) && r.amountFen >= 0).toBe(true);
        expect(r.amountFen).toBe(r.shares.reduce((t, x) => t + x.count * x.amountFenEach, 0));
      }),
    );
  });

  it('the formula is exact and monotone in the gap; strict charges nothing at the target itself', () => {
    // 003:L428 考核=1000+(目标分值-得分)200元
    fc.assert(
      fc.property(yuanFen, yuanFen, fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 100_000 }), (base, per, target, a, b) => {
        const rule = formulaRule(base, per, target, 'strict');
        const [hi, lo] = a >= b ? [a, b] : [b, a];
        const at = (m: number) => evaluateRule(rule, { score: String(m / 1000) }).amountFen;
        expect(at(lo)).toBeGreaterThanOrEqual(at(hi)); // lower score, bigger gap, no smaller fine
        const targetMilli = target * 1000;
        expect(at(targetMilli)).toBe(0);
        if (lo < targetMilli) expect(at(lo)).toBe(base + Math.floor((per * (targetMilli - lo) + 500) / 1000));
        else expect(at(lo)).toBe(0);
        expect(evaluateRule(formulaRule(base, per, target, 'inclusive'), { score: target }).amountFen).toBe(base);
      }),
    );
  });

  it('a range never accepts an amount outside it; inside, the amount is the pick', () => {
    fc.assert(
      fc.property(yuanFen, yuanFen, yuanFen, yuanFen, fc.integer({ min: 0, max: 20_000_000 }), fc.boolean(), (a, b, c, d, pick, serious) => {
        const [min, max] = a <= b ? [a, b] : [b, a];
        const [smin, smax] = c <= d ? [c, d] : [d, c];
        const rule: SanctionRule = { code: 'p.range', kind: 'range', direction: 'fine', targets: ['person'], minFen: min, maxFen: max, serious: { minFen: smin, maxFen: smax }, label: L, citation: '004:L177', facts: [fact('amountFen', 'fen'), fact('serious', 'boolean', false)] };
        const [lo, hi] = serious ? [smin, smax] : [min, max];
        let amount: number | undefined;
        try {
          amount = evaluateRule(rule, { amountFen: pick, serious }).amountFen;
        } catch (e) {
          expect(e).toBeInstanceOf(RuleError);
          expect((e as RuleError).code).toBe('amount_out_of_range');
        }
        if (pick >= lo && pick <= hi) expect(amount).toBe(pick);
        else expect(amount).toBeUndefined();
      }),
    );
  });

  it('a repeat doubles exactly (003:L432 加倍考核) unless the rule has its own repeat rate', () => {
    fc.assert(
      fc.property(yuanFen, fc.integer({ min: 1, max: 1000 }), fc.option(yuanFen, { nil: undefined }), (per, items, ownRate) => {
        const rule: SanctionRule = { code: 'p.item', kind: 'per_item', direction: 'fine', targets: ['person'], amountFen: per, countFact: 'items', repeatRate: ownRate === undefined ? undefined : { amountFen: ownRate }, label: L, citation: '003:L448', facts: [fact('items', 'integer'), fact('repeat', 'boolean', false)] };
        const first = evaluateRule(rule, { items }).amountFen;
        const again = evaluateRule(rule, { items, repeat: true }).amountFen;
        expect(first).toBe(per * items);
        expect(again).toBe(ownRate === undefined ? 2 * first : ownRate * items);
      }),
    );
  });

  it('headcount rules charge every head the same: total = heads × each', () => {
    fc.assert(
      fc.property(yuanFen, fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 50 }), (per, heads, spots) => {
        const present: SanctionRule = { code: 'p.present', kind: 'per_person_present', direction: 'fine', targets: ['person'], amountFen: per, label: L, citation: '004:L177', facts: [fact('present', 'integer')] };
        const members: SanctionRule = { code: 'p.members', kind: 'per_member', direction: 'fine', targets: ['person'], amountFen: per, label: L, citation: '004:L176', facts: [fact('spots', 'integer'), fact('members', 'integer')] };
        expect(evaluateRule(present, { present: heads }).amountFen).toBe(per * heads);
        expect(evaluateRule(members, { spots, members: heads }).amountFen).toBe(per * spots * heads);
      }),
    );
  });

  it('any fact of the wrong type is refused naming the fact, never thrown as anything else', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double(), fc.integer({ min: -1000, max: -1 }), fc.constant(true)), (junk) => {
        const rule = formulaRule(100_000, 20_000, 92, 'strict');
        try {
          evaluateRule(rule, { score: junk as never });
        } catch (e) {
          expect(e).toBeInstanceOf(RuleError);
          expect((e as RuleError).field).toBe('score');
        }
      }),
    );
  });

  it('a rule that applies names every target, with money or outcomes only; one with neither names none (004:L188, 004:L124)', () => {
    const outcomes = fc.subarray(['notice_criticism', 'disqualify_year_awards', 'training', 'evening_drill'] as const);
    const targets = fc.subarray(['person', 'unit', 'manager', 'department'] as const, { minLength: 1 });
    fc.assert(
      fc.property(fc.oneof(fc.constant(0), yuanFen), outcomes, targets, (amountFen, out, who) => {
        const rule: SanctionRule = { code: 'p.fixed', kind: 'fixed', direction: 'fine', targets: [...who], amountFen, outcomes: [...out], label: L, citation: '004:L124', facts: [] };
        const r = evaluateRule(rule, {});
        const charged = amountFen > 0 || out.length > 0;
        expect(r.shares.map((x) => x.target)).toEqual(charged ? who : []);
        expect(r.shares.every((x) => x.amountFenEach === amountFen)).toBe(true);
        expect(r.outcomes).toEqual(out);
      }),
    );
  });
});
