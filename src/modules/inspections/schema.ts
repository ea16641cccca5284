import { z } from 'zod';
import { pageQuerySchema } from '../../shared/page.js';
import { civilDate, freeText, id, idParams, instant, month, str, text } from '../../shared/fields.js';
import { inspectionKindCodes, type InspectionKindCode } from '../../policy/index.js';

/** 检查方式 (RULES §4, issue 14): how the inspection was made; the pack's coverage rules name the same kinds. */
export const inspectionKinds = inspectionKindCodes;
export type InspectionKind = InspectionKindCode;

const templateCode = text(63).regex(/^[a-z][a-z0-9-]{0,62}$/, 'lower-case letters, digits and -');

/**
 * One item's result. Shapes only: the scoring engine checks codes, repeats and ranges against the
 * template version and names the field (`body.results.2.observations.0.value`).
 */
const itemResult = z.strictObject({
  item: text(63),
  cases: z.number().optional(),
  observations: z.array(z.strictObject({ metric: text(63), value: z.number() })).max(10_000).optional(),
  pass: z.boolean().optional(),
  na: z.boolean().optional(),
  note: freeText(2000).optional(),
});

/** The signer's drawing on the phone: a PNG data URL (≤ 256 KB of base64) and the signer's name. */
const signature = z.strictObject({
  image: str()
    .max(256 * 1024)
    .regex(/^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/, 'a PNG data URL (data:image/png;base64,…)'),
  signerName: text(50),
});

export const inspectionBody = z.strictObject({
  templateCode,
  unitId: id,
  staffId: id.optional(),
  kind: z.enum(inspectionKinds),
  performedAt: instant,
  /** Offline sync: the phone sends the same key on every retry; one inspection is stored. */
  idempotencyKey: text(100, 8).optional(),
  signature: signature.optional(),
  /** The plan assignment this inspection carries out: it is marked done. */
  assignmentId: id.optional(),
  results: z.array(itemResult).max(1000),
});
export type InspectionInput = z.infer<typeof inspectionBody>;

export const listInspectionsQuery = pageQuerySchema.extend({
  unitId: id.optional(),
  template: templateCode.optional(),
  kind: z.enum(inspectionKinds).optional(),
  month: month.optional(),
  vetoed: z.enum(['true', 'false']).optional(),
});
export type ListInspectionsQuery = z.infer<typeof listInspectionsQuery>;

export { idParams };
export const codeParams = z.object({ code: templateCode });

/** A new version of a template: the version the editor started from (409 when stale) and the whole template. */
export const templateVersionBody = z.strictObject({
  version: z.number().int().min(0),
  template: z.record(z.string(), z.unknown()),
});

const quarter = str().regex(/^\d{4}-Q[1-4]$/, 'a quarter such as 2026-Q4');
export const quarterQuery = z.object({ quarter });

export const planBody = z.strictObject({
  quarter,
  units: z.array(z.strictObject({ unitId: id, video: z.boolean().optional() })).max(20_000),
});

const year = str().regex(/^(19|20|21)\d\d$/, 'a year such as 2026');
export const yearQuery = z.object({ year });
/** Close a quarter or a year (one of them; the service names the field when both or neither are given). */
export const closeQuery = z.object({ quarter: quarter.optional(), year: year.optional() });

export const resultsQuery = z.object({ from: month, to: month, unitId: id.optional(), template: templateCode.optional() });
export type ResultsQueryInput = z.infer<typeof resultsQuery>;
export const monthQuery = z.object({ month });
export const cctvQuery = z
  .object({ month: month.optional(), date: civilDate.optional() })
  .refine((q) => (q.month === undefined) !== (q.date === undefined), { message: 'give month (YYYY-MM) or date (YYYY-MM-DD), one of them', path: ['month'] });

export const assignmentBody = z.strictObject({ planId: id, unitId: id, assigneeId: id, dueDate: civilDate });
export const assignmentPatch = z.strictObject({ version: z.number().int().min(1), assigneeId: id.optional(), dueDate: civilDate.optional() });
export const assignmentsQuery = z.object({ planId: id.optional(), status: z.enum(['open', 'done']).optional(), mine: z.enum(['true', 'false']).optional() });
