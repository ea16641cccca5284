/**
 * The rule engine on the seeds' own rules (RULES §5). The rules are written here as the pack
 * writes them, so each test reads next to its seed line.
 */
import { describe, expect, it } from 'vitest';
import { RuleError, evaluateRule, type FactSpec, type RuleFacts, type SanctionRule } from './index.js';

const L = (zh: string, en: string) => ({ zh, en });
const fact = (name: string, type: FactSpec['type'], required = true): FactSpec => ({ name, type, required, label: L(name, name) });
const REPEAT = fact('repeat', 'boolean', false);

// 003:L427–428 考核=1000+(目标分值-得分)200元; targets 92 / 95 / 98 (003:L420–422); ×2 on a repeat (003:L432)
const stageTarget: SanctionRule = {
  code: 'psbc.stage_target',
  kind: 'formula',
  direction: 'fine',
  targets: ['unit'],
  baseFen: 100_000,
  perPointFen: 20_000,
  target: { byStage: { '1': 92, '2': 95 } },
  boundary: 'strict',
  label: L('未完成阶段目标', 'Stage target missed'),
  citation: '003:L427',
  facts: [fact('stage', 'string'), fact('target', 'decimal', false), fact('score', 'decimal'), REPEAT, fact('priority', 'boolean', false)],
};

// 003:L429–430 stage 3: bottom 100 → "20xx" (placeholder), 101–200 → 1000, + 200 per point below 98 (98 excluded)
const stage3: SanctionRule = {
  code: 'psbc.stage3',
  kind: 'rank_band',
  direction: 'fine',
  targets: ['department'],
  rankCounted: 'from_bottom',
  bands: [
    { rankFrom: 1, rankTo: 100, amountFen: null, label: L('倒数后100名', 'bottom 100') },
    { rankFrom: 101, rankTo: 200, amountFen: 100_000, label: L('倒数后101-200名', 'bottom 101–200') },
  ],
  perPointFen: 20_000,
  target: 98,
  boundary: 'strict',
  when: 'target_missed',
  label: L('第三阶段考核', 'Stage 3'),
  citation: '003:L429',
  facts: [fact('rank', 'integer'), fact('score', 'decimal'), REPEAT],
};

// 004:L177 第九条 在场员工各人罚100元
const loudNoise: SanctionRule = {
  code: 'feixian.loud_noise',
  kind: 'per_person_present',
  direction: 'fine',
  targets: ['person'],
  amountFen: 10_000,
  outcomes: ['notice_criticism'],
  label: L('大声喧哗', 'Loud noise'),
  citation: '004:L177',
  facts: [fact('present', 'integer')],
};

// 004:L177 第十七条 有效投诉 300-500元，情节严重 500-1000元
const validComplaint: SanctionRule = {
  code: 'feixian.valid_complaint',
  kind: 'range',
  direction: 'fine',
  targets: ['person'],
  minFen: 30_000,
  maxFen: 50_000,
  serious: { minFen: 50_000, maxFen: 100_000 },
  label: L('有效投诉', 'Valid complaint'),
  citation: '004:L177',
  facts: [fact('amountFen', 'fen'), fact('serious', 'boolean', false)],
};

// 004:L176 第三条 每查到一处该营业部每人罚100元
const premises: SanctionRule = {
  code: 'feixian.premises_unclean',
  kind: 'per_member',
  direction: 'fine',
  targets: ['person'],
  amountFen: 10_000,
  label: L('营业场所不清洁', 'Premises not clean'),
  citation: '004:L176',
  facts: [fact('spots', 'integer'), fact('members', 'integer')],
};

// 003:L448 soft problems: 200 per point + evening drill; repeat 500 per point + half-day training
const soft: SanctionRule = {
  code: 'psbc.soft_problem',
  kind: 'per_item',
  direction: 'fine',
  targets: ['person'],
  amountFen: 20_000,
  countFact: 'points',
  repeatRate: { amountFen: 50_000 },
  outcomes: ['evening_drill'],
  repeatOutcomes: ['training'],
  label: L('“软件”服务问题', '"Soft" service problem'),
  citation: '003:L448',
  facts: [fact('points', 'decimal'), REPEAT],
};

const evaluate = (rule: SanctionRule, facts: RuleFacts) => evaluateRule(rule, facts);
const refusal = (rule: SanctionRule, facts: RuleFacts): RuleError => {
  try {
    evaluateRule(rule, facts);
  } catch (e) {
    if (e instanceof RuleError) return e;
    throw e;
  }
  throw new Error('no refusal');
};

describe('formula (PSBC stage targets, 003:L427–428)', () => {
  it('stage 1, target 92, score 89 → 1000 + 3 × 200 = 1,600 元', () => {
    const r = evaluate(stageTarget, { stage: 1, target: 92, score: 89 });
    expect(r.amountFen).toBe(160_000);
    expect(r.direction).toBe('fine');
    expect(r.shares).toEqual([{ target: 'unit', count: 1, amountFenEach: 160_000 }]);
    expect(r.breakdown.map((b) => b.zh)).toContain('1000 元 + 3 分 × 200 元 = 1600 元');
    expect(r.breakdown.map((b) => b.en)).toContain('1,000 yuan + 3 points × 200 yuan = 1,600 yuan');
  });

  it('at exactly the target (92分以上 is met at 92) nothing is charged; just below is', () => {
    const r = evaluate(stageTarget, { stage: '1', score: 92 });
    expect(r.amountFen).toBe(0);
    expect(r.shares).toEqual([]);
    expect(r.outcomes).toEqual([]);
    expect(evaluate(stageTarget, { stage: '1', score: '91.999' }).amountFen).toBe(100_000 + 20); // 0.001 point × 200 元 = 0.2 元
  });

  it('decimal scores are exact: 95 − 92.3 = 2.7 points → 1000 + 540 = 1,540 元', () => {
    expect(evaluate(stageTarget, { stage: 2, score: '92.3' }).amountFen).toBe(154_000);
    expect(evaluate(stageTarget, { stage: 2, score: 92.3 }).amountFen).toBe(154_000);
  });

  it('a repeat or a superior priority item doubles, once (003:L432)', () => {
    expect(evaluate(stageTarget, { stage: 1, score: 89, repeat: true }).amountFen).toBe(320_000);
    expect(evaluate(stageTarget, { stage: 1, score: 89, repeat: 2 }).amountFen).toBe(320_000);
    expect(evaluate(stageTarget, { stage: 1, score: 89, repeat: true, priority: true }).amountFen).toBe(320_000);
    expect(evaluate(stageTarget, { stage: 1, score: 89, repeat: 0 }).amountFen).toBe(160_000);
  });

  it('refuses a target that disagrees with the stage, an unknown stage, a missing score', () => {
    expect(refusal(stageTarget, { stage: 1, target: 95, score: 89 })).toMatchObject({ code: 'fact_invalid', field: 'target' });
    expect(refusal(stageTarget, { stage: 3, score: 89 })).toMatchObject({ code: 'fact_invalid', field: 'stage' });
    expect(refusal(stageTarget, { stage: 1 })).toMatchObject({ code: 'fact_missing', field: 'score' });
    expect(refusal(stageTarget, { stage: 1, score: 'eighty' })).toMatchObject({ code: 'fact_invalid', field: 'score' });
    expect(refusal(stageTarget, { stage: 1, score: 89, repeat: 'often' })).toMatchObject({ code: 'fact_invalid', field: 'repeat' });
  });
});

describe('rank bands (003:L429–430 stage 3)', () => {
  it('bottom 101–200 below 98 → 1000 + 200 per point', () => {
    expect(evaluate(stage3, { rank: 150, score: 96 }).amountFen).toBe(140_000);
    expect(evaluate(stage3, { rank: 150, score: 96 }).shares[0].target).toBe('department');
  });
  it('98 itself is excluded (98分以下(不含98分)); outside the bands nothing', () => {
    expect(evaluate(stage3, { rank: 150, score: 98 }).amountFen).toBe(0);
    expect(evaluate(stage3, { rank: 201, score: 90 }).amountFen).toBe(0);
  });
  it('bottom 100: the "20xx" base is a placeholder → policy_value_missing naming it', () => {
    const e = refusal(stage3, { rank: 3, score: 96 });
    expect(e).toMatchObject({ code: 'policy_value_missing', field: 'psbc.stage3.bands.0.amountFen' });
    expect(evaluate({ ...stage3, bands: [{ ...stage3.bands[0], amountFen: 200_000 }, stage3.bands[1]] }, { rank: 3, score: 96 }).amountFen).toBe(240_000);
  });
});

describe('per person present, per member (004:L176–177)', () => {
  it('loud noise with 4 employees present → 100 元 each, 400 元 in all', () => {
    const r = evaluate(loudNoise, { present: 4 });
    expect(r.amountFen).toBe(40_000);
    expect(r.shares).toEqual([{ target: 'person', count: 4, amountFenEach: 10_000 }]);
    expect(r.outcomes).toEqual(['notice_criticism']);
    expect(r.breakdown.at(-1)).toEqual({ zh: '在场员工 4 人，每人 100 元，共 400 元', en: 'employees present 4 × 100 yuan = 400 yuan' });
  });
  it('premises not clean: 2 spots × 100 元 to each of 6 members', () => {
    const r = evaluate(premises, { spots: 2, members: 6 });
    expect(r.shares).toEqual([{ target: 'person', count: 6, amountFenEach: 20_000 }]);
    expect(r.amountFen).toBe(120_000);
    expect(refusal(premises, { spots: 0, members: 6 })).toMatchObject({ code: 'fact_invalid', field: 'spots' });
  });
});

describe('range (004:L177 第十七条)', () => {
  it('a valid complaint lies in 300–500 元; marked serious in 500–1,000 元', () => {
    expect(evaluate(validComplaint, { amountFen: 40_000 }).amountFen).toBe(40_000);
    expect(refusal(validComplaint, { amountFen: 60_000 })).toMatchObject({ code: 'amount_out_of_range', field: 'amountFen', details: { minFen: 30_000, maxFen: 50_000 } });
    expect(evaluate(validComplaint, { amountFen: 60_000, serious: true }).amountFen).toBe(60_000);
    expect(evaluate(validComplaint, { amountFen: 100_000, serious: true }).amountFen).toBe(100_000);
    expect(refusal(validComplaint, { amountFen: 40_000, serious: true })).toMatchObject({ code: 'amount_out_of_range', details: { minFen: 50_000, maxFen: 100_000 } });
    expect(refusal(validComplaint, { amountFen: 100_001, serious: true }).code).toBe('amount_out_of_range');
    expect(refusal(validComplaint, { serious: true })).toMatchObject({ code: 'fact_missing', field: 'amountFen' });
    expect(refusal(validComplaint, { amountFen: 400.5 })).toMatchObject({ code: 'fact_invalid', field: 'amountFen' });
  });
});

describe('repeat rate and outcomes (003:L448)', () => {
  it('first offence 200 per point + evening drill; repeat 500 per point + training, not ×2', () => {
    const first = evaluate(soft, { points: 1.5 });
    expect(first.amountFen).toBe(30_000);
    expect(first.outcomes).toEqual(['evening_drill']);
    const again = evaluate(soft, { points: 1.5, repeat: true });
    expect(again.amountFen).toBe(75_000);
    expect(again.outcomes).toEqual(['training']);
  });
  it('no points, no fine: 0 points is refused rather than an evening drill for nothing', () => {
    expect(refusal(soft, { points: 0 })).toMatchObject({ code: 'fact_invalid', field: 'points' });
    expect(refusal(soft, {})).toMatchObject({ code: 'fact_missing', field: 'points' });
  });
});

describe('rewards, joint targets and money-less rules', () => {
  it('a reward is a reward (003:L423: 300 元 per quarter early)', () => {
    const early: SanctionRule = { code: 'psbc.early', kind: 'per_item', direction: 'reward', targets: ['unit'], amountFen: 30_000, countFact: 'quarters', label: L('提前达标', 'Early'), citation: '003:L423', facts: [fact('quarters', 'integer')] };
    expect(evaluate(early, { quarters: 2 })).toMatchObject({ direction: 'reward', amountFen: 60_000 });
  });
  it('joint targets are each charged (003:L490 departments share the penalty)', () => {
    const joint: SanctionRule = { ...loudNoise, code: 'x.joint', kind: 'fixed', targets: ['person', 'department'], amountFen: 20_000, facts: [] } as SanctionRule;
    const r = evaluate(joint, {});
    expect(r.shares).toEqual([
      { target: 'person', count: 1, amountFenEach: 20_000 },
      { target: 'department', count: 1, amountFenEach: 20_000 },
    ]);
    expect(r.amountFen).toBe(40_000);
  });
  it('criticism without money; repeats bring a sanction (004:L188)', () => {
    const hall: SanctionRule = { code: 'hall.first_responsibility', kind: 'fixed', direction: 'fine', targets: ['person'], amountFen: 0, outcomes: ['criticism', 'internal_warning', 'appraisal_record'], repeatOutcomes: ['criticism', 'administrative_sanction'], label: L('违反首问责任制', 'First-contact duty broken'), citation: '004:L188', facts: [REPEAT] };
    // The person still receives the outcomes: a share of 0 fen names them.
    expect(evaluate(hall, {})).toMatchObject({ amountFen: 0, shares: [{ target: 'person', count: 1, amountFenEach: 0 }], outcomes: ['criticism', 'internal_warning', 'appraisal_record'] });
    expect(evaluate(hall, { repeat: true }).outcomes).toEqual(['criticism', 'administrative_sanction']);
  });
  it('a placeholder amount refuses naming the pack value (003:L434 支行长, amount not given)', () => {
    const unset: SanctionRule = { code: 'psbc.fixed_items', kind: 'fixed', direction: 'fine', targets: ['manager'], amountFen: null, label: L('定置物品', 'Fixed items'), citation: '003:L434', facts: [] };
    expect(refusal(unset, {})).toMatchObject({ code: 'policy_value_missing', field: 'psbc.fixed_items.amountFen' });
  });
});

describe('rules in words', () => {
  it('reads the amounts, the ranges, the formula and the placeholders', async () => {
    const { describeRule } = await import('./index.js');
    expect(describeRule(loudNoise)).toEqual({ zh: '在场员工每人 100 元', en: '100 yuan to every employee present' });
    expect(describeRule(validComplaint)).toEqual({ zh: '300 元 – 500 元；情节严重 500 元 – 1000 元', en: '300 yuan – 500 yuan; serious: 500 yuan – 1,000 yuan' });
    expect(describeRule(stageTarget).zh).toBe('1000 元 + 每差 1 分 200 元；目标：第 1 阶段 92 分，第 2 阶段 95 分；重复发生加倍');
    expect(describeRule(stage3).zh).toContain('倒数后100名 金额未设定');
    expect(describeRule(soft)).toEqual({ zh: '每分 200 元；再犯每分 500 元', en: '200 yuan per point; again: per point 500 yuan' });
  });
});
