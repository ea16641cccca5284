/**
 * The pack's award types (评选, RULES §6): who is selected (a person or a unit), how often, how
 * (vote, leadership decision, score sheets), the nomination quotas, the seats, the score sheet, the
 * disqualification profile, the reward (a rule of the pack's `sanctionRules`), the automatic
 * honours and the publicity period. Every number has its citation. The selection engine
 * (`youzhi/selection`) evaluates them; the awards module runs the rounds.
 */
import { z } from 'zod';
import type { EligibilityRule, HonourRule, QuotaRule, ScoreItem, TieBreak } from '../engines/selection/index.js';
import { addIssue, isValidSource } from './citations.js';
import type { PolicyPack } from './schema.js';

const bilingual = z.strictObject({ zh: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) });
const decisionText = z.string().trim().min(1).max(2000);
const decision = z.strictObject({ zh: decisionText, en: decisionText });
const source = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine(isValidSource, { message: 'a citation such as 001:L311 (seed:line) or RULES.md §6' });
const citation = { source: source.optional(), decision: decision.optional() };

function requireCitation(c: { source?: string; decision?: unknown }, ctx: z.RefinementCtx) {
  if (c.source === undefined && c.decision === undefined) addIssue(ctx, [], 'say where this comes from: a source (seed:line) or a decision', '请注明依据:出处(文档:行号)或决定说明');
}
/** A value with its citation. */
function ruleValue<T extends z.ZodType>(inner: T) {
  return z.strictObject({ value: inner, ...citation }).superRefine(requireCitation);
}

const code = z.string().trim().regex(/^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*$/, 'a stable code such as taixing.window');
const count = z.int().min(0).max(10_000);
const category = z.string().trim().min(1).max(40);

const quotaLimitSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('unlimited') }),
  z.strictObject({ kind: z.literal('count'), count }),
  z.strictObject({ kind: z.literal('fraction'), numerator: z.int().min(1).max(1000), denominator: z.int().min(1).max(1000), minimum: count, rounding: z.enum(['half_up', 'down', 'up']) }),
  z.strictObject({ kind: z.literal('table'), entries: z.array(z.strictObject({ key: category, count })).min(1).max(50), otherwise: count.nullable() }),
]);

export const quotaRuleSchema = z
  .strictObject({
    per: z.enum(['round', 'unit', 'party_branch', 'category', 'unit_category']),
    limit: quotaLimitSchema,
    categories: z.array(category).min(1).max(20).optional(),
    ...citation,
  })
  .superRefine(requireCitation);

const factMatchSchema = z.strictObject({
  kind: z.string().trim().regex(/^[a-z][a-z_]*$/),
  attributes: z.record(z.string().max(40), z.union([z.string().max(100), z.number(), z.boolean()])).optional(),
  minAmountFen: z.int().min(0).max(10_000_000_000).optional(),
});

export const eligibilityRuleSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('facts'), code, label: bilingual, citation: source, anyOf: z.array(factMatchSchema).min(1).max(10), window: z.enum(['period', 'year']), minCount: z.int().min(1).max(100).optional() }),
  z.strictObject({ type: z.literal('figure'), code, label: bilingual, citation: source, metric: z.enum(['ratingRate', 'satisfactionRate']), atLeastPermille: z.int().min(0).max(1000), subject: z.enum(['person', 'unit', 'any']) }),
]);

export const honourRuleSchema = z
  .strictObject({ code, name: bilingual, citation: source, winsInYear: z.int().min(1).max(12).optional(), unitHead: z.boolean().optional() })
  .refine((r) => (r.winsInYear === undefined) !== (r.unitHead === undefined), { message: 'an honour is given either on a number of wins in the year or to the head of a winning unit' });

const scoreItemSchema = z.strictObject({ code: z.string().trim().regex(/^[a-z0-9_]+$/), name: bilingual, max: z.int().min(1).max(1000), source });

export const awardTypeSchema = z
  .strictObject({
    code,
    name: bilingual,
    subject: z.enum(['person', 'unit']),
    cadence: z.enum(['monthly', 'quarterly', 'annual']),
    method: z.enum(['vote', 'leadership', 'score_sheet']),
    /** Who votes (the vote method): 中层干部 (staff flag middleCadre) or the quality office. */
    voters: z.enum(['middle_cadres', 'office']).optional(),
    /** Nomination quotas; a nominee falls under the first rule whose categories match. */
    quotas: z.array(quotaRuleSchema).min(1).max(10),
    /** How many are selected (null: the decision says). */
    seats: ruleValue(z.strictObject({ min: count, max: count }).refine((s) => s.min <= s.max, { message: 'min ≤ max' }).nullable()),
    scoreSheet: z.array(scoreItemSchema).max(30).optional(),
    profile: z.enum(['taixing', 'huizhou']).nullable(),
    /** The pack's sanction rule that rewards each winner (null: honour only). */
    rewardRule: z.string().trim().regex(/^[a-z][a-z0-9_]*\.[a-z0-9_.]+$/).nullable(),
    /** 流动红旗 for a winning unit (001:L195). */
    redFlag: z.boolean().optional(),
    /** The group of automatic honours this award counts towards (a key of `honours`). */
    honours: z.string().trim().max(40).nullable(),
    /** Which functional department reviews which nominees (Huizhou, 001:L401–415). */
    routing: z.array(z.strictObject({ categories: z.array(category).min(1).max(20), reviewers: z.array(z.string().trim().min(1).max(60)).min(1).max(5), source })).max(20).optional(),
    ...citation,
  })
  .superRefine(requireCitation)
  .superRefine((t, ctx) => {
    if (t.method === 'score_sheet' && !t.scoreSheet?.length) addIssue(ctx, ['scoreSheet'], 'the score-sheet method needs a score sheet', '按评分表评选须有评分表');
    if (t.method === 'vote' && !t.voters) addIssue(ctx, ['voters'], 'a vote needs its voters', '投票评选须指明投票人');
  });
export type AwardType = z.infer<typeof awardTypeSchema>;

export const awardsSchema = z
  .strictObject({
    /** Disqualification by profile (RULES §6 table: Taixing 001:L203–215, Huizhou 001:L445–455). */
    profiles: z.strictObject({ taixing: z.array(eligibilityRuleSchema).max(50), huizhou: z.array(eligibilityRuleSchema).max(50) }),
    /** Rules for every award whatever its profile (取消当年评优, 八不准). */
    everyAward: z.array(eligibilityRuleSchema).max(50),
    /** Automatic honours by group (a type's `honours`). */
    honours: z.record(z.string().trim().max(40), z.array(honourRuleSchema).max(10)),
    /** Working days of publicity (公示). */
    publicityDays: ruleValue(z.int().min(1).max(30)),
    /** How a vote tie is broken, in order (the tie is reported either way). */
    tieBreak: ruleValue(z.array(z.enum(['score', 'earliest_nomination'])).max(2)),
    types: z.array(awardTypeSchema).max(50),
  })
  .superRefine((a, ctx) => {
    const seen = new Set<string>();
    a.types.forEach((t, i) => {
      if (seen.has(t.code)) addIssue(ctx, ['types', i, 'code'], `award type ${t.code} appears twice`, `评选类型 ${t.code} 重复`);
      seen.add(t.code);
      if (t.honours !== null && !(t.honours in a.honours)) addIssue(ctx, ['types', i, 'honours'], `no honour group ${t.honours}`, `没有荣誉组 ${t.honours}`);
    });
  });
export type AwardsPolicy = z.infer<typeof awardsSchema>;

/** An award type in force, as the engine and the API read it. */
export interface AwardTypeInForce {
  code: string;
  name: { zh: string; en: string };
  subject: 'person' | 'unit';
  cadence: 'monthly' | 'quarterly' | 'annual';
  method: 'vote' | 'leadership' | 'score_sheet';
  voters: 'middle_cadres' | 'office' | null;
  quotas: (QuotaRule & { citation: string })[];
  seats: { min: number; max: number } | null;
  seatsCitation: string;
  scoreSheet: (ScoreItem & { citation: string })[];
  profile: 'taixing' | 'huizhou' | null;
  rules: EligibilityRule[];
  rewardRule: string | null;
  redFlag: boolean;
  honours: HonourRule[];
  routing: { categories: string[]; reviewers: string[]; citation: string }[];
  citation: string;
}

const citationOf = (c: { source?: string; decision?: { zh: string } }) => c.source ?? 'RULES.md §6';

/** The award types of the pack in force. */
export function awardTypesOf(pack: PolicyPack): AwardTypeInForce[] {
  const a = pack.awards;
  return a.types.map((t) => ({
    code: t.code,
    name: t.name,
    subject: t.subject,
    cadence: t.cadence,
    method: t.method,
    voters: t.voters ?? null,
    quotas: t.quotas.map((q) => ({ per: q.per, limit: q.limit, ...(q.categories ? { categories: q.categories } : {}), citation: citationOf(q) })),
    seats: t.seats.value,
    seatsCitation: citationOf(t.seats),
    scoreSheet: (t.scoreSheet ?? []).map((i) => ({ code: i.code, label: i.name, max: i.max, citation: i.source })),
    profile: t.profile,
    rules: [...(t.profile ? a.profiles[t.profile] : []), ...a.everyAward],
    rewardRule: t.rewardRule,
    redFlag: t.redFlag ?? false,
    honours: t.honours === null ? [] : a.honours[t.honours].map((h) => ({ code: h.code, name: h.name, citation: h.citation, ...(h.winsInYear !== undefined ? { winsInYear: h.winsInYear } : {}), ...(h.unitHead !== undefined ? { unitHead: h.unitHead } : {}) })),
    routing: (t.routing ?? []).map((r) => ({ categories: r.categories, reviewers: r.reviewers, citation: r.source })),
    citation: citationOf(t),
  }));
}

export function findAwardType(pack: PolicyPack, code: string): AwardTypeInForce | undefined {
  return awardTypesOf(pack).find((t) => t.code === code);
}

export function publicityDaysOf(pack: PolicyPack): number {
  return pack.awards.publicityDays.value;
}

export function awardTieBreak(pack: PolicyPack): TieBreak[] {
  return pack.awards.tieBreak.value;
}
