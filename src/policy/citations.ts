/**
 * Citations and bilingual issues, the two things every pack section needs (schema.ts and
 * inspections.ts both build on them, so they live apart from either).
 */
import type { z } from 'zod';

/** A seed citation: `002:L103`, `001:L557–563`, `002:L98, L184`, `004:L72–L92, L76`. */
export const SEED_CITATION_PATTERN = /^\d{3}:L\d+(?:[–-]L?\d+)?(?:, ?L?\d+(?:[–-]L?\d+)?)*$/;
/** A spec-document reference: `ANCHORS.md`, `RULES.md §3`, `PRODUCT.md`. */
export const DOC_REFERENCE_PATTERN = /^(?:ANCHORS|RULES|PRODUCT)\.md(?: §\d+(?:\.\d+)*)?$/;

/** True when `s` is one citation or several joined by `; ` (e.g. `004:L66, L214; ANCHORS.md`). */
export function isValidSource(s: string): boolean {
  const parts = s.split(/; ?/);
  return parts.every((p) => SEED_CITATION_PATTERN.test(p) || DOC_REFERENCE_PATTERN.test(p));
}

type Ctx = z.RefinementCtx;
/** Add a custom issue with an English message and its Chinese twin (in `params.zh`). */
export function addIssue(ctx: Ctx, path: PropertyKey[], en: string, zh: string): void {
  ctx.addIssue({ code: 'custom', path, message: en, params: { zh } });
}
