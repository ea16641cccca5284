import type { AppContext, Executor } from '../../shared/context.js';
import type { CasesTable } from '../../db/types.js';
import { AppError } from '../../shared/errors.js';
import { fieldIssue, invalidFields } from '../../shared/issues.js';
import { systemActor, type Actor } from '../../shared/access.js';
import { findCaseForPublic, intakeReceivedAt, performPublicCaseAction, registerIntakeWith, unitHeadsOrQualityOffice, type IntakeOptions } from '../cases/service.js';
import { findOrganisationByCode } from '../organisations/service.js';
import { findUnitByCode, requireUnitInOrg } from '../units/service.js';
import { requireStaffInOrg } from '../staff/service.js';
import { notifyUsers } from '../notifications/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { attachPublicPhotos, checkPublicPhotos, type CheckedPhoto } from '../attachments/service.js';
import { publicPhotoLimits } from '../../policy/index.js';
import type { UploadedFile } from '../../shared/upload.js';
import { replaceTaxonomy, type TaxonomyItem } from '../taxonomies/service.js';
import { complaintTaxonomyDefaults, complaintTaxonomyLabels, readComplaintTaxonomy } from './categories.js';
import type { z } from 'zod';
import type { createComplaintBody, publicComplaintBody, publicSatisfactionBody } from './schema.js';

async function checkCategory(ctx: AppContext, orgId: string, category: string | undefined) {
  if (!category) return;
  const { items } = await readComplaintTaxonomy(ctx, orgId, 'complaint_category');
  if (!items.some((i) => i.code === category && i.active)) throw invalidFields(fieldIssue('body.category', { zh: `未知的投诉类别：${category}`, en: `unknown category ${category}` }));
}

/**
 * Someone must hear of a new complaint that nobody holds yet: the head of its unit (the nearest
 * one above it), or the quality office when it names no unit or no head is found (in-app inbox).
 */
async function notifyUnassignedIntake(ctx: AppContext, trx: Executor, row: CasesTable) {
  if (row.assignee_id) return;
  const userIds = await unitHeadsOrQualityOffice(ctx, trx, row.org_id, row.unit_path);
  await notifyUsers(ctx, trx, { orgId: row.org_id, userIds, caseId: row.id, subject: `【新投诉待分派】${row.tracking_no}`, body: `${row.title}\n${row.content.slice(0, 200)}` });
}

/** A complaint registered at a counter or from the public form: with a query code, and someone told while nobody holds it. */
function registerComplaintIntake(ctx: AppContext, actor: Actor, options: Omit<IntakeOptions, 'type' | 'withPublicCode'>, photos: readonly CheckedPhoto[] = []) {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const registered = await registerIntakeWith(ctx, trx, actor, { ...options, type: 'complaint', withPublicCode: true });
    if (photos.length) await attachPublicPhotos(ctx, trx, actor, registered.row, photos);
    await notifyUnassignedIntake(ctx, trx, registered.row);
    return registered;
  });
}

/** 登记投诉: a complaint taken by staff (window, phone, letter…), with the reply deadline from the pack. */
export async function registerComplaint(ctx: AppContext, actor: Actor, input: z.infer<typeof createComplaintBody>, photos: readonly CheckedPhoto[] = []) {
  await checkCategory(ctx, actor.orgId, input.category);
  if (input.staffId) await requireStaffInOrg(ctx, actor.orgId, input.staffId);
  // Anyone taking a complaint may name any unit: intake gives no access to the unit's records.
  const unit = input.unitId ? await requireUnitInOrg(ctx, actor.orgId, input.unitId) : null;
  const receivedAt = intakeReceivedAt(ctx, input.receivedAt);
  const result = await registerComplaintIntake(ctx, actor, {
    channel: input.channel,
    title: input.title,
    content: input.content,
    receivedAt,
    unit,
    staffId: input.staffId ?? null,
    category: input.category ?? null,
    firstResponderId: actor.staffId,
    contact: input.complainant ?? {},
  }, photos);
  return { ...result.view, replyDueDate: result.dueDate, replyDuePendingYear: result.duePendingYear, queryCode: result.publicCode };
}

/** 网上投诉: a complaint from the public without login; returns the tracking number and query code once. */
export async function submitPublicComplaint(ctx: AppContext, input: z.infer<typeof publicComplaintBody>, files: readonly UploadedFile[] = []) {
  const org = await findOrganisationByCode(ctx, input.orgCode);
  if (!org) throw new AppError('not_found', { details: { orgCode: input.orgCode } });
  const unit = input.unitCode ? await findUnitByCode(ctx, org.id, input.unitCode) : undefined;
  if (input.unitCode && !unit) throw new AppError('not_found', { details: { unitCode: input.unitCode } });
  await checkCategory(ctx, org.id, input.category);
  await requireEnoughContent(ctx, org.id, input.content);
  // Photos are checked before anything is written: a bad one refuses the complaint whole.
  const sent = [...(input.photos ?? []).map((p) => ({ name: p.name, data: Buffer.from(p.data, 'base64') })), ...files];
  const photos = checkPublicPhotos(sent, publicPhotoLimits(await policyForOrganisation(ctx, org.id)));
  const actor = systemActor(org.id, 'public');
  const anonymous = !!input.anonymous;
  // Written replies go where the complainant asked, else to the phone, else to the email given.
  const replyChannel = input.replyChannel ?? (input.contactPhone ? 'sms' : input.contactEmail ? 'email' : undefined);
  const reach = { phone: input.contactPhone, email: input.contactEmail, replyChannel };
  const result = await registerComplaintIntake(ctx, actor, {
    channel: input.channel ?? 'online',
    content: input.content,
    receivedAt: ctx.clock.now(),
    unit,
    category: input.category ?? null,
    contact: anonymous ? { anonymous: true, ...reach } : { name: input.contactName, ...reach },
  }, photos);
  return { photos: photos.length, trackingNo: result.row.tracking_no, queryCode: result.publicCode, replyDueDate: result.dueDate, replyDuePendingYear: result.duePendingYear };
}

/** A complaint from the public says enough to act on: at least the pack's minimum length. */
async function requireEnoughContent(ctx: AppContext, orgId: string, content: string) {
  const min = (await policyForOrganisation(ctx, orgId)).cases.complaint.minContentLength?.value ?? 1;
  const n = [...content.trim()].length;
  if (n < min) throw invalidFields(fieldIssue('body.content', { zh: `投诉内容至少 ${min} 个字（现有 ${n} 个字），请写明时间、地点和经过`, en: `the complaint needs at least ${min} characters (it has ${n}): say when, where and what happened` }));
}

export function getPublicComplaintStatus(ctx: AppContext, trackingNo: string, code: string) {
  return findCaseForPublic(ctx, trackingNo, code, 'complaint');
}

/** The complainant's rating of the handling (满意/基本满意/不满意), once per reply, from the status page. */
export function ratePublicComplaint(ctx: AppContext, trackingNo: string, input: z.infer<typeof publicSatisfactionBody>) {
  const { code, ...rating } = input;
  return performPublicCaseAction(ctx, trackingNo, code, 'complaint', 'record_satisfaction', rating);
}

export async function getComplaintTaxonomy(ctx: AppContext, actor: Actor, kind: 'complaint_category' | 'complaint_cause') {
  // `labels`: words for codes past cases may hold that the list no longer offers (another sector's, retired).
  const [list, labels] = await Promise.all([readComplaintTaxonomy(ctx, actor.orgId, kind), complaintTaxonomyLabels(ctx, actor.orgId, kind)]);
  return { ...list, labels: Object.fromEntries([...labels].map(([code, { zh, en }]) => [code, { zh, en }])) };
}

export async function updateComplaintTaxonomy(ctx: AppContext, actor: Actor, kind: 'complaint_category' | 'complaint_cause', input: { version: number; items: TaxonomyItem[] }) {
  return replaceTaxonomy(ctx, actor, kind, input, await complaintTaxonomyDefaults(ctx, actor.orgId, kind));
}

/** Public list of categories for the complaint form (no login). */
export async function publicComplaintCategories(ctx: AppContext, orgCode: string) {
  const org = await findOrganisationByCode(ctx, orgCode);
  if (!org) throw new AppError('not_found');
  const { items } = await readComplaintTaxonomy(ctx, org.id, 'complaint_category');
  return { organisation: { code: org.code, name: org.name }, categories: items.filter((i) => i.active).map(({ code, zh, en }) => ({ code, zh, en })) };
}
