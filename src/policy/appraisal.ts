/**
 * The pack's personal appraisal (个人考核, issue #21): sheet templates per post — items with points,
 * caps and floors, each measured from the facts or judged by the head (德、能、勤、绩, 000:L115),
 * star grades with pay coefficients (挂星上岗、星薪挂钩, 000:L115), the period and the 末位 rule
 * (003:L94) — and the settings (stars on the public rating page). Every item, grade and rule cites
 * a seed line or carries a decision. The templates validate into the engine's `SheetTemplate`
 * (`youzhi/appraisal`) and through its `checkTemplate`. Kept apart from schema.ts (which imports it).
 */
import { z } from 'zod';
import { checkTemplate, MEASURED_SOURCES, PERIOD_KINDS, type SheetTemplate } from '../engines/appraisal/index.js';
import { addIssue, isValidSource } from './citations.js';
import type { PolicyPack } from './schema.js';

const noteText = z.string().trim().min(1).max(2000);
const decision = z.union([z.strictObject({ zh: noteText, en: noteText }), noteText.transform((s) => ({ zh: s, en: s }))]);
const words = z.strictObject({ zh: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) });
const key = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'a code is lower-case snake_case (a-z, 0-9, _), at most 63 characters');
const source = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine(isValidSource, { message: 'a citation such as 000:L115 (seed:line) or RULES.md §8' });
const citation = { source: source.optional(), decision: decision.optional() };
function requireCitation(c: { source?: string; decision?: unknown }, ctx: z.RefinementCtx) {
  if (c.source === undefined && c.decision === undefined) addIssue(ctx, [], 'say where this comes from: a source (seed:line) or a decision', '请注明依据:出处(文档:行号)或决定说明');
}
/** Decimal text ≥ 0 (points, thresholds, coefficients): "96.5". */
const decimal = z.string().regex(/^\d{1,7}(?:\.\d{1,6})?$/, 'decimal text ≥ 0 with six places at most, such as "96.5"');
const band = z.strictObject({ atLeastFen: z.int().min(0).max(1_000_000_000), points: decimal });

const ruleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('ratio'), target: decimal, mode: z.enum(['proportional', 'threshold', 'per_point']), perPoint: decimal.optional(), noData: z.enum(['full', 'min']) }),
  z.strictObject({ kind: z.literal('per_record'), points: decimal }),
  z.strictObject({ kind: z.literal('deducted_points'), factor: decimal }),
  z.strictObject({ kind: z.literal('veto') }),
  z.strictObject({ kind: z.literal('bands'), base: decimal, fines: z.array(band).max(10), rewards: z.array(band).max(10) }),
  z.strictObject({ kind: z.literal('deliverables'), late: decimal, missing: decimal }),
]);

const itemBase = { code: key, label: words, group: key, max: decimal, min: decimal, ...citation };
const itemSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...itemBase, kind: z.literal('measured'), measure: z.enum(MEASURED_SOURCES), rule: ruleSchema }).superRefine(requireCitation),
  z.strictObject({ ...itemBase, kind: z.literal('judged'), range: z.strictObject({ min: decimal, max: decimal }) }).superRefine(requireCitation),
]);
const starSchema = z.strictObject({ stars: z.int().min(0).max(10), atLeast: decimal, payCoefficient: decimal, label: words, ...citation }).superRefine(requireCitation);
const bottomSchema = z.strictObject({ consecutive: z.int().min(1).max(24), action: z.enum(['interview', 'training']), ...citation }).superRefine(requireCitation);

/** A template as the pack writes it: the engine's SheetTemplate without code and version (key; pack = 1). */
export const appraisalTemplateSchema = z
  .strictObject({
    label: words,
    post: key,
    period: z.enum(PERIOD_KINDS),
    items: z.array(itemSchema).min(1).max(40),
    stars: z.array(starSchema).max(10),
    bottom: bottomSchema.optional(),
    ...citation,
  })
  .superRefine((t, ctx) => {
    requireCitation(t, ctx);
    for (const issue of checkTemplate({ ...t, code: 'pack', version: 1 })) {
      addIssue(ctx, issue.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), issue.message?.en ?? issue.code, issue.message?.zh ?? issue.code);
    }
  });
export type PackAppraisalTemplate = z.output<typeof appraisalTemplateSchema>;

const citedBoolean = z.strictObject({ value: z.boolean(), ...citation }).superRefine(requireCitation);

/** `appraisal`: settings and templates (template code → template). Satisfied (满意) ratings are the ratings section's positiveLevels. */
export const appraisalSchema = z.strictObject({
  settings: z.strictObject({
    /** 挂星上岗: the star shows on the public rating page (the organisation decides). */
    showStarsPublicly: citedBoolean,
    /** 末位 when a template names none. */
    bottom: bottomSchema,
  }),
  templates: z.record(key, appraisalTemplateSchema),
});
export type AppraisalPolicy = z.output<typeof appraisalSchema>;

/** The engine's template of a pack template (version 1: org versions from the template editor are 2, 3, …). */
export function sheetTemplateOf(code: string, t: PackAppraisalTemplate, version = 1): SheetTemplate {
  return structuredClone({ ...t, code, version }) as SheetTemplate;
}

/** The templates of the pack, in pack order, as engine templates (version 1). */
export function appraisalTemplatesOf(pack: PolicyPack): { code: string; template: SheetTemplate }[] {
  return Object.entries(pack.appraisal.templates).map(([code, t]) => ({ code, template: sheetTemplateOf(code, t) }));
}

/** The pack's template `code` (version 1), or undefined. */
export function findAppraisalTemplate(pack: PolicyPack, code: string): SheetTemplate | undefined {
  return Object.hasOwn(pack.appraisal.templates, code) ? sheetTemplateOf(code, pack.appraisal.templates[code]) : undefined;
}

export interface AppraisalSettings {
  showStarsPublicly: boolean;
  bottom: { consecutive: number; action: 'interview' | 'training' };
}

/** The appraisal settings as plain values. */
export function appraisalSettingsOf(pack: PolicyPack): AppraisalSettings {
  const s = pack.appraisal.settings;
  return { showStarsPublicly: s.showStarsPublicly.value, bottom: { consecutive: s.bottom.consecutive, action: s.bottom.action } };
}
