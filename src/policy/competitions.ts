/**
 * The pack's indicator competitions (RULES §7 考核指标, 竞赛评分): each preset a list of KPI
 * definitions — code, name, measure, where each raw figure comes from (`imported` from xlsx or
 * `computed:<metric>` by Youzhi), weight, block, cap, formula — every number a cited value. Keyed
 * by a stable preset code (`abc-qingdao`). The module turns a preset into the engine's
 * definition (`youzhi/indicators`) with `competitionDefinitionOf`. Kept apart from schema.ts
 * (which imports this file).
 */
import { z } from 'zod';
import { INDICATOR_KINDS, RATIO_TERMS, inputsOf, validateDefinition, IndicatorDefinitionError, type CompetitionDefinition, type Indicator } from '../engines/indicators/index.js';
import { addIssue, isValidSource } from './citations.js';
import type { PolicyPack } from './schema.js';

const noteText = z.string().trim().min(1).max(2000);
const note = z.union([z.strictObject({ zh: noteText, en: noteText }), noteText.transform((s) => ({ zh: s, en: s }))]);
const words = z.strictObject({ zh: z.string().trim().min(1).max(300), en: z.string().trim().min(1).max(300) });
const key = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'a code is lower-case snake_case (a-z, 0-9, _), at most 63 characters');
/** Preset codes may carry hyphens: `abc-qingdao`. */
export const PRESET_CODE = /^[a-z][a-z0-9-]{0,62}$/;
const presetKey = z.string().regex(PRESET_CODE, 'a preset code is lower-case with hyphens (abc-qingdao), at most 63 characters');
const source = z.string().trim().min(1).max(200);

function checkCitation(c: { source?: string; decision?: unknown }, ctx: z.RefinementCtx) {
  if (c.source === undefined && c.decision === undefined) addIssue(ctx, [], 'say where this comes from: a source (seed:line) or a decision', '请注明依据:出处(文档:行号)或决定说明');
  else if (c.source !== undefined && !isValidSource(c.source)) addIssue(ctx, ['source'], `"${c.source}" is not a citation: use seed:line such as 001:L933`, `"${c.source}" 不是有效出处:应写作 001:L933 这样的"文档:行号"`);
}
function cited<T extends z.ZodType>(inner: T) {
  return z.strictObject({ value: inner, source: source.optional(), decision: note.optional() }).superRefine(checkCitation);
}
const decimal = z.union([z.number().min(0).max(1_000_000), z.string().regex(/^\d{1,7}(?:\.\d{1,6})?$/, 'a decimal ≥ 0 with six places at most')]);

/** Where a raw figure comes from: imported per unit and period, or computed by Youzhi. */
/**
 * `computed:mystery_shopper`: the unit's mystery-shopper checks of the period (inspections module);
 * `computed:satisfaction`: its 好差评 satisfaction rate of the period in % (ratings module). Major
 * liability complaints are imported: a complaint carries no 重大有责 flag to count by.
 */
export const VALUE_SOURCES = ['imported', 'computed:mystery_shopper', 'computed:satisfaction'] as const;
export type ValueSource = (typeof VALUE_SOURCES)[number];

const inputSchema = z.strictObject({
  code: key,
  label: words,
  /** The measure the figure is written in (分, %, 户, 万元, 件). */
  measure: z.string().trim().min(1).max(20),
  source: z.enum(VALUE_SOURCES),
});

const indicatorSchema = z
  .strictObject({
    code: key,
    label: words,
    block: key,
    kind: z.enum(INDICATOR_KINDS),
    weight: cited(decimal),
    /** The seed's 计分标准 in words. */
    formula: words,
    inputs: z.array(inputSchema).min(1).max(10),
    fullMark: cited(decimal).optional(),
    terms: z.array(z.enum(RATIO_TERMS)).max(2).optional(),
    factors: cited(z.array(decimal).max(5)).optional(),
    acceptanceFullMark: cited(decimal).optional(),
    perItem: cited(decimal).optional(),
    ineligibleAtLeast: cited(z.int().min(1).max(1000)).optional(),
    target: cited(decimal).optional(),
    direction: z.enum(['higher', 'lower']).optional(),
    /** The indicator's citation (where the seed defines it); a decision for an organisation's own. */
    source: source.optional(),
    decision: note.optional(),
  })
  .superRefine(checkCitation);

const targetSchema = z.strictObject({
  code: key,
  label: words,
  /** A unit of this group meets the target with a total at least this (以上 → ≥). */
  atLeast: cited(decimal),
});

const presetSchema = z
  .strictObject({
    label: words,
    description: words.optional(),
    capMultiple: cited(decimal),
    undefinedRatioShare: cited(decimal),
    blocks: z.array(z.strictObject({ code: key, label: words, weight: cited(decimal) })).min(1).max(10),
    indicators: z.array(indicatorSchema).min(1).max(40),
    targets: z.array(targetSchema).max(5),
    source: source.optional(),
    decision: note.optional(),
  })
  .superRefine((p, ctx) => {
    checkCitation(p, ctx);
    let def: CompetitionDefinition;
    try {
      def = toDefinition('preset', p);
      validateDefinition(def);
    } catch (e) {
      if (e instanceof IndicatorDefinitionError) return addIssue(ctx, e.path.split('.'), e.message, `竞赛定义无效:${e.message}`);
      throw e;
    }
    p.indicators.forEach((ind, i) => {
      const want = inputsOf(def.indicators[i]);
      const have = ind.inputs.map((x) => x.code);
      if (want.join() !== have.join()) addIssue(ctx, ['indicators', i, 'inputs'], `a ${ind.kind} indicator reads the inputs ${want.join(', ')} in that order`, `此类指标的原始数据项应为 ${want.join('、')}`);
    });
    const targetCodes = p.targets.map((t) => t.code);
    if (new Set(targetCodes).size !== targetCodes.length) addIssue(ctx, ['targets'], 'target codes must not repeat', '目标编码不得重复');
  });
export type CompetitionPreset = z.output<typeof presetSchema>;
export type PackIndicator = z.output<typeof indicatorSchema>;

/** `competitions`: preset code → preset. */
export const competitionsSchema = z.record(presetKey, presetSchema);
export type CompetitionsPolicy = z.output<typeof competitionsSchema>;

function fieldFor(kind: string, field: string, path: string): never {
  throw new IndicatorDefinitionError(path, `a ${kind} indicator needs ${field}`);
}

function toIndicator(ind: PackIndicator, i: number): Indicator {
  const base = { code: ind.code, label: { ...ind.label }, block: ind.block, weight: ind.weight.value };
  const at = `indicators.${i}`;
  switch (ind.kind) {
    case 'average':
      return { ...base, kind: 'average', inputs: ind.inputs.map((x) => x.code), fullMark: ind.fullMark?.value ?? fieldFor('average', 'fullMark', at) };
    case 'ratio':
      return {
        ...base,
        kind: 'ratio',
        terms: ind.terms ?? fieldFor('ratio', 'terms', at),
        factors: ind.factors?.value ?? [],
        ...(ind.acceptanceFullMark ? { acceptanceFullMark: ind.acceptanceFullMark.value } : {}),
      };
    case 'deduction':
      return {
        ...base,
        kind: 'deduction',
        inputs: ind.inputs.map((x) => x.code),
        perItem: ind.perItem?.value ?? fieldFor('deduction', 'perItem', at),
        ...(ind.ineligibleAtLeast ? { ineligibleAtLeast: ind.ineligibleAtLeast.value } : {}),
      };
    case 'points':
      return { ...base, kind: 'points' };
    case 'achievement':
      return { ...base, kind: 'achievement', target: ind.target?.value ?? fieldFor('achievement', 'target', at), direction: ind.direction ?? 'higher' };
  }
}

function toDefinition(code: string, p: z.input<typeof presetSchema> | CompetitionPreset): CompetitionDefinition {
  const preset = p as CompetitionPreset;
  return {
    code,
    label: { ...preset.label },
    capMultiple: preset.capMultiple.value,
    undefinedRatioShare: preset.undefinedRatioShare.value,
    blocks: preset.blocks.map((b) => ({ code: b.code, label: { ...b.label }, weight: b.weight.value })),
    indicators: preset.indicators.map(toIndicator),
  };
}

/** The engine's definition of a preset (validated by the pack schema already). */
export function competitionDefinitionOf(code: string, preset: CompetitionPreset): CompetitionDefinition {
  return toDefinition(code, preset);
}

/** The presets of the pack, in pack order. */
export function competitionPresetsOf(pack: PolicyPack): { code: string; preset: CompetitionPreset }[] {
  return Object.entries(pack.competitions).map(([code, preset]) => ({ code, preset }));
}

/** The preset with `code`, or undefined. */
export function findCompetitionPreset(pack: PolicyPack, code: string): CompetitionPreset | undefined {
  return Object.hasOwn(pack.competitions, code) ? pack.competitions[code] : undefined;
}
