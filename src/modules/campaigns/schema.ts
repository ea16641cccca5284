import { z } from 'zod';
import { civilDate, freeText, id, instant, month, says, text, version } from '../../shared/fields.js';
import { DELIVERABLE_KINDS, dateSpecSchema, phaseTimingSchema } from '../../policy/index.js';

const code = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'an id is lower-case snake_case (a-z, 0-9, _), at most 63 characters');
const label = z.strictObject({ zh: text(200), en: text(200) });
const year = z.number().int().min(2000).max(2100);

export const campaignStatuses = ['draft', 'active', 'closed'] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

const phaseInput = z.strictObject({ code, label, timing: phaseTimingSchema, source: text(200).optional() });
const taskInput = z.strictObject({ code, label, phase: code, deliverable: z.enum(DELIVERABLE_KINDS), due: dateSpecSchema, source: text(200).optional() });

/**
 * A new campaign: from a template (its phases and tasks copied into the year) or from scratch
 * (phases and tasks given). `unitIds` is the scope: the units that deliver.
 */
export const createCampaignBody = z
  .strictObject({
    templateCode: z.string().min(1).max(40).optional(),
    year,
    title: text(200).optional(),
    leadingGroup: text(200).optional(),
    office: text(200).optional(),
    unitIds: z.array(id).min(1).max(500),
    phases: z.array(phaseInput).min(1).max(20).optional(),
    tasks: z.array(taskInput).max(50).optional(),
    monthlyReports: z.boolean().optional(),
    acceptanceByInspection: z.boolean().optional(),
  })
  .refine((b) => b.templateCode !== undefined || (b.phases !== undefined && b.title !== undefined), { ...says('不使用模板时须填写标题和阶段', 'without a template, give a title and the phases'), path: ['phases'] })
  .refine((b) => b.templateCode === undefined || (b.phases === undefined && b.tasks === undefined), { ...says('使用模板时阶段和任务来自模板', 'with a template, the phases and tasks come from it'), path: ['phases'] });
export type CreateCampaignInput = z.infer<typeof createCampaignBody>;

export const updateCampaignBody = z.strictObject({
  version,
  title: text(200).optional(),
  leadingGroup: text(200).optional(),
  office: text(200).optional(),
  status: z.enum(campaignStatuses).optional(),
  published: z.boolean().optional(),
});
export type UpdateCampaignInput = z.infer<typeof updateCampaignBody>;

export const listCampaignsQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const phasesQuery = z.strictObject({ date: civilDate.optional() });
export const progressQuery = z.strictObject({ date: civilDate.optional() });

/** An exact figure as text (no float drift): up to 12 digits and 4 decimals. */
const figure = z.string().regex(/^-?\d{1,12}(\.\d{1,4})?$/, 'a number with at most 4 decimals');

/** An upload as base64 in the JSON body (campaign deliverables are small documents and photos). */
export const maxUploadBytes = 5 * 1024 * 1024;
const upload = z.strictObject({ name: text(200), contentBase64: z.string().min(1).max(Math.ceil((maxUploadBytes * 4) / 3) + 4).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64') });

export const submitDeliverableBody = z.strictObject({
  taskId: id,
  unitId: id,
  text: freeText(20_000).optional(),
  figure: figure.optional(),
  inspectionId: id.optional(),
  file: upload.optional(),
  /** When the office records a deliverable handed in on paper: the time it was received (not in the future). */
  receivedAt: instant.optional(),
});
export type SubmitDeliverableInput = z.infer<typeof submitDeliverableBody>;

export const submitReportBody = z
  .strictObject({ unitId: id, kind: z.enum(['monthly', 'annual']), period: z.union([month, z.string().regex(/^\d{4}$/, 'YYYY')]), text: text(20_000), receivedAt: instant.optional() })
  .refine((b) => (b.kind === 'monthly' ? b.period.length === 7 : b.period.length === 4), {
    ...says('月报的期间为 YYYY-MM，年报为 YYYY', 'a monthly report is for YYYY-MM, an annual one for YYYY'),
    path: ['period'],
  });
export type SubmitReportInput = z.infer<typeof submitReportBody>;

export const acceptanceBody = z.strictObject({ unitId: id, version, result: z.enum(['pass', 'fail']), inspectionId: id.optional(), note: freeText(2000).optional() });
export type AcceptanceInput = z.infer<typeof acceptanceBody>;

/** The leader held accountable for a unit's acceptance (002:L82); null: the unit as a whole. */
export const unitLeaderBody = z.strictObject({ version, leaderStaffId: id.nullable() });
export type UnitLeaderInput = z.infer<typeof unitLeaderBody>;

export const idParams = z.object({ id });
export const unitParams = z.object({ id, unitId: id });
export const fileParams = z.object({ id, submissionId: id });
