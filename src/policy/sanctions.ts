/**
 * The pack's sanctions procedure (奖惩, RULES §5): which rule a verified fact proposes, who
 * approves by tier of amount and kind, which units are sub-organisations with a committee of
 * their own (二级管理), and the appeal window. The rules themselves (amounts, citations) are the
 * pack's `sanctionRules`; this section only says how a proposal travels. Kept apart from
 * schema.ts like inspections.ts, so the sections evolve apart.
 */
import { z } from 'zod';
import { roles, type Role } from '../shared/access.js';
import { addIssue, isValidSource } from './citations.js';
import type { PolicyPack } from './schema.js';

const decisionText = z.string().trim().min(1).max(2000);
const citation = { source: z.string().trim().min(1).max(200).optional(), decision: z.strictObject({ zh: decisionText, en: decisionText }).optional() };

function requireCitation(c: { source?: string; decision?: unknown }, ctx: z.RefinementCtx) {
  if (c.source === undefined && c.decision === undefined) addIssue(ctx, [], 'say where this comes from: a source (seed:line) or a decision', '请注明依据:出处(文档:行号)或决定说明');
  else if (c.source !== undefined && !isValidSource(c.source)) addIssue(ctx, ['source'], `"${c.source}" is not a citation: use seed:line such as 004:L160`, `"${c.source}" 不是有效出处:应写作 004:L160 这样的"文档:行号"`);
}

/** A value with its citation (the shape of `cited` in schema.ts, which imports this file). */
function ruleValue<T extends z.ZodType>(inner: T) {
  return z.strictObject({ value: inner, ...citation }).superRefine(requireCitation);
}

/**
 * Facts that propose: an incident kind of the incident file (`verified_complaint`, `exposure`…),
 * an inspection band (`band:reward`, `band:docked`, `band:docked_more`), a stage target the
 * office enters (`stage_target`) or a unit's standing in a published competition (`competition`).
 */
const factKind = z.string().trim().regex(/^[a-z][a-z_]*(?::[a-z_]+)?$/, 'a fact kind such as verified_complaint or band:docked');
const ruleCode = z.string().trim().regex(/^[a-z][a-z0-9_]*\.[a-z0-9_.]+$/, 'a rule code such as feixian.valid_complaint');

export const proposalMappingSchema = z
  .strictObject({
    fact: factKind,
    rule: ruleCode,
    /** Facts the rule reads that the fact itself does not carry (e.g. `serious: false`). */
    facts: z.record(z.string().max(40), z.union([z.number(), z.boolean(), z.string().max(100)])).optional(),
    ...citation,
  })
  .superRefine(requireCitation);
export type ProposalMapping = z.infer<typeof proposalMappingSchema>;

const roleSchema = z.enum(roles);

/** One approval tier: fines (or rewards) up to `upToFen` (null: any amount) are approved by these roles. */
export const approvalTierSchema = z.strictObject({
  direction: z.enum(['fine', 'reward']),
  upToFen: z.int().min(0).max(100_000_000).nullable(),
  approvers: z.array(roleSchema).min(1).max(roles.length),
});
export type ApprovalTier = z.infer<typeof approvalTierSchema>;

export const sanctionsSchema = z.strictObject({
  /** Facts that propose a sanction, and the rule each proposes (a fact may propose several). */
  proposals: z.array(proposalMappingSchema).max(200),
  /** Approval by tier of amount and kind, first match wins (004:L138; the seed's amounts are lost). */
  tiers: ruleValue(
    z
      .array(approvalTierSchema)
      .min(1)
      .max(20)
      .superRefine((tiers, ctx) => {
        for (const direction of ['fine', 'reward'] as const) {
          if (!tiers.some((t) => t.direction === direction && t.upToFen === null)) addIssue(ctx, [], `the last ${direction} tier must have no upper bound (upToFen: null)`, `${direction === 'fine' ? '罚款' : '奖励'}须有一档不设上限(upToFen: null)`);
        }
      }),
  ),
  /**
   * Unit kinds that are sub-organisations with a committee of their own (二级管理, 004:L160): a
   * sanction within such a unit is reviewed, approved and decided by its heads.
   */
  subOrganisationKinds: ruleValue(z.array(z.string().trim().min(1).max(40)).max(10)),
  /** Working days from the notice within which the person may appeal (申诉). */
  appealWindowDays: ruleValue(z.int().min(1).max(60)),
  /** Rules whose appeals go one level up rather than to the deciding committee (003:L448). */
  appealOneLevelUp: ruleValue(z.array(ruleCode).max(200)),
});
export type SanctionsPolicy = z.infer<typeof sanctionsSchema>;

/** The rules a fact kind proposes, in pack order. */
export function proposalsFor(pack: PolicyPack, fact: string): ProposalMapping[] {
  return pack.sanctions.proposals.filter((p) => p.fact === fact);
}

/** The fact kinds that propose anything (what the sweep asks the incident file for). */
export function proposingFactKinds(pack: PolicyPack): string[] {
  return [...new Set(pack.sanctions.proposals.map((p) => p.fact))];
}

/** The tier of an amount and kind: its index and its approvers. */
export function approvalTierOf(pack: PolicyPack, direction: 'fine' | 'reward', amountFen: number): { index: number; approvers: readonly Role[] } {
  const tiers = pack.sanctions.tiers.value;
  const index = tiers.findIndex((t) => t.direction === direction && (t.upToFen === null || amountFen <= t.upToFen));
  return { index, approvers: tiers[index].approvers };
}

export function subOrganisationKinds(pack: PolicyPack): readonly string[] {
  return pack.sanctions.subOrganisationKinds.value;
}

export function appealWindowDays(pack: PolicyPack): number {
  return pack.sanctions.appealWindowDays.value;
}

export function appealsOneLevelUp(pack: PolicyPack, rule: string): boolean {
  return pack.sanctions.appealOneLevelUp.value.includes(rule);
}
