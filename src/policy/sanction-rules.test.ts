/**
 * The sanction catalogues as pack data (RULES §5): each preset's rules parse, evaluate on the
 * engine as the source documents say, and an organisation's override changes an amount only with
 * a citation or decision of its own.
 */
import { describe, expect, it } from 'vitest';
import { RuleError, evaluateRule, type RuleFacts } from '../engines/rules/index.js';
import { findSanctionRule, presetFor, resolvePolicy, sanctionRulesOf, validatePolicyOverrides, type PolicyPack } from './index.js';

const bank = presetFor('bank');
const run = (pack: PolicyPack, code: string, facts: RuleFacts) => {
  const found = findSanctionRule(pack, code);
  if (!found) throw new Error(`no rule ${code}`);
  return evaluateRule(found.rule, facts);
};
const refusal = (pack: PolicyPack, code: string, facts: RuleFacts) => {
  try {
    run(pack, code, facts);
  } catch (e) {
    if (e instanceof RuleError) return e;
    throw e;
  }
  throw new Error('no refusal');
};

describe('the catalogues in the presets', () => {
  it('the bank has psbc.*, abc.* and feixian.*; the hall hall.*; the hospital its rewards', () => {
    const codes = (s: 'bank' | 'hall' | 'hospital' | 'utility') => sanctionRulesOf(presetFor(s)).map((r) => r.rule.code);
    expect(codes('bank')).toEqual(expect.arrayContaining(['psbc.stage_target', 'psbc.stage3', 'psbc.region_bottom', 'psbc.soft_problem', 'psbc.subjective_complaint', 'psbc.media_exposure', 'psbc.early_target_reward', 'abc.score_bands', 'feixian.loud_noise', 'feixian.valid_complaint']));
    expect(codes('hall')).toEqual(['hall.first_responsibility']);
    expect(codes('hospital')).toEqual(['taixing.window_award', 'taixing.model_award', 'huizhou.model_award']);
    expect(codes('utility')).toEqual([]);
  });

  it('every rule and every amount cites its source line', () => {
    for (const s of ['bank', 'hall', 'hospital'] as const) {
      for (const { rule, values } of sanctionRulesOf(presetFor(s))) {
        expect([rule.code, rule.citation]).toEqual([rule.code, expect.stringMatching(/^\d{3}:L\d+/)]);
        for (const v of values) expect([rule.code, v.path, v.source]).toEqual([rule.code, v.path, expect.stringMatching(/^\d{3}:L\d+/)]);
      }
    }
  });

  it('PSBC stage 1, target 92, score 89 → 1,600 元; at 92 nothing (003:L427–428, L420)', () => {
    expect(run(bank, 'psbc.stage_target', { stage: 1, target: 92, score: 89 }).amountFen).toBe(160_000);
    expect(run(bank, 'psbc.stage_target', { stage: 1, target: 92, score: 92 }).amountFen).toBe(0);
    expect(run(bank, 'psbc.stage_target', { stage: 2, score: 94 }).amountFen).toBe(120_000); // 003:L421 target 95
  });

  it('stage 3 bottom 100 waits for the organisation to set "20xx" (003:L429)', () => {
    expect(refusal(bank, 'psbc.stage3', { rank: 50, score: 96 })).toMatchObject({ code: 'policy_value_missing', field: 'psbc.stage3.bands.bottom_100.amountFen' });
    expect(run(bank, 'psbc.stage3', { rank: 150, score: 96 })).toMatchObject({ amountFen: 140_000, shares: [{ target: 'department', count: 1, amountFenEach: 140_000 }] });
  });

  it('region bottom two: 500 / 300 plus 200 per point short of the stage target (003:L431)', () => {
    expect(run(bank, 'psbc.region_bottom', { rank: 1, stage: 1, score: 90 }).amountFen).toBe(90_000);
    expect(run(bank, 'psbc.region_bottom', { rank: 2, stage: 2, score: 96 }).amountFen).toBe(30_000);
    expect(run(bank, 'psbc.region_bottom', { rank: 3, stage: 2, score: 80 }).amountFen).toBe(0);
  });

  it('soft problems: 200 per point + evening drill; again 500 per point + training (003:L448)', () => {
    expect(run(bank, 'psbc.soft_problem', { points: 2 })).toMatchObject({ amountFen: 40_000, outcomes: ['evening_drill'] });
    expect(run(bank, 'psbc.soft_problem', { points: 2, repeat: true })).toMatchObject({ amountFen: 100_000, outcomes: ['training'] });
  });

  it('complaints and media lie in their ranges (003:L435); rewards are rewards (003:L423–425)', () => {
    expect(refusal(bank, 'psbc.subjective_complaint', { amountFen: 60_000 }).code).toBe('amount_out_of_range');
    expect(run(bank, 'psbc.media_exposure', { amountFen: 1_000_000, level: 'national' }).amountFen).toBe(1_000_000);
    expect(run(bank, 'psbc.early_target_reward', { quarters: 2 })).toMatchObject({ direction: 'reward', amountFen: 60_000 });
    expect(run(bank, 'psbc.region_top_reward', { rank: 2, stage: 1, score: 92 })).toMatchObject({ direction: 'reward', amountFen: 50_000 });
    expect(run(bank, 'psbc.region_top_reward', { rank: 1, stage: 1, score: 91.5 }).amountFen).toBe(0);
  });

  it('费县: loud noise with 4 present → 100 元 each, 400 in all; a serious valid complaint in 500–1,000 (004:L178)', () => {
    expect(run(bank, 'feixian.loud_noise', { present: 4 })).toMatchObject({ amountFen: 40_000, shares: [{ target: 'person', count: 4, amountFenEach: 10_000 }], outcomes: ['notice_criticism'] });
    expect(run(bank, 'feixian.valid_complaint', { amountFen: 80_000, serious: true }).amountFen).toBe(80_000);
    expect(refusal(bank, 'feixian.valid_complaint', { amountFen: 40_000, serious: true })).toMatchObject({ code: 'amount_out_of_range', details: { minFen: 50_000, maxFen: 100_000 } });
    expect(run(bank, 'feixian.premises_unclean', { spots: 1, members: 5 }).amountFen).toBe(50_000); // 004:L176 第三条
  });

  it('ABC bands wait for their amounts (003:L341, L343 give none)', () => {
    expect(refusal(bank, 'abc.score_bands', { score: 82 })).toMatchObject({ code: 'policy_value_missing', field: 'abc.score_bands.bands.below_85.amountFen' });
    expect(refusal(bank, 'abc.score_bands', { score: 79.9 }).field).toBe('abc.score_bands.bands.below_80.amountFen');
    expect(run(bank, 'abc.score_bands', { score: 85 }).amountFen).toBe(0); // 低于85分: 85 itself is not docked
  });

  it('the hall: criticism without money; repeats are sanctioned (004:L188)', () => {
    const hall = presetFor('hall');
    expect(run(hall, 'hall.first_responsibility', {})).toMatchObject({ amountFen: 0, outcomes: ['criticism', 'internal_warning', 'appraisal_record'] });
    expect(run(hall, 'hall.first_responsibility', { repeat: true }).outcomes).toContain('administrative_sanction');
  });

  it('unknown codes are not found', () => {
    expect(findSanctionRule(bank, 'psbc.nope')).toBeUndefined();
    expect(findSanctionRule(bank, 'psbc')).toBeUndefined();
    expect(findSanctionRule(bank, 'hall.first_responsibility')).toBeUndefined();
    expect(findSanctionRule(bank, 'psbc.stage_target.x')).toBeUndefined();
  });
});

describe('organisations override amounts with a citation of their own', () => {
  it('an overridden amount changes the computation and carries its decision', () => {
    const decision = { zh: '本行 2026 年奖惩办法第 9 条', en: 'Our 2026 rules, article 9' };
    const pack = resolvePolicy('bank', { sanctionRules: { feixian: { loud_noise: { amountFen: { value: 15_000, decision } } } } });
    expect(run(pack, 'feixian.loud_noise', { present: 4 }).amountFen).toBe(60_000);
    expect(findSanctionRule(pack, 'feixian.loud_noise')!.values).toEqual([{ path: 'amountFen', value: 15_000, decision }]);
    expect(run(bank, 'feixian.loud_noise', { present: 4 }).amountFen).toBe(40_000); // the preset is untouched
  });

  it('setting the "20xx" placeholder lets stage 3 compute (003:L429)', () => {
    const pack = resolvePolicy('bank', { sanctionRules: { psbc: { stage3: { bands: { bottom_100: { amountFen: { value: 200_000, decision: '本行设定为 2000 元' } } } } } } });
    expect(run(pack, 'psbc.stage3', { rank: 50, score: 96.5 }).amountFen).toBe(230_000);
  });

  it('an amount without a citation, a negative amount, or a range turned upside down is refused', () => {
    const bare = validatePolicyOverrides('bank', { sanctionRules: { feixian: { loud_noise: { amountFen: 15_000 } } } });
    expect(bare.ok).toBe(false);
    if (!bare.ok) expect(bare.issues[0].path).toBe('sanctionRules.feixian.loud_noise.amountFen');
    const noWhy = validatePolicyOverrides('bank', { sanctionRules: { feixian: { loud_noise: { amountFen: { value: 15_000 } } } } });
    expect(noWhy.ok).toBe(false);
    expect(validatePolicyOverrides('bank', { sanctionRules: { feixian: { loud_noise: { amountFen: { value: -1, decision: 'x' } } } } }).ok).toBe(false);
    const upside = validatePolicyOverrides('bank', { sanctionRules: { feixian: { valid_complaint: { minFen: { value: 90_000, decision: 'x' } } } } });
    expect(upside.ok).toBe(false);
    if (!upside.ok) expect(upside.issues.map((i) => i.path)).toContain('sanctionRules.feixian.valid_complaint.minFen');
  });

  it('an organisation may add a rule of its own, complete, with the facts its kind reads', () => {
    const own = { direction: 'fine', targets: ['person'], kind: 'per_person_present', amountFen: { value: 5_000, decision: '本单位规定' }, label: { zh: '离岗', en: 'Away from post' }, decision: { zh: '本单位规定', en: 'Our own rule' }, facts: [{ name: 'present', type: 'integer', required: true, label: { zh: '人数', en: 'present' } }] };
    const pack = resolvePolicy('hall', { sanctionRules: { ours: { away: own } } });
    expect(run(pack, 'ours.away', { present: 3 }).amountFen).toBe(15_000);
    const noFacts = validatePolicyOverrides('hall', { sanctionRules: { ours: { away: { ...own, facts: [] } } } });
    expect(noFacts.ok).toBe(false);
    const noWhy = validatePolicyOverrides('hall', { sanctionRules: { ours: { away: { ...own, decision: undefined } } } });
    expect(noWhy.ok).toBe(false);
  });
});
