/**
 * Filling a sheet (每人每周期一张考核表, 002:L216): the issue #21 acceptance example, every rule kind,
 * caps and floors, vetoes, judged items (德能勤绩, 000:L115) and the errors.
 */
import { describe, expect, it } from 'vitest';
import { windowTemplate as tpl } from '../../test-support/appraisal-template.js';
import { AppraisalError, emptyFacts, fillSheet, type FactRecord, type SheetTemplate, type StaffFacts } from './index.js';

const rec = (kind: FactRecord['kind'], id: string): FactRecord => ({ kind, id, label: `${kind} ${id}` });
const judged = { de: '5', neng: '4.5', qin: '4', ji: '4' };
const item = (sheet: ReturnType<typeof fillSheet>, code: string) => sheet.items.find((i) => i.code === code)!;
function facts(patch: Partial<StaffFacts> = {}): StaffFacts {
  return { ...emptyFacts('s1', 'u1'), ...patch };
}

describe('fillSheet — the acceptance example of issue #21', () => {
  // 96 % satisfaction, 92 % rating rate, one verified complaint, an inspection deduction of 0.5 (003:L143)
  const f = facts({
    ratings: { rated: 575, satisfied: 552, served: 625, records: [rec('ratings', 's1|2026-11-01|2026-11-30')] },
    verifiedComplaints: [rec('incident', 'c1')],
    inspectionDeductions: { points: '0.5', records: [rec('inspection', 'i1')] },
  });
  const sheet = fillSheet(tpl, f, judged);

  it('fills every measured item from the facts and links the records behind it', () => {
    expect(item(sheet, 'satisfaction')).toMatchObject({ source: 'satisfaction', value: '96', points: '28.8', records: [{ kind: 'ratings' }] });
    expect(item(sheet, 'rating_rate')).toMatchObject({ source: 'rating_rate', value: '92', points: '10', records: [{ kind: 'ratings' }] });
    expect(item(sheet, 'complaints')).toMatchObject({ source: 'verified_complaints', value: '1', points: '5', records: [{ id: 'c1' }] });
    expect(item(sheet, 'inspection')).toMatchObject({ source: 'inspection_deductions', value: '0.5', points: '9.5', records: [{ id: 'i1' }] });
  });
  it('totals exactly as the template says and grades the star (以上 inclusive)', () => {
    // 28.8 + 10 + 5 + 9.5 + 0 + 8 + 5 + 5 + (5 + 4.5 + 4 + 4) = 88.8 → ★★★★ (≥ 85)
    expect(sheet.total).toBe('88.8');
    expect(sheet.complete).toBe(true);
    expect(sheet.star?.stars).toBe(4);
  });
  it('shows each formula with its figures in both languages', () => {
    expect(item(sheet, 'satisfaction').inWords.zh).toContain('满意率 96%(552/575)');
    expect(item(sheet, 'satisfaction').inWords.zh).toContain('= 28.8 分');
    expect(item(sheet, 'complaints').inWords.en).toBe('10 − 1 verified complaints × 5 = 5');
    expect(item(sheet, 'inspection').inWords.zh).toBe('10 − 检查扣分 0.5 × 1 = 9.5 分');
  });
});

describe('fillSheet — rules', () => {
  it('ratio threshold: below the target scores the floor', () => {
    const s = fillSheet(tpl, facts({ ratings: { rated: 89, satisfied: 89, served: 100 } }), judged);
    expect(item(s, 'rating_rate')).toMatchObject({ value: '89', points: '0' });
    expect(item(s, 'rating_rate').inWords.en).toContain('misses the target 90%');
  });
  it('ratio with no data: full points or the floor as the rule says', () => {
    const s = fillSheet(tpl, facts(), judged);
    expect(item(s, 'satisfaction')).toMatchObject({ value: null, points: '30' });
    expect(item(s, 'rating_rate')).toMatchObject({ value: null, points: '0' });
  });
  it('ratio proportional rounds 2 places half away from zero (2/3 × 30 = 20)', () => {
    const s = fillSheet(tpl, facts({ ratings: { rated: 3, satisfied: 2, served: 3 } }), judged);
    expect(item(s, 'satisfaction')).toMatchObject({ value: '66.67', points: '20' });
  });
  it('per_point: half a point per percentage point below 95 %', () => {
    const s = fillSheet(tpl, facts({ followUps: { due: 10, onTime: 9, records: [rec('follow_up', 'f1')] } }), judged);
    expect(item(s, 'follow_ups')).toMatchObject({ value: '90', points: '2.5' });
  });
  it('per record: deductions stop at the floor, and the clamp is said', () => {
    const s = fillSheet(tpl, facts({ verifiedComplaints: [rec('incident', 'a'), rec('incident', 'b'), rec('incident', 'c')] }), judged);
    expect(item(s, 'complaints').points).toBe('0');
    expect(item(s, 'complaints').inWords.zh).toContain('保底 0 分');
  });
  it('sanctions: the largest band reached applies, rewards add, the cap holds', () => {
    const fine = fillSheet(tpl, facts({ sanctions: { fineFen: 20000, rewardFen: 0, records: [rec('sanction', 'x')] } }), judged);
    expect(item(fine, 'sanctions')).toMatchObject({ value: '-200', points: '3', records: [{ id: 'x' }] });
    const reward = fillSheet(tpl, facts({ sanctions: { fineFen: 0, rewardFen: 50000, records: [] } }), judged);
    expect(item(reward, 'sanctions').points).toBe('10');
    const both = fillSheet(tpl, facts({ sanctions: { fineFen: 5000, rewardFen: 5000, records: [] } }), judged);
    expect(item(both, 'sanctions').points).toBe('8');
  });
  it('deliverables: each late and missing one costs its points', () => {
    const s = fillSheet(tpl, facts({ deliverables: { due: 4, late: 1, missing: 1, records: [rec('deliverable', 'd')] } }), judged);
    expect(item(s, 'deliverables')).toMatchObject({ value: '2', points: '2' });
  });
  it('a veto (一票否决) zeroes its item, marks the sheet vetoed and withholds the star', () => {
    const s = fillSheet(tpl, facts({ inspectionVetoes: [rec('inspection', 'v')] }), judged);
    expect(s.vetoed).toBe(true);
    expect(item(s, 'veto')).toMatchObject({ vetoed: true, points: '0', records: [{ id: 'v' }] });
    expect(s.star).toBeNull();
  });
  it('a veto item may also deduct per record instead', () => {
    const t: SheetTemplate = { ...tpl, items: tpl.items.map((i) => (i.code === 'veto' ? { ...i, max: '10', rule: { kind: 'per_record' as const, points: '10' } } : i)) };
    const s = fillSheet(t, facts({ inspectionVetoes: [rec('inspection', 'v')] }), judged);
    expect(s.vetoed).toBe(false);
    expect(item(s, 'veto').points).toBe('0');
  });
});

describe('fillSheet — judged items (德能勤绩)', () => {
  it('an unscored judged item leaves the sheet incomplete and without a star', () => {
    const s = fillSheet(tpl, facts(), { de: '5' });
    expect(s.complete).toBe(false);
    expect(s.star).toBeNull();
    expect(item(s, 'neng')).toMatchObject({ value: null, points: null, range: { min: '0', max: '5' } });
  });
  it('a score outside the range is refused naming the item', () => {
    expect(() => fillSheet(tpl, facts(), { qin: '0.5' })).toThrow(expect.objectContaining({ code: 'appraisal_judged_out_of_range', field: 'items.qin' }));
    expect(() => fillSheet(tpl, facts(), { satisfaction: '3' })).toThrow(AppraisalError);
  });
});

describe('fillSheet — refusals', () => {
  it('refuses facts that cannot be', () => {
    expect(() => fillSheet(tpl, facts({ ratings: { rated: 1, satisfied: 2, served: 2 } }), judged)).toThrow(expect.objectContaining({ code: 'appraisal_facts_invalid', field: 'ratings.satisfied' }));
    expect(() => fillSheet(tpl, facts({ inspectionDeductions: { points: '-1', records: [] } }), judged)).toThrow(expect.objectContaining({ code: 'appraisal_facts_invalid' }));
    expect(() => fillSheet(tpl, facts({ followUps: { due: 1.5, onTime: 0, records: [] } }), judged)).toThrow(expect.objectContaining({ code: 'appraisal_facts_invalid' }));
  });
  it('refuses a template checkTemplate refuses', () => {
    const bad = { ...tpl, items: [...tpl.items, tpl.items[0]] };
    expect(() => fillSheet(bad, facts(), judged)).toThrow(expect.objectContaining({ code: 'appraisal_template_invalid', field: `items.${tpl.items.length}.code` }));
  });
});
