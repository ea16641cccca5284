/**
 * The selection engine (RULES §6): quota arithmetic, eligibility over facts and figures, ballots,
 * tallies with ties and tie-breaks, score sheets, honours — examples and fast-check properties.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  branchKey,
  checkBallot,
  checkScoreSheet,
  compareFractions,
  countVotes,
  evaluateEligibility,
  fractionOfHeadcount,
  honoursForWin,
  meanScore,
  quotaLimit,
  quotaScopeOf,
  rankCandidates,
  reachesPermille,
  roundFraction,
  sheetTotal,
  type EligibilityRule,
  type QuotaRule,
  type SelectionFact,
  type SelectionFigures,
} from './index.js';

const L = { zh: '规则', en: 'rule' };
const tenth = { numerator: 1, denominator: 10, minimum: 1, rounding: 'half_up' as const };
const fivePercent = { numerator: 5, denominator: 100, minimum: 1, rounding: 'half_up' as const };

describe('quota arithmetic (RULES §6 decision: round half up, minimum 1)', () => {
  it('1/10 of 25 → 3, of 24 → 2, of 4 → 1, of 30 → 3 (001:L311)', () => {
    expect(fractionOfHeadcount(25, tenth)).toBe(3);
    expect(fractionOfHeadcount(24, tenth)).toBe(2);
    expect(fractionOfHeadcount(4, tenth)).toBe(1);
    expect(fractionOfHeadcount(30, tenth)).toBe(3);
    expect(fractionOfHeadcount(0, tenth)).toBe(1);
  });
  it('5 % of 130 → 7, of 129 → 6 (001:L423)', () => {
    expect(fractionOfHeadcount(130, fivePercent)).toBe(7);
    expect(fractionOfHeadcount(129, fivePercent)).toBe(6);
  });
  it('down and up roundings', () => {
    expect(roundFraction(25, 10, 'down')).toBe(2);
    expect(roundFraction(21, 10, 'up')).toBe(3);
    expect(roundFraction(20, 10, 'up')).toBe(2);
    expect(() => roundFraction(1, 0, 'down')).toThrow(RangeError);
    expect(() => fractionOfHeadcount(-1, tenth)).toThrow(RangeError);
  });
  it('property: half up equals Math.round of the exact quotient, within one of it, never below the minimum', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 5 }), (h, num, den, min) => {
        const n = fractionOfHeadcount(h, { numerator: num, denominator: den, minimum: min, rounding: 'half_up' });
        const exact = (h * num) / den;
        expect(n).toBeGreaterThanOrEqual(min);
        expect(n).toBe(Math.max(min, Math.floor(exact + 0.5 + 1e-12)));
        const down = roundFraction(h * num, den, 'down');
        const up = roundFraction(h * num, den, 'up');
        expect(down).toBeLessThanOrEqual(up);
        expect(up - down).toBeLessThanOrEqual(1);
        expect(down * den).toBeLessThanOrEqual(h * num);
        expect(up * den).toBeGreaterThanOrEqual(h * num);
      }),
    );
  });
  it('property: a larger headcount never has a smaller quota', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 100 }), (h, d) => {
        expect(fractionOfHeadcount(h + d, tenth)).toBeGreaterThanOrEqual(fractionOfHeadcount(h, tenth));
      }),
    );
  });
  it('scopes: the first rule whose categories match; per unit, branch, category, unit and category', () => {
    const rules: QuotaRule[] = [
      { per: 'unit_category', limit: { kind: 'count', count: 1 }, categories: ['医生', '护理'] },
      { per: 'round', limit: { kind: 'fraction', ...fivePercent }, categories: ['行政', '工勤'] },
    ];
    expect(quotaScopeOf(rules, { unitId: 'u1', category: '护理', partyBranch: null })).toEqual({ key: 'u1|护理', per: 'unit_category', rule: 0 });
    expect(quotaScopeOf(rules, { unitId: 'u1', category: '工勤', partyBranch: null })).toEqual({ key: 'all', per: 'round', rule: 1 });
    expect(quotaScopeOf(rules, { unitId: 'u1', category: null, partyBranch: null })).toBeNull();
    expect(quotaScopeOf([{ per: 'party_branch', limit: { kind: 'unlimited' } }], { unitId: null, category: null, partyBranch: '门诊党支部' })?.key).toBe('门诊');
    expect(quotaScopeOf([{ per: 'unit', limit: { kind: 'unlimited' } }], { unitId: 'u9', category: null, partyBranch: null })?.key).toBe('u9');
    expect(quotaScopeOf([{ per: 'category', limit: { kind: 'unlimited' } }], { unitId: 'u9', category: '医技', partyBranch: null })?.key).toBe('医技');
  });
  it('branch tables: 内儿 3 … 管理 2; unknown branches get otherwise (001:L239)', () => {
    const table = { kind: 'table' as const, entries: [{ key: '内儿', count: 3 }, { key: '医技支部', count: 2 }], otherwise: null };
    expect(quotaLimit(table, { key: branchKey('内儿党支部') })).toBe(3);
    expect(quotaLimit(table, { key: '医技' })).toBe(2);
    expect(quotaLimit(table, { key: '其他' })).toBe(0);
    expect(quotaLimit({ ...table, otherwise: 1 }, { key: '其他' })).toBe(1);
    expect(quotaLimit({ kind: 'unlimited' }, { key: 'all' })).toBeNull();
    expect(quotaLimit({ kind: 'count', count: 3 }, { key: 'all' })).toBe(3);
    expect(quotaLimit({ kind: 'fraction', ...tenth }, { key: 'u', headcount: 30 })).toBe(3);
  });
});

const day = 86_400_000;
const period = { from: 100 * day, to: 190 * day };
const year = { from: 0, to: 365 * day };
const fact = (kind: string, o: Partial<SelectionFact> = {}): SelectionFact => ({ kind, source: { kind: 'incident', id: `i-${kind}` }, at: 120 * day, amountFen: null, attributes: {}, ...o });
const noFigures: SelectionFigures = { ratingRate: null, satisfactionRate: null };
const rules: EligibilityRule[] = [
  { type: 'facts', code: 'damage', label: L, citation: '001:L213', window: 'period', anyOf: [{ kind: 'damage', minAmountFen: 20_000 }] },
  { type: 'facts', code: 'dispute', label: L, citation: '001:L453', window: 'period', anyOf: [{ kind: 'dispute', attributes: { reputationDamage: true } }, { kind: 'dispute', minAmountFen: 200_000 }] },
  { type: 'facts', code: 'major', label: L, citation: '001:L939', window: 'year', minCount: 3, anyOf: [{ kind: 'major_complaint' }] },
  { type: 'figure', code: 'satisfaction', label: L, citation: '001:L155', metric: 'satisfactionRate', atLeastPermille: 900, subject: 'unit' },
];
const evaluate = (facts: SelectionFact[], subject: 'person' | 'unit' = 'person', figures = noFigures) => evaluateEligibility(rules, { subject, facts, figures, period, year });

describe('eligibility', () => {
  it('damage 199.99 元 eligible, 200 元 disqualified, with the reason, its fact and citation', () => {
    expect(evaluate([fact('damage', { amountFen: 19_999 })]).eligible).toBe(true);
    const r = evaluate([fact('damage', { amountFen: 20_000 })]);
    expect(r.eligible).toBe(false);
    expect(r.reasons).toEqual([{ code: 'damage', text: L, source: { kind: 'incident', id: 'i-damage' }, citation: '001:L213' }]);
  });
  it('a fact outside the window does not count; the year window counts the whole year', () => {
    expect(evaluate([fact('damage', { amountFen: 50_000, at: 99 * day })]).eligible).toBe(true);
    expect(evaluate([fact('damage', { amountFen: 50_000, at: 190 * day })]).eligible).toBe(true);
    const majors = [10, 50, 300].map((d) => fact('major_complaint', { at: d * day }));
    expect(evaluate(majors.slice(0, 2)).eligible).toBe(true);
    const r = evaluate(majors);
    expect(r.eligible).toBe(false);
    expect(r.reasons).toHaveLength(1);
    expect(r.reasons[0].text.zh).toContain('3 次');
  });
  it('a dispute: reputation damage or a loss ≥ 2,000 元 (either way)', () => {
    expect(evaluate([fact('dispute', { amountFen: 150_000, attributes: { reputationDamage: false } })]).eligible).toBe(true);
    expect(evaluate([fact('dispute', { amountFen: 200_000, attributes: { reputationDamage: false } })]).eligible).toBe(false);
    expect(evaluate([fact('dispute', { amountFen: null, attributes: { reputationDamage: true } })]).eligible).toBe(false);
  });
  it('figures: 90 % exactly passes, 899/1000 fails, unmeasured is not held against; only the rule\'s subject', () => {
    expect(evaluate([], 'unit', { ratingRate: null, satisfactionRate: { numerator: 9, denominator: 10 } }).eligible).toBe(true);
    const r = evaluate([], 'unit', { ratingRate: null, satisfactionRate: { numerator: 899, denominator: 1000 } });
    expect(r.eligible).toBe(false);
    expect(r.reasons[0].text.en).toContain('90%');
    expect(evaluate([], 'person', { ratingRate: null, satisfactionRate: { numerator: 1, denominator: 10 } }).eligible).toBe(true);
    expect(evaluate([], 'unit', { ratingRate: null, satisfactionRate: { numerator: 0, denominator: 0 } }).eligible).toBe(true);
    expect(reachesPermille({ numerator: 0, denominator: 0 }, 900)).toBeNull();
  });
  it('property: damage disqualifies exactly from 20,000 fen; eligible ⇔ no reasons', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { maxLength: 5 }), (amounts) => {
        const r = evaluate(amounts.map((a, i) => fact('damage', { amountFen: a, source: { kind: 'incident', id: String(i) } })));
        expect(r.reasons.length).toBe(amounts.filter((a) => a >= 20_000).length);
        expect(r.eligible).toBe(r.reasons.length === 0);
      }),
    );
  });
  it('property: adding a fact never makes a nominee eligible again', () => {
    const kinds = fc.constantFrom('damage', 'dispute', 'major_complaint', 'verified_complaint');
    const arb = fc.record({ kind: kinds, amountFen: fc.option(fc.integer({ min: 0, max: 300_000 })), at: fc.integer({ min: 0, max: 364 }), rep: fc.boolean() });
    fc.assert(
      fc.property(fc.array(arb, { maxLength: 6 }), arb, (list, extra) => {
        const mk = (x: typeof extra, i: number) => fact(x.kind, { amountFen: x.amountFen, at: x.at * day, attributes: { reputationDamage: x.rep }, source: { kind: 'incident', id: String(i) } });
        const before = evaluate(list.map(mk));
        const after = evaluate([...list.map(mk), mk(extra, 99)]);
        if (!before.eligible) expect(after.eligible).toBe(false);
        expect(after.reasons.length).toBeGreaterThanOrEqual(before.reasons.length);
      }),
    );
  });
});

describe('ballots and tallies', () => {
  const base = { voterId: 'v1', choices: ['a'], voters: new Set(['v1', 'v2']), alreadyVoted: new Set<string>(), candidates: new Set(['a', 'b', 'c']), maxChoices: 2 };
  it('one ballot per voter, at most N choices, candidates only, no duplicates', () => {
    expect(checkBallot(base)).toBeNull();
    expect(checkBallot({ ...base, voterId: 'x' })).toBe('not_a_voter');
    expect(checkBallot({ ...base, alreadyVoted: new Set(['v1']) })).toBe('already_voted');
    expect(checkBallot({ ...base, choices: ['a', 'b', 'c'] })).toBe('too_many_choices');
    expect(checkBallot({ ...base, choices: ['a', 'a'] })).toBe('duplicate_choice');
    expect(checkBallot({ ...base, choices: ['z'] })).toBe('not_a_candidate');
    expect(checkBallot({ ...base, choices: [] })).toBe('empty_ballot');
  });
  it('ties are reported and broken by score, then the earliest nomination', () => {
    const candidates = [
      { id: 'a', nominatedAt: 3, score: { numerator: 90, denominator: 1 } },
      { id: 'b', nominatedAt: 2, score: { numerator: 95, denominator: 1 } },
      { id: 'c', nominatedAt: 1, score: null },
      { id: 'd', nominatedAt: 0, score: { numerator: 90, denominator: 1 } },
    ];
    const votes = countVotes(['a', 'b', 'c', 'd'], [['a', 'b'], ['a', 'b'], ['c', 'd'], ['c']]);
    expect([...votes]).toEqual([['a', 2], ['b', 2], ['c', 2], ['d', 1]]);
    const r = rankCandidates({ candidates, votes, seats: 2, tieBreak: ['score', 'earliest_nomination'] });
    expect(r.ranked.map((x) => [x.id, x.rank, x.tied, x.winner])).toEqual([
      ['b', 1, true, true],
      ['a', 1, true, true],
      ['c', 1, true, false],
      ['d', 4, false, false],
    ]);
    expect(r.ties).toEqual([['b', 'a', 'c']]);
    expect(r.tieAtCut).toBe(true);
    const byNomination = rankCandidates({ candidates, votes, seats: 2, tieBreak: ['earliest_nomination'] });
    expect(byNomination.ranked.filter((x) => x.winner).map((x) => x.id)).toEqual(['c', 'b']);
  });
  it('the score-sheet method ranks by mean score exactly', () => {
    const r = rankCandidates({
      candidates: [
        { id: 'a', nominatedAt: 0, score: meanScore([90, 91]) },
        { id: 'b', nominatedAt: 1, score: meanScore([181, 0, 90]) },
        { id: 'c', nominatedAt: 2, score: meanScore([]) },
      ],
      votes: null,
      seats: 1,
      tieBreak: ['earliest_nomination'],
    });
    expect(r.ranked.map((x) => x.id)).toEqual(['a', 'b', 'c']);
    expect(r.ties).toEqual([]);
    expect(compareFractions({ numerator: 181, denominator: 2 }, { numerator: 271, denominator: 3 })).toBe(1);
  });
  it('property: votes add up, winners are exactly min(seats, n), ranks never decrease, every tie group shares its count', () => {
    const arb = fc.record({
      n: fc.integer({ min: 1, max: 12 }),
      seats: fc.integer({ min: 0, max: 12 }),
      ballots: fc.array(fc.array(fc.integer({ min: 0, max: 11 }), { maxLength: 4 }), { maxLength: 40 }),
    });
    fc.assert(
      fc.property(arb, ({ n, seats, ballots }) => {
        const ids = Array.from({ length: n }, (_, i) => `c${i}`);
        const bs = ballots.map((b) => [...new Set(b.filter((i) => i < n).map((i) => `c${i}`))]);
        const votes = countVotes(ids, bs);
        expect([...votes.values()].reduce((a, v) => a + v, 0)).toBe(bs.reduce((a, b) => a + b.length, 0));
        const r = rankCandidates({ candidates: ids.map((id, i) => ({ id, nominatedAt: i })), votes, seats, tieBreak: ['score', 'earliest_nomination'] });
        expect(r.ranked.filter((x) => x.winner).length).toBe(Math.min(seats, n));
        for (let i = 1; i < r.ranked.length; i++) {
          expect(r.ranked[i].votes).toBeLessThanOrEqual(r.ranked[i - 1].votes);
          expect(r.ranked[i].rank).toBeGreaterThanOrEqual(r.ranked[i - 1].rank);
        }
        for (const g of r.ties) expect(new Set(g.map((id) => votes.get(id))).size).toBe(1);
        for (const x of r.ranked) expect(x.tied).toBe(r.ties.some((g) => g.includes(x.id)));
        // A winner never has fewer votes than a loser.
        const minWin = Math.min(...r.ranked.filter((x) => x.winner).map((x) => x.votes));
        for (const x of r.ranked.filter((y) => !y.winner)) expect(x.votes).toBeLessThanOrEqual(minWin);
      }),
    );
  });
});

describe('score sheets', () => {
  const items = [
    { code: 'a', label: L, max: 10 },
    { code: 'b', label: L, max: 15 },
  ];
  it('above the maximum, unknown, repeated, fractional or negative entries are named', () => {
    expect(checkScoreSheet(items, [{ code: 'a', points: 10 }, { code: 'b', points: 15 }])).toEqual([]);
    expect(checkScoreSheet(items, [{ code: 'a', points: 11 }])).toEqual([{ code: 'points_above_max', item: 'a', max: 10 }]);
    expect(checkScoreSheet(items, [{ code: 'z', points: 1 }])[0].code).toBe('item_unknown');
    expect(checkScoreSheet(items, [{ code: 'a', points: 1 }, { code: 'a', points: 1 }])[0].code).toBe('item_repeated');
    expect(checkScoreSheet(items, [{ code: 'a', points: 1.5 }])[0].code).toBe('points_invalid');
    expect(checkScoreSheet(items, [{ code: 'a', points: -1 }])[0].code).toBe('points_invalid');
  });
  it('property: a sheet is valid iff every entry is a known item once with 0..max whole points; its total is at most the maximum', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ code: fc.constantFrom('a', 'b'), points: fc.integer({ min: -2, max: 20 }) }), { maxLength: 3 }), (entries) => {
        const ok = new Set(entries.map((e) => e.code)).size === entries.length && entries.every((e) => e.points >= 0 && e.points <= (e.code === 'a' ? 10 : 15));
        expect(checkScoreSheet(items, entries).length === 0).toBe(ok);
        if (ok) expect(sheetTotal(entries)).toBeLessThanOrEqual(25);
      }),
    );
  });
});

describe('honours', () => {
  const rules = [
    { code: 'excellent', name: L, citation: '001:L197', winsInYear: 1 },
    { code: 'advanced', name: L, citation: '001:L199', winsInYear: 2 },
    { code: 'head', name: L, citation: '001:L201', unitHead: true },
  ];
  it('once → excellent, twice → advanced, a third win adds nothing; a unit head gets the head honour', () => {
    expect(honoursForWin(rules, { winsInYear: 1, unitHead: false }).map((r) => r.code)).toEqual(['excellent']);
    expect(honoursForWin(rules, { winsInYear: 2, unitHead: false }).map((r) => r.code)).toEqual(['advanced']);
    expect(honoursForWin(rules, { winsInYear: 3, unitHead: false })).toEqual([]);
    expect(honoursForWin(rules, { winsInYear: 1, unitHead: true }).map((r) => r.code)).toEqual(['head']);
  });
});
