import { z } from 'zod';
import { pageQuerySchema } from '../../shared/page.js';
import { freeText, id, idParams, month, text, version } from '../../shared/fields.js';

const ruleCode = text(80).regex(/^[a-z][a-z0-9_]*\.[a-z0-9_.]+$/, 'a rule code such as feixian.loud_noise');
/** Facts for the rule engine: numbers, flags, short strings (the engine checks each against the rule). */
export const factsSchema = z.record(text(40), z.union([z.number(), z.boolean(), freeText(100), z.null()])).refine((f) => Object.keys(f).length <= 40, 'at most 40 facts');

export const statuses = ['proposed', 'reviewed', 'approved', 'noticed', 'appealed', 'final', 'revoked', 'dismissed'] as const;

export const proposeBody = z.strictObject({
  rule: ruleCode,
  facts: factsSchema,
  unitId: id,
  staffId: id.optional(),
  /** The people present or taking part, one per head the rule counts. */
  staffIds: z.array(id).max(500).optional(),
  note: freeText(2000).optional(),
});
export type ProposeInput = z.infer<typeof proposeBody>;

export const stageTargetBody = z.strictObject({
  unitId: id,
  staffId: id.optional(),
  year: z.int().min(2000).max(2100),
  stage: z.int().min(1).max(3),
  score: z.number().min(0).max(1000),
  repeat: z.boolean().optional(),
  note: freeText(2000).optional(),
});
export type StageTargetInput = z.infer<typeof stageTargetBody>;

export const bandsBody = z.strictObject({ quarter: text(7).regex(/^\d{4}-Q[1-4]$/, 'a quarter such as 2026-Q4') });

export const listQuery = pageQuerySchema.extend({
  status: z.enum(statuses).optional(),
  /** queue: what waits for the caller's step; mine: the caller's own sanctions. */
  view: z.enum(['all', 'queue', 'mine']).default('all'),
  unitId: id.optional(),
  /** One person's sanctions (their file); a staff member sees only their own whatever this says. */
  staffId: id.optional(),
  /** Fines or rewards only. */
  direction: z.enum(['fine', 'reward']).optional(),
  /** The appeal: pending (filed, not ruled on), decided (upheld, reduced or revoked), none filed. */
  appeal: z.enum(['pending', 'decided', 'none']).optional(),
  /** Proposed in this month (the organisation's time). */
  month: month.optional(),
});
export type ListSanctionsQuery = z.infer<typeof listQuery>;

export const stepBody = z.strictObject({
  version,
  note: freeText(2000).optional(),
  /** A reviewer's new facts (e.g. the amount picked inside a range rule's range). */
  facts: factsSchema.optional(),
});
export type StepInput = z.infer<typeof stepBody>;

export const reviewBody = stepBody.extend({ accept: z.boolean() });
export type ReviewInput = z.infer<typeof reviewBody>;

export const appealBody = z.strictObject({ version, reason: text(2000) });
export type AppealInput = z.infer<typeof appealBody>;

export const appealDecisionBody = z.strictObject({
  version,
  outcome: z.enum(['uphold', 'reduce', 'revoke']),
  /** The reduced amount (reduce only): less than the amount decided. */
  amountFen: z.int().min(0).max(100_000_000).optional(),
  reason: text(2000),
});
export type AppealDecisionInput = z.infer<typeof appealDecisionBody>;

export { idParams };
