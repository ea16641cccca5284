/**
 * Campaign templates (服务提升年 plans, RULES §8) as data: phases, tasks with their deliverables and
 * deadlines, monthly and annual reports, acceptance and reminders, each with a stable code and a
 * citation (seed:line) or a decision. An office copies a template into a year; the campaign
 * engine resolves its dates. The catalogue is shared by every sector: a hall may run a
 * hospital's plan, so the templates are not inside the sector packs.
 */
import { z } from 'zod';
import { resolveSchedule, type DateSpec, type PhaseTiming } from '../engines/campaigns/index.js';
import { addIssue } from './citations.js';
import { campaignTemplates } from './presets/campaigns.js';
import { cited, idSchema, labelSchema, sectorSchema, sourceSchema, decisionSchema } from './schema.js';

export const DELIVERABLE_KINDS = ['document', 'upload', 'figure', 'inspection'] as const;
export type DeliverableKind = (typeof DELIVERABLE_KINDS)[number];

const yearOffset = z.int().min(-1).max(1).optional();
const month = z.int().min(1).max(12);
export const dateSpecSchema: z.ZodType<DateSpec> = z.union([
  z.strictObject({ date: z.iso.date() }),
  z.strictObject({ month, day: z.int().min(1).max(31), yearOffset }),
  z.strictObject({ month, part: z.enum(['early', 'mid', 'late', 'month']), yearOffset }),
]);

export const phaseTimingSchema: z.ZodType<PhaseTiming> = z.union([
  z.strictObject({ from: dateSpecSchema, to: dateSpecSchema }),
  z.strictObject({
    after: z.literal('previous'),
    length: z
      .strictObject({ days: z.int().min(0).max(1000).optional(), months: z.int().min(0).max(36).optional(), halfMonths: z.int().min(0).max(72).optional() })
      .refine((l) => (l.days ?? 0) + (l.months ?? 0) + (l.halfMonths ?? 0) > 0, 'a phase lasts at least a day'),
  }),
]);

/** Where a node comes from: a seed line, or a decision where the seed is silent. */
const because = { source: sourceSchema.optional(), decision: decisionSchema.optional() };
function requireReason(node: { source?: string; decision?: unknown }, ctx: z.RefinementCtx, path: PropertyKey[]) {
  if (node.source === undefined && node.decision === undefined) addIssue(ctx, path, 'say where this comes from: a source (document:line) or a decision', '请注明依据:出处(文档:行号)或决定说明');
}

export const campaignPhaseSchema = z.strictObject({ code: idSchema, label: labelSchema, timing: phaseTimingSchema, ...because });

export const campaignTaskSchema = z.strictObject({
  code: idSchema,
  label: labelSchema,
  /** The phase the task belongs to; its deadline may still fall outside it (001:L755–757). */
  phase: idSchema,
  deliverable: z.enum(DELIVERABLE_KINDS),
  due: dateSpecSchema,
  ...because,
});

export const campaignTemplateSchema = z
  .strictObject({
    code: z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'a template code is lower-case letters, digits and dashes'),
    label: labelSchema,
    /** The sector the plan was written for (a hint for the picker, not a restriction). */
    sector: sectorSchema,
    /** The year the seed plan ran, when it names one: dates are relative to the year it is copied into. */
    seedYear: z.int().min(1990).max(2100).nullable(),
    source: sourceSchema,
    leadingGroup: labelSchema,
    office: labelSchema,
    phases: z.array(campaignPhaseSchema).min(1).max(20),
    tasks: z.array(campaignTaskSchema).max(50),
    /** Monthly progress reports per unit (003:L166; 001:L687): days after a month's end before one is missing. */
    monthlyReport: cited(z.strictObject({ graceDays: z.int().min(0).max(31) })).nullable(),
    /** The annual summary report's due date (次年1月10日前, 001:L687), or null. */
    annualReport: cited(dateSpecSchema).nullable(),
    /** Acceptance by 暗访 through an inspection rather than a meeting (002:L82; 001:L81). */
    acceptanceByInspection: cited(z.boolean()),
    /** Days before a deadline on which the unit is reminded. */
    reminderDaysBefore: cited(z.array(z.int().min(1).max(60)).max(5)),
  })
  .superRefine((t, ctx) => {
    t.phases.forEach((p, i) => requireReason(p, ctx, ['phases', i]));
    t.tasks.forEach((task, i) => {
      requireReason(task, ctx, ['tasks', i]);
      if (!t.phases.some((p) => p.code === task.phase)) addIssue(ctx, ['tasks', i, 'phase'], `no phase "${task.phase}"`, `没有阶段"${task.phase}"`);
    });
    const codes = new Set<string>();
    for (const [i, c] of [...t.phases.map((p) => p.code), ...t.tasks.map((x) => x.code)].entries()) {
      if (codes.has(c)) addIssue(ctx, i < t.phases.length ? ['phases', i, 'code'] : ['tasks', i - t.phases.length, 'code'], `code "${c}" is used twice`, `编码"${c}"重复`);
      codes.add(c);
    }
    // The dates must exist in the year the seed names (or a leap year's neighbour, 2024).
    const r = resolveSchedule(t.seedYear ?? 2024, t.phases);
    if (!r.ok) for (const i of r.issues) addIssue(ctx, i.path, i.message, `日期无法解析:${i.message}`);
  });

export type CampaignTemplate = z.infer<typeof campaignTemplateSchema>;
export type CampaignPhaseTemplate = z.infer<typeof campaignPhaseSchema>;
export type CampaignTaskTemplate = z.infer<typeof campaignTaskSchema>;

/** The seeds' templates, checked once against the schema (a broken preset is a programming error). */
let checked: readonly CampaignTemplate[] | null = null;
export function listCampaignTemplates(): readonly CampaignTemplate[] {
  checked ??= campaignTemplates.map((t) => campaignTemplateSchema.parse(t));
  return checked;
}

/** A template by its stable code, or null. */
export function findCampaignTemplate(code: string): CampaignTemplate | null {
  return listCampaignTemplates().find((t) => t.code === code) ?? null;
}
