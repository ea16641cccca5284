/**
 * The pack's sanction rules (RULES §5 奖惩): catalogues of fines and rewards as data, each rule
 * with its citation and stable code `<catalogue>.<rule>` (`psbc.stage_target`). Every amount is a
 * cited value, so an organisation overrides one amount with its own citation or decision:
 * `{ sanctionRules: { psbc: { stage3: { bands: { bottom_100: { amountFen: { value: 200000, decision: '…' } } } } } } }`.
 * `value: null` is a placeholder the organisation must set (the seed's "20xx"); the engine refuses
 * with `policy_value_missing` until it does. Kept apart from schema.ts (which imports this file).
 */
import { z } from 'zod';
import { OUTCOME_CODES, SANCTION_TARGETS, type Band, type Fen, type OutcomeCode, type SanctionTarget, type SanctionRule, type TargetScore } from '../engines/rules/index.js';
import { addIssue, isValidSource } from './citations.js';
import type { PolicyPack } from './schema.js';

const noteText = z.string().trim().min(1).max(2000);
const note = z.union([z.strictObject({ zh: noteText, en: noteText }), noteText.transform((s) => ({ zh: s, en: s }))]);
const words = z.strictObject({ zh: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) });
const key = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'a code is lower-case snake_case (a-z, 0-9, _), at most 63 characters');

function checkCitation(c: { source?: string; decision?: unknown }, ctx: z.RefinementCtx) {
  if (c.source === undefined && c.decision === undefined) addIssue(ctx, [], 'say where this comes from: a source (seed:line) or a decision', '请注明依据:出处(文档:行号)或决定说明');
  else if (c.source !== undefined && !isValidSource(c.source)) addIssue(ctx, ['source'], `"${c.source}" is not a citation: use seed:line such as 004:L177`, `"${c.source}" 不是有效出处:应写作 004:L177 这样的"文档:行号"`);
}

/** A cited value (as elsewhere in the pack): `{ value, source?, decision? }`, at least one of the two. */
function citedValue<T extends z.ZodType>(inner: T) {
  return z.strictObject({ value: inner, source: z.string().trim().min(1).max(200).optional(), decision: note.optional() }).superRefine(checkCitation);
}

/** Fen: whole, ≥ 0, at most 10 million 元; null = placeholder not set. */
const fen = citedValue(z.int().min(0).max(1_000_000_000).nullable());
const decimal = z.union([z.number().min(0).max(10_000), z.string().regex(/^\d{1,5}(?:\.\d{1,3})?$/, 'a decimal with three places at most')]);
const target = citedValue(z.union([decimal, z.strictObject({ byStage: z.record(key.or(z.string().regex(/^\d{1,3}$/)), decimal) })]));
const outcomes = z.array(z.enum(OUTCOME_CODES as [OutcomeCode, ...OutcomeCode[]])).max(10);

const factSpec = z.strictObject({
  name: z.string().regex(/^[a-z][A-Za-z0-9]{0,40}$/, 'a fact name is camelCase'),
  type: z.enum(['integer', 'decimal', 'boolean', 'fen', 'string']),
  required: z.boolean(),
  label: words,
});

const common = {
  direction: z.enum(['fine', 'reward']),
  targets: z.array(z.enum(SANCTION_TARGETS as [SanctionTarget, ...SanctionTarget[]])).min(1).max(4),
  label: words,
  /** The rule's own citation; a decision where an organisation adds a rule of its own. */
  source: z.string().trim().min(1).max(200).optional(),
  decision: note.optional(),
  facts: z.array(factSpec).max(20),
  outcomes: outcomes.optional(),
  repeatOutcomes: outcomes.optional(),
  repeatRate: fen.optional(),
};

const band = z.strictObject({
  rankFrom: z.int().min(1).max(1_000_000).optional(),
  rankTo: z.int().min(1).max(1_000_000).optional(),
  scoreAtLeast: decimal.optional(),
  scoreBelow: decimal.optional(),
  amountFen: fen,
  outcomes: outcomes.optional(),
  label: words,
});

const packRule = z.discriminatedUnion('kind', [
  z.strictObject({ ...common, kind: z.literal('fixed'), amountFen: fen }),
  z.strictObject({ ...common, kind: z.literal('per_item'), amountFen: fen, countFact: z.string().min(1).max(40) }),
  z.strictObject({ ...common, kind: z.literal('per_member'), amountFen: fen }),
  z.strictObject({ ...common, kind: z.literal('per_person_present'), amountFen: fen }),
  z.strictObject({ ...common, kind: z.literal('per_participant'), amountFen: fen }),
  z.strictObject({ ...common, kind: z.literal('range'), minFen: fen, maxFen: fen, serious: z.strictObject({ minFen: fen, maxFen: fen }).optional() }),
  z.strictObject({ ...common, kind: z.literal('formula'), baseFen: fen, perPointFen: fen, target, boundary: z.enum(['strict', 'inclusive']) }),
  z.strictObject({
    ...common,
    kind: z.literal('rank_band'),
    rankCounted: z.enum(['from_top', 'from_bottom']),
    /** Keyed so that an override reaches one band's amount; conditions should not overlap. */
    bands: z.record(key, band),
    perPointFen: fen.optional(),
    target: target.optional(),
    boundary: z.enum(['strict', 'inclusive']).optional(),
    when: z.enum(['always', 'target_missed', 'target_met']).optional(),
  }),
]);
export type PackSanctionRule = z.output<typeof packRule>;

/** The facts each kind reads, which its fact list must declare (so the API documents them). */
function neededFacts(r: PackSanctionRule): string[] {
  const stage = (t: { value: TargetScore } | undefined) => (t && typeof t.value === 'object' ? ['stage'] : []);
  switch (r.kind) {
    case 'per_item':
      return [r.countFact];
    case 'per_member':
      return ['spots', 'members'];
    case 'per_person_present':
      return ['present'];
    case 'per_participant':
      return ['participants'];
    case 'range':
      return ['amountFen', ...(r.serious ? ['serious'] : [])];
    case 'formula':
      return ['score', ...stage(r.target)];
    case 'rank_band': {
      const bands = Object.values(r.bands);
      const rank = bands.some((b) => b.rankFrom !== undefined || b.rankTo !== undefined) ? ['rank'] : [];
      const score = r.target || bands.some((b) => b.scoreAtLeast !== undefined || b.scoreBelow !== undefined) ? ['score'] : [];
      return [...rank, ...score, ...stage(r.target)];
    }
    default:
      return [];
  }
}

const ruleSchema = packRule.superRefine((r, ctx) => {
  checkCitation(r, ctx);
  const names = r.facts.map((f) => f.name);
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i) addIssue(ctx, ['facts', i, 'name'], `the fact "${n}" is listed twice`, `事实"${n}"重复`);
  });
  for (const n of neededFacts(r)) {
    if (!names.includes(n)) addIssue(ctx, ['facts'], `a ${r.kind} rule reads the fact "${n}": list it`, `该类规则需要事实"${n}",请在 facts 中列出`);
  }
  const pairs: [string[], { value: Fen } | undefined, { value: Fen } | undefined][] =
    r.kind === 'range' ? [[['minFen'], r.minFen, r.maxFen], [['serious', 'minFen'], r.serious?.minFen, r.serious?.maxFen]] : [];
  for (const [path, lo, hi] of pairs) {
    if (lo?.value != null && hi?.value != null && lo.value > hi.value) addIssue(ctx, path, 'the minimum is above the maximum', '下限高于上限');
  }
});

/** `sanctionRules`: catalogue → rule → rule (`feixian` → `loud_noise`). */
export const sanctionRulesSchema = z.record(key, z.record(key, ruleSchema));
export type SanctionRulesPolicy = z.output<typeof sanctionRulesSchema>;

/** A cited amount of a rule, for the policy screen: where in the rule, the value, its citation. */
export interface RuleValue {
  path: string;
  value: Fen;
  source?: string;
  decision?: { zh: string; en: string };
}

/** One rule in force: the engine's rule and its cited amounts. */
export interface SanctionRuleInForce {
  rule: SanctionRule;
  decision?: { zh: string; en: string };
  values: RuleValue[];
}

type C<T> = { value: T; source?: string; decision?: { zh: string; en: string } };

function toEngine(code: string, r: PackSanctionRule, values: RuleValue[]): SanctionRule {
  const v = <T>(path: string, c: C<T>): T => {
    values.push({ path, value: c.value as Fen, ...(c.source ? { source: c.source } : {}), ...(c.decision ? { decision: c.decision } : {}) });
    return structuredClone(c.value);
  };
  const base = {
    code,
    direction: r.direction,
    targets: [...r.targets],
    label: { ...r.label },
    citation: r.source ?? '',
    facts: r.facts.map((f) => ({ ...f, label: { ...f.label } })),
    ...(r.outcomes ? { outcomes: [...r.outcomes] } : {}),
    ...(r.repeatOutcomes ? { repeatOutcomes: [...r.repeatOutcomes] } : {}),
    ...(r.repeatRate ? { repeatRate: { amountFen: v('repeatRate', r.repeatRate) } } : {}),
  } as Omit<SanctionRule, 'kind'>;
  switch (r.kind) {
    case 'fixed':
    case 'per_member':
    case 'per_person_present':
    case 'per_participant':
      return { ...base, kind: r.kind, amountFen: v('amountFen', r.amountFen) } as SanctionRule;
    case 'per_item':
      return { ...base, kind: r.kind, amountFen: v('amountFen', r.amountFen), countFact: r.countFact } as SanctionRule;
    case 'range':
      return {
        ...base,
        kind: r.kind,
        minFen: v('minFen', r.minFen),
        maxFen: v('maxFen', r.maxFen),
        ...(r.serious ? { serious: { minFen: v('serious.minFen', r.serious.minFen), maxFen: v('serious.maxFen', r.serious.maxFen) } } : {}),
      } as SanctionRule;
    case 'formula':
      return { ...base, kind: r.kind, baseFen: v('baseFen', r.baseFen), perPointFen: v('perPointFen', r.perPointFen), target: structuredClone(r.target.value), boundary: r.boundary } as SanctionRule;
    case 'rank_band': {
      const bands: Band[] = Object.entries(r.bands).map(([id, b]) => ({
        id,
        ...(b.rankFrom !== undefined ? { rankFrom: b.rankFrom } : {}),
        ...(b.rankTo !== undefined ? { rankTo: b.rankTo } : {}),
        ...(b.scoreAtLeast !== undefined ? { scoreAtLeast: b.scoreAtLeast } : {}),
        ...(b.scoreBelow !== undefined ? { scoreBelow: b.scoreBelow } : {}),
        amountFen: v(`bands.${id}.amountFen`, b.amountFen),
        ...(b.outcomes ? { outcomes: [...b.outcomes] } : {}),
        label: { ...b.label },
      }));
      return {
        ...base,
        kind: r.kind,
        rankCounted: r.rankCounted,
        bands,
        ...(r.perPointFen ? { perPointFen: v('perPointFen', r.perPointFen) } : {}),
        ...(r.target ? { target: structuredClone(r.target.value) } : {}),
        ...(r.boundary ? { boundary: r.boundary } : {}),
        ...(r.when ? { when: r.when } : {}),
      } as SanctionRule;
    }
  }
}

/** Every rule in force, in pack order, as the engine evaluates it (with its cited amounts). */
export function sanctionRulesOf(pack: PolicyPack): SanctionRuleInForce[] {
  const out: SanctionRuleInForce[] = [];
  for (const [catalogue, rules] of Object.entries(pack.sanctionRules)) {
    for (const [name, r] of Object.entries(rules)) {
      const values: RuleValue[] = [];
      const rule = toEngine(`${catalogue}.${name}`, r, values);
      out.push({ rule, values, ...(r.decision ? { decision: { ...r.decision } } : {}) });
    }
  }
  return out;
}

/** The rule with `code` (`psbc.stage_target`), or undefined. */
export function findSanctionRule(pack: PolicyPack, code: string): SanctionRuleInForce | undefined {
  const [catalogue, name, ...rest] = code.split('.');
  if (!catalogue || !name || rest.length) return undefined;
  const rules = Object.hasOwn(pack.sanctionRules, catalogue) ? pack.sanctionRules[catalogue] : undefined;
  if (!rules || !Object.hasOwn(rules, name)) return undefined;
  const values: RuleValue[] = [];
  const r = rules[name];
  return { rule: toEngine(code, r, values), values, ...(r.decision ? { decision: { ...r.decision } } : {}) };
}

