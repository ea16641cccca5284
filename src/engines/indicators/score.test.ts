/**
 * The competition engine on the ABC Qingdao nine-indicator competition (001:L927–971) and the
 * issue's acceptance examples: a mystery-shopper indicator of weight 20 with checks 92, 88, 95,
 * 85 scores 18.00; an increment indicator with r = 1.6 scores 12.00 (capped at 1.2 × 10); one
 * with r = −0.2 scores 0.
 */
import { describe, expect, it } from 'vitest';
import {
  IndicatorDefinitionError,
  IndicatorInputError,
  checkInputs,
  inputsOf,
  parseDecimal,
  rankExact,
  scoreCompetition,
  show,
  toFixed,
  type CompetitionDefinition,
  type Indicator,
  type UnitValues,
} from './index.js';

const L = (zh: string, en = zh) => ({ zh, en });
const mystery: Indicator = { code: 'mystery_shopper', label: L('神秘人', 'mystery shopper'), block: 'quality', kind: 'average', weight: 20, fullMark: 100, inputs: ['check1', 'check2', 'check3', 'check4'] };
const survey: Indicator = { code: 'satisfaction', label: L('满意度'), block: 'quality', kind: 'average', weight: 20, fullMark: 100, inputs: ['survey'] };
const complaints: Indicator = { code: 'major_complaints', label: L('重大投诉', 'major complaints'), block: 'quality', kind: 'deduction', weight: 0, perItem: 1, inputs: ['complaints', 'media_reports'], ineligibleAtLeast: 3 };
const skills: Indicator = { code: 'sales_skills', label: L('营销技能'), block: 'capability', kind: 'ratio', weight: 10, terms: ['level'], factors: ['0.8'], acceptanceFullMark: 100 };
const diversion: Indicator = { code: 'e_diversion', label: L('电子渠道分流率'), block: 'capability', kind: 'ratio', weight: 10, terms: ['level', 'increment'], factors: ['0.8', '0.5'] };
const vipIncrement: Indicator = { code: 'vip_increment', label: L('点均贵宾增量'), block: 'sales', kind: 'ratio', weight: 10, terms: ['increment'], factors: ['0.8'] };

/** The ABC Qingdao competition as the engine sees it (the pack carries it with citations). */
const qingdao: CompetitionDefinition = {
  code: 'abc_qingdao',
  label: L('服务营销竞赛'),
  capMultiple: '1.2', // 001:L927
  undefinedRatioShare: '0.8', // RULES §7 decision
  blocks: [
    { code: 'quality', label: L('服务质量'), weight: 40 }, // 001:L929
    { code: 'capability', label: L('服务能力'), weight: 20 }, // 001:L941
    { code: 'sales', label: L('营销业绩'), weight: 40 }, // 001:L951
  ],
  indicators: [mystery, survey, complaints, skills, diversion, vipIncrement],
};

const one = (def: CompetitionDefinition, values: UnitValues) => scoreCompetition(def, [{ unitId: 'u1', values }]).units[0];
const ind = (def: CompetitionDefinition, values: UnitValues, code: string) => one(def, values).indicators.find((i) => i.code === code)!;

describe('acceptance examples (001:L927–971)', () => {
  it('mystery shopper, weight 20, checks 92, 88, 95, 85 → 18.00 (001:L933 四次“神秘人”检查平均得分/100×权重分)', () => {
    const s = ind(qingdao, { mystery_shopper: { check1: 92, check2: 88, check3: 95, check4: 85 } }, 'mystery_shopper');
    expect(s.score).toBe('18.00');
    expect(s.exact).toBe('18');
    expect(s.status).toBe('scored');
    expect(s.formula.en).toContain('(92 + 88 + 95 + 85) ÷ 4 = 90');
    expect(s.formula.zh).toContain('90 ÷ 100 × 20 = 18');
  });

  it('increment indicator with r = 1.6 → 12.00, capped at 1.2 × 10 (001:L927, L955)', () => {
    const s = ind(qingdao, { vip_increment: { unit_increment: '16', bank_increment: '10' } }, 'vip_increment');
    expect(s.raw).toBe('12.8');
    expect(s.score).toBe('12.00');
    expect(s.capped).toBe(true);
    expect(s.formula.en).toContain('r = 16 ÷ 10 = 1.6');
    expect(s.formula.en).toContain('capped at 1.2 × 10 = 12.00');
  });

  it('increment indicator with r = −0.2 → 0, floored (RULES §7 decision)', () => {
    const s = ind(qingdao, { vip_increment: { unit_increment: '-2', bank_increment: '10' } }, 'vip_increment');
    expect(s.raw).toBe('-1.6');
    expect(s.score).toBe('0.00');
    expect(s.floored).toBe(true);
  });

  it('r just below the cap is not capped: 1.5 × 10 × 80 % = 12 exactly', () => {
    const s = ind(qingdao, { vip_increment: { unit_increment: '1.5', bank_increment: '1' } }, 'vip_increment');
    expect(s.score).toBe('12.00');
    expect(s.capped).toBe(false);
  });
});

describe('ABC Qingdao formulas (001:L941–971)', () => {
  it('customer satisfaction: survey ÷ 100 × 20 (001:L937)', () => {
    expect(ind(qingdao, { satisfaction: { survey: '87.5' } }, 'satisfaction').score).toBe('17.50');
  });

  it('sales-skill rollout: (unit share ÷ bank share) × w × 80 % × acceptance ÷ 100 (001:L945)', () => {
    const s = ind(qingdao, { sales_skills: { unit_value: '0.6', bank_value: '0.5', acceptance: 90 } }, 'sales_skills');
    // 1.2 × 10 × 0.8 × 0.9 = 8.64
    expect(s.score).toBe('8.64');
    expect(s.exact).toBe('216/25');
  });

  it('e-diversion: (r + Δr) × w × 80 % × 50 % (001:L949)', () => {
    const s = ind(qingdao, { e_diversion: { unit_value: 45, bank_value: 50, unit_increment: 3, bank_increment: 2 } }, 'e_diversion');
    // (0.9 + 1.5) × 10 × 0.4 = 9.6
    expect(s.score).toBe('9.60');
    expect(s.formula.en).toContain('(r + Δr) × 10 × 80% × 50%');
  });

  it('a ratio that does not terminate is exact and rounds only for display: 1/3 × 10 × 80 % = 8/3 → 2.67', () => {
    const s = ind(qingdao, { vip_increment: { unit_increment: 1, bank_increment: 3 } }, 'vip_increment');
    expect(s.exact).toBe('8/3');
    expect(s.score).toBe('2.67');
    expect(s.raw).toBe('≈2.6667');
  });

  it('a zero or negative bank-wide increment: 80 % of the weight for every unit, and the words say why (RULES §7 decision)', () => {
    for (const bank of ['0', '-5']) {
      const res = scoreCompetition(qingdao, [
        { unitId: 'a', values: { vip_increment: { unit_increment: 4, bank_increment: bank } } },
        { unitId: 'b', values: { vip_increment: { unit_increment: -4, bank_increment: bank } } },
      ]);
      for (const u of res.units) {
        const s = u.indicators.find((i) => i.code === 'vip_increment')!;
        expect(s.status).toBe('fallback');
        expect(s.score).toBe('8.00');
        expect(s.formula.en).toContain('undefined');
        expect(s.formula.zh).toContain('比值无意义');
      }
    }
  });

  it('the fallback applies to the whole (r + Δr) indicator when only Δr is undefined', () => {
    const s = ind(qingdao, { e_diversion: { unit_value: 45, bank_value: 50, unit_increment: 3, bank_increment: 0 } }, 'e_diversion');
    expect(s.status).toBe('fallback');
    expect(s.score).toBe('8.00');
  });

  it('−1 per major complaint or media report; 3 or more → not eligible for honours (001:L939)', () => {
    const two = one(qingdao, { major_complaints: { complaints: 1, media_reports: 1 } });
    expect(two.indicators.find((i) => i.code === 'major_complaints')!.score).toBe('-2.00');
    expect(two.eligible).toBe(true);
    expect(two.ineligibleReason).toBeNull();
    const three = one(qingdao, { major_complaints: { complaints: 2, media_reports: 1 } });
    expect(three.indicators.find((i) => i.code === 'major_complaints')!.score).toBe('-3.00');
    expect(three.eligible).toBe(false);
    expect(three.ineligibleReason!.en).toContain('not eligible');
  });

  it('total is the exact sum; blocks add up; missing inputs score 0 and mark the unit incomplete', () => {
    const u = one(qingdao, {
      mystery_shopper: { check1: 92, check2: 88, check3: 95, check4: 85 },
      satisfaction: { survey: 90 },
      major_complaints: { complaints: 1, media_reports: 0 },
      vip_increment: { unit_increment: 1, bank_increment: 3 },
    });
    // 18 + 18 − 1 + 8/3 + 0 + 0 = 113/3
    expect(u.exactTotal).toBe('113/3');
    expect(u.total).toBe('37.67');
    expect(u.complete).toBe(false);
    expect(u.indicators.find((i) => i.code === 'sales_skills')!.missing).toEqual(['unit_value', 'bank_value', 'acceptance']);
    expect(u.blocks.map((b) => b.score)).toEqual(['35.00', '0.00', '2.67']);
  });
});

describe('ranks and inputs', () => {
  it('competition ranks with ties (1, 2, 2, 4), by the exact total', () => {
    const res = scoreCompetition(qingdao, [
      { unitId: 'a', values: { satisfaction: { survey: 80 } } },
      { unitId: 'b', values: { satisfaction: { survey: 90 } } },
      { unitId: 'c', values: { satisfaction: { survey: 80 } } },
      { unitId: 'd', values: { satisfaction: { survey: 70 } } },
    ]);
    expect(res.units.map((u) => [u.unitId, u.rank])).toEqual([
      ['b', 1],
      ['a', 2],
      ['c', 2],
      ['d', 4],
    ]);
  });

  it('two totals that display alike but differ exactly are ranked apart', () => {
    const ranked = rankExact([{ id: 'x', v: parseDecimal('2.666')! }, { id: 'y', v: { n: 8n, d: 3n } }], (t) => t.v);
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([
      ['y', 1],
      ['x', 2],
    ]);
  });

  it('every bad value is reported at once and nothing is scored', () => {
    const units = [{ unitId: 'u', values: { satisfaction: { survey: 'abc' }, nope: { x: 1 }, mystery_shopper: { check9: 1, check1: -1 }, major_complaints: { complaints: 1.5 } } }];
    expect(checkInputs(qingdao, units).map((i) => `${i.indicator}.${i.input}:${i.reason}`)).toEqual([
      'satisfaction.survey:not_a_decimal',
      'nope.:unknown_indicator',
      'mystery_shopper.check9:unknown_input',
      'mystery_shopper.check1:negative',
      'major_complaints.complaints:not_whole',
    ]);
    expect(() => scoreCompetition(qingdao, units)).toThrow(IndicatorInputError);
  });

  it('increments may be negative; other values may not', () => {
    expect(checkInputs(qingdao, [{ unitId: 'u', values: { e_diversion: { unit_increment: -3, bank_increment: '-0.5' } } }])).toEqual([]);
  });

  it('input codes by kind', () => {
    expect(inputsOf(skills)).toEqual(['unit_value', 'bank_value', 'acceptance']);
    expect(inputsOf(diversion)).toEqual(['unit_value', 'bank_value', 'unit_increment', 'bank_increment']);
    expect(inputsOf(vipIncrement)).toEqual(['unit_increment', 'bank_increment']);
  });
});

describe('other kinds', () => {
  const def: CompetitionDefinition = {
    code: 'branch',
    label: L('分行评价'),
    capMultiple: 1,
    undefinedRatioShare: '0.8',
    blocks: [{ code: 'all', label: L('全部'), weight: 100 }],
    indicators: [
      { code: 'staffing', label: L('配备'), block: 'all', kind: 'points', weight: 10 },
      { code: 'reduction', label: L('压降'), block: 'all', kind: 'achievement', weight: 20, target: 40, direction: 'higher' },
      { code: 'wait', label: L('等候'), block: 'all', kind: 'achievement', weight: 10, target: 10, direction: 'lower' },
    ],
  };
  it('points are capped at cap × weight and floored at 0', () => {
    expect(ind(def, { staffing: { points: 12 } }, 'staffing').score).toBe('10.00');
    expect(ind(def, { staffing: { points: '8.5' } }, 'staffing').score).toBe('8.50');
  });
  it('achievement: actual ÷ target × w (higher is better), target ÷ actual × w (lower is better)', () => {
    expect(ind(def, { reduction: { value: 30 } }, 'reduction').score).toBe('15.00');
    expect(ind(def, { wait: { value: 20 } }, 'wait').score).toBe('5.00');
    expect(ind(def, { wait: { value: 0 } }, 'wait').score).toBe('10.00');
  });
});

describe('definitions', () => {
  const bad = (patch: Partial<CompetitionDefinition>) => () => scoreCompetition({ ...qingdao, ...patch }, []);
  it('refuses unknown blocks, duplicate codes, weighted deductions, bad numbers', () => {
    expect(bad({ indicators: [{ ...mystery, block: 'x' }] })).toThrow(IndicatorDefinitionError);
    expect(bad({ indicators: [mystery, mystery] })).toThrow(/mystery_shopper/);
    expect(bad({ indicators: [{ ...complaints, weight: 1 }] })).toThrow(/deduction weighs 0/);
    expect(bad({ capMultiple: 0 })).toThrow(/capMultiple/);
    expect(bad({ undefinedRatioShare: 2 })).toThrow(/undefinedRatioShare/);
    expect(bad({ indicators: [] })).toThrow(/at least one/);
    expect(bad({ indicators: [{ ...skills, terms: [] }] })).toThrow(/terms/);
  });
});

describe('exact decimals', () => {
  it('0.1 × 3 is 0.3; display rounds half away from zero', () => {
    const x = parseDecimal('0.1')!;
    expect(show({ n: x.n * 3n, d: x.d })).toBe('0.3');
    expect(toFixed(parseDecimal('2.675')!)).toBe('2.68');
    expect(toFixed(parseDecimal('-2.675')!)).toBe('-2.68');
    expect(toFixed(parseDecimal('-0.001')!)).toBe('0.00');
    expect(parseDecimal('1e-7')).toBeUndefined();
    expect(parseDecimal('1.1234567')).toBeUndefined();
    expect(parseDecimal(' -12.5 ')).toEqual({ n: -25n, d: 2n });
  });
});
