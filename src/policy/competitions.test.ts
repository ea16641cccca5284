/**
 * The competition presets as pack data (RULES §7): ABC Qingdao's nine indicators (001:L927–971)
 * and the ABC branch evaluation (001:L655–669), validated by the pack schema, scored by the
 * engine, overridable with a citation.
 */
import { describe, expect, it } from 'vitest';
import { parseDecimal, scoreCompetition, show } from '../engines/indicators/index.js';
import { competitionDefinitionOf, competitionPresetsOf, findCompetitionPreset, presetFor, resolvePolicy, validatePolicyOverrides } from './index.js';

const bank = presetFor('bank');
const sumOf = (xs: { value: string | number }[]) => show(xs.reduce((a, x) => ({ n: a.n * parseDecimal(x.value)!.d + parseDecimal(x.value)!.n * a.d, d: a.d * parseDecimal(x.value)!.d }), { n: 0n, d: 1n }));

describe('competition presets', () => {
  it('the bank pack ships abc-qingdao and abc-branch-evaluation; other sectors none', () => {
    expect(competitionPresetsOf(bank).map((p) => p.code)).toEqual(['abc-qingdao', 'abc-branch-evaluation']);
    for (const s of ['hall', 'hospital', 'utility'] as const) expect(competitionPresetsOf(presetFor(s))).toEqual([]);
  });

  it('abc-qingdao: nine indicators in blocks 40 / 20 / 40, each block the sum of its weights, capped at 1.2 (001:L927–971)', () => {
    const p = findCompetitionPreset(bank, 'abc-qingdao')!;
    expect(p.indicators).toHaveLength(9);
    expect(p.capMultiple.value).toBe('1.2');
    expect(p.capMultiple.source).toBe('001:L927');
    expect(p.blocks.map((b) => [b.code, b.weight.value])).toEqual([
      ['quality', '40'],
      ['capability', '20'],
      ['sales', '40'],
    ]);
    for (const b of p.blocks) expect(sumOf(p.indicators.filter((i) => i.block === b.code).map((i) => i.weight))).toBe(show(parseDecimal(b.weight.value)!));
    for (const i of p.indicators) expect(i.source).toMatch(/^001:L9[3-7]\d/);
    expect(p.targets.map((t) => [t.code, t.atLeast.value, t.atLeast.source])).toEqual([
      ['city', '90', '001:L893'],
      ['county', '85', '001:L893'],
    ]);
  });

  it('the acceptance examples through the preset: 92, 88, 95, 85 → 18.00; r = 1.6 → 12.00; r = −0.2 → 0 (001:L933, L955, L971)', () => {
    const def = competitionDefinitionOf('abc-qingdao', findCompetitionPreset(bank, 'abc-qingdao')!);
    const [u] = scoreCompetition(def, [
      {
        unitId: 'u',
        values: {
          mystery_shopper: { check1: 92, check2: 88, check3: 95, check4: 85 },
          vip_increment: { unit_increment: '1.6', bank_increment: '1' },
          savings_increment: { unit_increment: '-0.2', bank_increment: '1' },
        },
      },
    ]).units;
    const score = (c: string) => u.indicators.find((i) => i.code === c)!.score;
    expect([score('mystery_shopper'), score('vip_increment'), score('savings_increment')]).toEqual(['18.00', '12.00', '0.00']);
  });

  it('abc-branch-evaluation: mechanisms 30 + supervision 70, a deduction, bonus items (001:L655–669)', () => {
    const p = findCompetitionPreset(bank, 'abc-branch-evaluation')!;
    expect(p.blocks.map((b) => [b.code, b.weight.value])).toEqual([
      ['mechanisms', '30'],
      ['supervision', '70'],
      ['culture', '0'],
    ]);
    expect(sumOf(p.indicators.filter((i) => i.block === 'mechanisms').map((i) => i.weight))).toBe('30');
    expect(sumOf(p.indicators.filter((i) => i.block === 'supervision').map((i) => i.weight))).toBe('70');
    expect(p.indicators.find((i) => i.kind === 'deduction')?.code).toBe('major_complaints');
  });

  it('an organisation overrides a weight with its own decision; an override without one is refused', () => {
    const decision = '本行将神秘人权重调为 25 分';
    const own = structuredClone(findCompetitionPreset(bank, 'abc-qingdao')!);
    own.indicators[0].weight = { value: '25', decision: { zh: decision, en: decision } };
    const changed = resolvePolicy('bank', { competitions: { 'abc-qingdao': own } } as never);
    expect(findCompetitionPreset(changed, 'abc-qingdao')!.indicators[0].weight.value).toBe('25');
    const bare = structuredClone(own) as unknown as { indicators: { weight: unknown }[] };
    bare.indicators[0].weight = { value: '25' };
    expect(validatePolicyOverrides('bank', { competitions: { 'abc-qingdao': bare } }).ok).toBe(false);
    const wrongInputs = structuredClone(own);
    wrongInputs.indicators[0].inputs = wrongInputs.indicators[0].inputs.slice(0, 2);
    expect(validatePolicyOverrides('bank', { competitions: { 'abc-qingdao': wrongInputs } }).ok).toBe(true); // an average reads the inputs it lists
    const badRatio = structuredClone(own);
    badRatio.indicators[4].inputs = badRatio.indicators[4].inputs.slice(0, 2);
    expect(validatePolicyOverrides('bank', { competitions: { 'abc-qingdao': badRatio } }).ok).toBe(false);
  });
});
