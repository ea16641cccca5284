/**
 * The award types of the hospital preset (RULES §6) read through the selection engine: quotas,
 * seats, score sheets and the two disqualification profiles at the seed's boundaries.
 */
import { describe, expect, it } from 'vitest';
import { evaluateEligibility, quotaLimit, sheetMaximum, type SelectionFact } from '../engines/selection/index.js';
import { awardTypesOf, awardsSchema, findAwardType, isValidSource, presetFor, publicityDaysOf } from './index.js';
import { awardsPreset } from './presets/awards.js';

const pack = presetFor('hospital');
const type = (code: string) => {
  const t = findAwardType(pack, code);
  if (!t) throw new Error(code);
  return t;
};
const day = 86_400_000;
const window = { period: { from: 0, to: 90 * day }, year: { from: 0, to: 365 * day } };
const fact = (kind: string, amountFen: number | null = null, attributes: SelectionFact['attributes'] = {}): SelectionFact => ({ kind, source: { kind: 'incident', id: kind }, at: day, amountFen, attributes });
const eligible = (code: string, facts: SelectionFact[]) => evaluateEligibility(type(code).rules, { subject: 'person', facts, figures: { ratingRate: null, satisfactionRate: null }, ...window }).eligible;

describe('award types of the hospital preset', () => {
  it('has the issue\'s stable codes; every type, quota, seat count, item, rule and honour is cited', () => {
    const codes = awardTypesOf(pack).map((t) => t.code);
    for (const c of ['taixing.window', 'taixing.star', 'taixing.civility_star', 'taixing.integrity_star', 'taixing.model_department', 'huizhou.window', 'huizhou.star', 'five_star_doctor']) expect(codes).toContain(c);
    for (const t of awardTypesOf(pack)) {
      expect(isValidSource(t.citation), t.code).toBe(true);
      expect(isValidSource(t.seatsCitation), t.code).toBe(true);
      for (const q of t.quotas) expect(isValidSource(q.citation), t.code).toBe(true);
      for (const i of t.scoreSheet) expect(isValidSource(i.citation), `${t.code}.${i.code}`).toBe(true);
      for (const r of t.rules) expect(isValidSource(r.citation), r.code).toBe(true);
      for (const h of t.honours) expect(isValidSource(h.citation), h.code).toBe(true);
      if (t.rewardRule) expect(pack.sanctionRules[t.rewardRule.split('.')[0]]?.[t.rewardRule.split('.')[1]], t.rewardRule).toBeDefined();
    }
    expect(awardsSchema.safeParse(awardsPreset('bank')).success).toBe(true);
    expect(awardTypesOf(presetFor('bank'))).toEqual([]);
  });
  it('Taixing: 3 windows and 10 models a quarter (001:L167), 2 model departments (001:L143), 10 + 10 by middle-cadre vote (001:L315)', () => {
    expect(type('taixing.window').seats).toEqual({ min: 3, max: 3 });
    expect(type('taixing.star').seats).toEqual({ min: 10, max: 10 });
    expect(type('taixing.model_department').seats).toEqual({ min: 2, max: 2 });
    expect(type('taixing.civility_star')).toMatchObject({ method: 'vote', voters: 'middle_cadres', seats: { max: 10 } });
    expect(type('taixing.integrity_star')).toMatchObject({ method: 'vote', voters: 'middle_cadres', seats: { max: 10 } });
  });
  it('文明服务标兵: 1/10 of a department, half up, at least 1 (001:L311): 30 → 3, 25 → 3, 24 → 2, 4 → 1', () => {
    const q = type('taixing.civility_star').quotas[0];
    expect(q.per).toBe('unit');
    expect([30, 25, 24, 4].map((h) => quotaLimit(q.limit, { key: 'u', headcount: h }))).toEqual([3, 3, 2, 1]);
  });
  it('score sheets: 10 × 10 (001:L261–281) and 4 × 10 + 4 × 15 (001:L283–299)', () => {
    const civility = type('taixing.civility_star').scoreSheet;
    expect(civility.map((i) => i.max)).toEqual(Array(10).fill(10));
    expect(sheetMaximum(civility)).toBe(100);
    const integrity = type('taixing.integrity_star').scoreSheet;
    expect(integrity.map((i) => i.max)).toEqual([10, 10, 10, 10, 15, 15, 15, 15]);
    expect(sheetMaximum(integrity)).toBe(100);
  });
  it('服务之星 branch quotas: 内儿 3, 外产 3, 门诊 3, 医技 2, 保健 2, 崇凭 2, 管理 2 (001:L239)', () => {
    const q = type('taixing.service_star').quotas[0];
    expect(q.per).toBe('party_branch');
    expect(['内儿党支部', '外产', '门诊支部', '医技', '保健', '崇凭', '管理', '其他'].map((b) => quotaLimit(q.limit, { key: b }))).toEqual([3, 3, 3, 2, 2, 2, 2, 0]);
  });
  it('Huizhou: one of each of five windows (001:L421); one per ward and category, admin 5 % (001:L423); reward 200 元 (001:L441)', () => {
    expect(type('huizhou.window').seats).toEqual({ min: 5, max: 5 });
    const [perWard, admin] = type('huizhou.star').quotas;
    expect(perWard).toMatchObject({ per: 'unit_category', limit: { kind: 'count', count: 1 } });
    expect(quotaLimit(admin.limit, { key: 'all', headcount: 130 })).toBe(7);
    expect(quotaLimit(admin.limit, { key: 'all', headcount: 129 })).toBe(6);
    expect(pack.sanctionRules.huizhou.model_award).toMatchObject({ amountFen: { value: 20_000 } });
    expect(type('huizhou.star').routing.find((r) => r.categories.includes('护理'))?.reviewers).toEqual(['护理部']);
  });
  it('five-star doctor: at most 2 per branch, 5–6 in all (003:L189)', () => {
    expect(type('five_star_doctor').quotas[0].limit).toEqual({ kind: 'count', count: 2 });
    expect(type('five_star_doctor').seats).toEqual({ min: 5, max: 6 });
  });
  it('publicity lasts 5 working days (RULES §6 decision)', () => {
    expect(publicityDaysOf(pack)).toBe(5);
  });
});

describe('disqualification profiles (RULES §6 table)', () => {
  it('damage 199 元 eligible, 200 元 disqualified under both (001:L213, L455)', () => {
    for (const code of ['taixing.star', 'huizhou.star']) {
      expect(eligible(code, [fact('damage', 19_900)])).toBe(true);
      expect(eligible(code, [fact('damage', 19_999)])).toBe(true);
      expect(eligible(code, [fact('damage', 20_000)])).toBe(false);
    }
  });
  it('a dispute loss of 1,500 元 disqualifies under Taixing (001:L211) but not Huizhou (001:L453); 2,000 元 under both', () => {
    const loss = (fen: number) => [fact('dispute', fen, { party: 'patient', reputationDamage: false })];
    expect(eligible('taixing.star', loss(150_000))).toBe(false);
    expect(eligible('huizhou.star', loss(150_000))).toBe(true);
    expect(eligible('huizhou.star', loss(199_999))).toBe(true);
    expect(eligible('huizhou.star', loss(200_000))).toBe(false);
    expect(eligible('huizhou.star', [fact('dispute', null, { party: 'colleague', reputationDamage: true })])).toBe(false);
  });
  it('accidents: any under Taixing (001:L205), graded or liability under Huizhou (001:L447)', () => {
    const ungraded = [fact('accident', null, { graded: false, liability: false })];
    expect(eligible('taixing.star', ungraded)).toBe(false);
    expect(eligible('huizhou.star', ungraded)).toBe(true);
    expect(eligible('huizhou.star', [fact('accident', null, { graded: true, liability: false })])).toBe(false);
    expect(eligible('huizhou.star', [fact('accident', null, { graded: false, liability: true })])).toBe(false);
  });
  it('red envelopes: not returned (Taixing 001:L207); not returned in time (Huizhou 001:L449)', () => {
    const lateReturn = [fact('red_envelope', 50_000, { returned: true, returnedInTime: false })];
    expect(eligible('taixing.star', lateReturn)).toBe(true);
    expect(eligible('huizhou.star', lateReturn)).toBe(false);
    expect(eligible('taixing.star', [fact('red_envelope', 50_000, { returned: false, returnedInTime: false })])).toBe(false);
  });
  it('every award: a verified complaint, a veto, three major complaints in a year (001:L939), 取消当年评优 (004:L124)', () => {
    expect(eligible('taixing.star', [fact('verified_complaint')])).toBe(false);
    expect(eligible('five_star_doctor', [fact('veto')])).toBe(false);
    expect(eligible('five_star_doctor', [fact('major_complaint'), fact('major_complaint')])).toBe(true);
    expect(eligible('five_star_doctor', [fact('major_complaint'), fact('major_complaint'), fact('major_complaint')])).toBe(false);
    expect(eligible('five_star_doctor', [fact('disqualify_year_awards')])).toBe(false);
  });
  it('window figures: Taixing rating rate and satisfaction ≥ 90 % (001:L155), Huizhou windows satisfaction ≥ 95 % (001:L349)', () => {
    const unit = (code: string, num: number) => evaluateEligibility(type(code).rules, { subject: 'unit', facts: [], figures: { ratingRate: { numerator: 95, denominator: 100 }, satisfactionRate: { numerator: num, denominator: 100 } }, ...window }).eligible;
    expect(unit('taixing.window', 90)).toBe(true);
    expect(unit('taixing.window', 89)).toBe(false);
    expect(unit('huizhou.window', 94)).toBe(false);
    expect(unit('huizhou.window', 95)).toBe(true);
  });
});
