/**
 * The pack's inspection section (RULES §4): scoring templates as data. The scoring engine checks
 * each template's shape and arithmetic; the pack adds what a policy value must have — every
 * section, item and metric says where it comes from (`source`, seed:line) and, where the seed is
 * silent, a `decision`. Kept apart from schema.ts so that the pack's other sections evolve apart.
 */
import { z } from 'zod';
import { validateTemplate, type ScoringTemplate } from '../engines/scoring/index.js';
import { addIssue, isValidSource } from './citations.js';
import type { PolicyPack } from './schema.js';

/** Nodes that must carry a citation, with their path: the template, its sections, items and metrics. */
function citedNodes(t: ScoringTemplate): { node: { source?: string; decision?: unknown }; path: (string | number)[] }[] {
  const out: { node: { source?: string; decision?: unknown }; path: (string | number)[] }[] = [{ node: t, path: [] }];
  t.sections.forEach((s, si) => {
    out.push({ node: s, path: ['sections', si] });
    s.items.forEach((it, ii) => {
      out.push({ node: it, path: ['sections', si, 'items', ii] });
      it.metrics?.forEach((m, mi) => out.push({ node: m, path: ['sections', si, 'items', ii, 'metrics', mi] }));
    });
  });
  return out;
}

export const inspectionTemplateSchema = z.custom<ScoringTemplate>(() => true).superRefine((t, ctx) => {
  const r = validateTemplate(t);
  if (!r.ok) {
    for (const i of r.issues) addIssue(ctx, i.path, i.message.en, i.message.zh);
    return;
  }
  for (const { node, path } of citedNodes(r.template)) {
    if (node.source === undefined && node.decision === undefined) {
      addIssue(ctx, path, 'say where this comes from: a source (document:line) or a decision', '请注明依据:出处(文档:行号)或决定说明');
    } else if (node.source !== undefined && !isValidSource(node.source)) {
      addIssue(ctx, [...path, 'source'], `"${node.source}" is not a citation: use document:line such as 004:L202`, `"${node.source}" 不是有效出处:应写作 004:L202 这样的"文档:行号"`);
    }
  }
});

const decisionText = z.string().trim().min(1).max(2000);

/**
 * A rule value with its citation, like the pack's other cited values (`cited` in schema.ts, which
 * imports this file, so the small shape is repeated here rather than imported in a cycle).
 */
function ruleValue<T extends z.ZodType>(inner: T) {
  return z
    .strictObject({ value: inner, source: z.string().trim().min(1).max(200).optional(), decision: z.strictObject({ zh: decisionText, en: decisionText }).optional() })
    .superRefine((c, ctx) => {
      if (c.source === undefined && c.decision === undefined) addIssue(ctx, [], 'say where this comes from: a source (document:line) or a decision', '请注明依据:出处(文档:行号)或决定说明');
      else if (c.source !== undefined && !isValidSource(c.source)) addIssue(ctx, ['source'], `"${c.source}" is not a citation: use document:line such as 003:L298`, `"${c.source}" 不是有效出处:应写作 003:L298 这样的"文档:行号"`);
    });
}

/** Points as whole numbers or tenths (85, 84.9): thresholds on inspection scores. */
const scorePoints = z.number().min(0).max(1000).refine((n) => Number.isInteger(Math.round(n * 1000)) && Math.abs(n * 1000 - Math.round(n * 1000)) < 1e-6, 'at most 3 decimal places');

/**
 * Quarterly inspection coverage (003:L297–298, L304–305; 004:L116, L214): every unit of the
 * branch kind (一级支行), a share of the outlets rounded up, every outlet that scored below the
 * recheck line last round, and a number of video checks.
 */
export const coverageSchema = z.strictObject({
  branchKind: z.string().trim().min(1).max(40),
  outletKind: z.string().trim().min(1).max(40),
  /** Whole percent of the outlets each quarter (60 → ⌈0.6 × outlets⌉). */
  outletPercent: z.int().min(0).max(100),
  /** Outlets that scored below this last round must be rechecked (84.9 is in, 85 is not). */
  recheckBelow: scorePoints,
  /** Inspections of kind video_review each quarter, at least. */
  videoChecks: z.int().min(0).max(1000),
  /** The round's bottom this many 一级支行 are named at the bulletin meeting (排名后三名). */
  bottomBranches: z.int().min(0).max(100),
});
export type InspectionCoverage = z.infer<typeof coverageSchema>;

/** Score bands of a round (003:L341, L343): reward, docked, docked more. */
export const bandsSchema = z.strictObject({
  /** Reward: at least this score (inclusive, "90分(含)以上") … */
  rewardAtLeast: scorePoints,
  /** … and ranked within the top this many. */
  rewardTop: z.int().min(1).max(1000),
  /** Annual: average at least this and within the top this many → 优秀网点. */
  excellentAtLeast: scorePoints,
  excellentTop: z.int().min(1).max(1000),
  /** Below this: performance pay docked ("低于85分"). */
  dockedBelow: scorePoints,
  /** Below this: docked more ("低于80分"). */
  dockedMoreBelow: scorePoints,
});
export type InspectionBands = z.infer<typeof bandsSchema>;

/** 检查方式 — how an inspection was made (the module's API and the pack's rules name them alike). */
export const inspectionKindCodes = ['scheduled', 'unannounced', 'mystery_shopper', 'video_review', 'phone_check', 'self_inspection', 'supervisor_report'] as const;
export type InspectionKindCode = (typeof inspectionKindCodes)[number];

const unitKind = z.string().trim().min(1).max(40);
const templateCodeRef = z.string().trim().min(1).max(63);

/**
 * 管理人员抽查 (004:L214: 每月至少作一次随机检查): each unit of these kinds is checked by
 * management at least `perMonth` times a month; inspections of these kinds (phone checks, on-site
 * visits) count, and of these templates when a list is given.
 */
export const managementChecksSchema = z.strictObject({
  unitKinds: z.array(unitKind).min(1).max(20),
  perMonth: z.int().min(1).max(100),
  kinds: z.array(z.enum(inspectionKindCodes)).min(1).max(inspectionKindCodes.length),
  /** Only these templates count; absent: any template. */
  templates: z.array(templateCodeRef).min(1).max(100).optional(),
});
export type ManagementChecksRule = z.infer<typeof managementChecksSchema>;

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time such as 15:00');

/**
 * 监控录像采摘 (004:L116): every counter (a unit of `counterKind`) on every working day, at least
 * `clipsPerDay` clips — `morningClips` before noon and `afternoonClips` after — reviewed with the
 * `template` (kind video_review) and finished by `doneBy` (local time, inclusive).
 */
export const cctvSchema = z
  .strictObject({
    template: templateCodeRef,
    counterKind: unitKind,
    clipsPerDay: z.int().min(1).max(100),
    morningClips: z.int().min(0).max(100),
    afternoonClips: z.int().min(0).max(100),
    doneBy: clockTime,
  })
  .superRefine((c, ctx) => {
    if (c.morningClips + c.afternoonClips > c.clipsPerDay) addIssue(ctx, ['clipsPerDay'], 'at least the morning and afternoon clips together', '不得少于上午与下午镜头数之和');
  });
export type CctvRule = z.infer<typeof cctvSchema>;

export const inspectionsSchema = z.strictObject({
  templates: z
    .array(inspectionTemplateSchema)
    .max(100)
    .superRefine((ts, ctx) => {
      const seen = new Set<string>();
      ts.forEach((t, i) => {
        if (seen.has(t.code)) addIssue(ctx, [i, 'code'], `template "${t.code}" is listed twice`, `检查模板"${t.code}"重复`);
        seen.add(t.code);
      });
    }),
  /**
   * A re-inspection that finds the same problem while its rectification is open, or within this
   * many calendar days after it closed, marks the rectification half-hearted (003:L490).
   */
  halfHeartedWithinDays: ruleValue(z.int().min(1).max(366)),
  coverage: ruleValue(coverageSchema).optional(),
  bands: ruleValue(bandsSchema).optional(),
  managementChecks: ruleValue(managementChecksSchema).optional(),
  cctv: ruleValue(cctvSchema).optional(),
}).superRefine((p, ctx) => {
  const codes = new Set(p.templates.map((t) => t.code));
  if (p.cctv && !codes.has(p.cctv.value.template)) addIssue(ctx, ['cctv', 'value', 'template'], `no template "${p.cctv.value.template}" in this pack`, `本方案没有检查模板"${p.cctv.value.template}"`);
  p.managementChecks?.value.templates?.forEach((code, i) => {
    if (!codes.has(code)) addIssue(ctx, ['managementChecks', 'value', 'templates', i], `no template "${code}" in this pack`, `本方案没有检查模板"${code}"`);
  });
});
export type InspectionsPolicy = z.infer<typeof inspectionsSchema>;

/** The pack's scoring templates, in pack order. */
export function inspectionTemplatesOf(pack: PolicyPack): readonly ScoringTemplate[] {
  return pack.inspections.templates;
}

/** The template with `code`, or undefined. */
export function findInspectionTemplate(pack: PolicyPack, code: string): ScoringTemplate | undefined {
  return pack.inspections.templates.find((t) => t.code === code);
}

/** Days after a rectification closed within which the same finding again marks it half-hearted. */
export function halfHeartedWithinDays(pack: PolicyPack): number {
  return pack.inspections.halfHeartedWithinDays.value;
}

/** The pack's quarterly coverage rule, or undefined when the sector plans no coverage. */
export function inspectionCoverageOf(pack: PolicyPack): InspectionCoverage | undefined {
  return pack.inspections.coverage ? structuredClone(pack.inspections.coverage.value) : undefined;
}

/** The pack's score bands, or undefined when the sector has none. */
export function inspectionBandsOf(pack: PolicyPack): InspectionBands | undefined {
  return pack.inspections.bands ? structuredClone(pack.inspections.bands.value) : undefined;
}

/** The pack's monthly management-check rule (004:L214), or undefined. */
export function managementChecksOf(pack: PolicyPack): ManagementChecksRule | undefined {
  return pack.inspections.managementChecks ? structuredClone(pack.inspections.managementChecks.value) : undefined;
}

/** The pack's daily CCTV clip rule (004:L116), or undefined. */
export function cctvRuleOf(pack: PolicyPack): CctvRule | undefined {
  return pack.inspections.cctv ? structuredClone(pack.inspections.cctv.value) : undefined;
}
