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
      addIssue(ctx, path, 'say where this comes from: a source (seed:line) or a decision', '请注明依据:出处(文档:行号)或决定说明');
    } else if (node.source !== undefined && !isValidSource(node.source)) {
      addIssue(ctx, [...path, 'source'], `"${node.source}" is not a citation: use seed:line such as 004:L202`, `"${node.source}" 不是有效出处:应写作 004:L202 这样的"文档:行号"`);
    }
  }
});

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
