/**
 * Campaigns (服务提升年, RULES §8; issue 18): an office copies a template (or writes a plan) into a
 * year for the units in scope; units deliver each task (a document, an upload, a figure, a
 * completed inspection) and report monthly and yearly; the office accepts each unit — by 暗访
 * through an inspection where the plan says so — and a failed acceptance holds the unit's leader
 * accountable (002:L82) as a fact in the incident file, from which the sanctions sweep proposes.
 * Dates come from the pure campaign engine, in the organisation's time zone.
 */
import type { AppContext, Executor } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { fieldIssue, invalidFields } from '../../shared/issues.js';
import { isUnitScoped, managers, orgManagers, requireRole, unitInScope, type Actor } from '../../shared/access.js';
import { newId, sha256Hex } from '../../shared/ids.js';
import { localDate } from '../../shared/months.js';
import { parseJson } from '../../shared/json.js';
import { requireExtensionOf, sniffFile } from '../../shared/sniff.js';
import { requireNotInFuture } from '../../shared/fields.js';
import {
  activePhases,
  campaignSpan,
  deliverableState,
  dueDateOf,
  lateDays,
  missingMonthlyReports,
  resolveSchedule,
  type DateSpec,
  type PhaseTiming,
} from '../../engines/campaigns/index.js';
import { businessHoursOf, findCampaignTemplate, listCampaignTemplates, type CampaignTemplate, type DeliverableKind } from '../../policy/index.js';
import type { CampaignPhasesTable, CampaignTasksTable, CampaignUnitsTable, CampaignsTable } from '../../db/types.js';
import { appendAudit } from '../audit/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { loadUnitsInScope } from '../units/service.js';
import { nearestUnitHeadContacts } from '../users/service.js';
import { getInspection } from '../inspections/service.js';
import { recordIncident } from '../incidents/service.js';
import type { AcceptanceInput, CreateCampaignInput, SubmitDeliverableInput, SubmitReportInput, UnitLeaderInput, UpdateCampaignInput } from './schema.js';
import { requireStaffInOrg } from '../staff/service.js';
import { maxUploadBytes } from './schema.js';
import * as repo from './repository.js';

/** Who delivers and reports for a unit: its head, or the office on its behalf. */
const deliverers = managers;

export interface CampaignSettings {
  monthlyReport: { graceDays: number; source?: string } | null;
  annualReport: { due: DateSpec; source?: string } | null;
  acceptanceByInspection: boolean;
  reminderDaysBefore: number[];
}

async function offsetOf(ctx: AppContext, orgId: string, db?: Executor) {
  return businessHoursOf(await policyForOrganisation(ctx, orgId, db)).utcOffsetMinutes;
}

export function listTemplates() {
  return {
    items: listCampaignTemplates().map((t) => ({
      code: t.code,
      label: t.label,
      sector: t.sector,
      seedYear: t.seedYear,
      source: t.source,
      leadingGroup: t.leadingGroup,
      office: t.office,
      phases: t.phases.map((p) => ({ code: p.code, label: p.label, timing: p.timing, source: p.source ?? null })),
      tasks: t.tasks.map((x) => ({ code: x.code, label: x.label, phase: x.phase, deliverable: x.deliverable, due: x.due, source: x.source ?? null })),
      monthlyReport: t.monthlyReport !== null,
      annualReport: t.annualReport !== null,
      acceptanceByInspection: t.acceptanceByInspection.value,
    })),
  };
}

function settingsOf(template: CampaignTemplate | null, input: CreateCampaignInput): CampaignSettings {
  if (template) {
    return {
      monthlyReport: template.monthlyReport ? { graceDays: template.monthlyReport.value.graceDays, source: template.monthlyReport.source } : null,
      annualReport: template.annualReport ? { due: template.annualReport.value, source: template.annualReport.source } : null,
      acceptanceByInspection: input.acceptanceByInspection ?? template.acceptanceByInspection.value,
      reminderDaysBefore: template.reminderDaysBefore.value,
    };
  }
  // From scratch: the seeds' defaults (monthly reports by month end, the annual report before 10 January, 001:L687).
  const defaults = findCampaignTemplate('hospital-quality-year')!;
  return {
    monthlyReport: input.monthlyReports ? { graceDays: defaults.monthlyReport!.value.graceDays, source: defaults.monthlyReport!.source } : null,
    annualReport: input.monthlyReports ? { due: defaults.annualReport!.value, source: defaults.annualReport!.source } : null,
    acceptanceByInspection: input.acceptanceByInspection ?? false,
    reminderDaysBefore: defaults.reminderDaysBefore.value,
  };
}

type PlanPhase = { code: string; label: { zh: string; en: string }; timing: PhaseTiming; source?: string };
type PlanTask = { code: string; label: { zh: string; en: string }; phase: string; deliverable: DeliverableKind; due: DateSpec; source?: string };

/** Resolves the plan's dates in the year; every impossible phase, task or duplicate is named. */
function resolvePlan(year: number, phases: PlanPhase[], tasks: PlanTask[]) {
  const issues = [];
  const r = resolveSchedule(year, phases);
  if (!r.ok) for (const i of r.issues) issues.push(fieldIssue(`body.${i.path.join('.')}`, { zh: `日期无法解析：${i.message}`, en: i.message }));
  const codes = new Set<string>();
  phases.forEach((p, i) => {
    if (codes.has(p.code)) issues.push(fieldIssue(`body.phases.${i}.code`, { zh: '阶段编码重复', en: 'this phase code is used twice' }));
    codes.add(p.code);
  });
  const taskCodes = new Set<string>();
  const due: string[] = [];
  tasks.forEach((t, i) => {
    if (!codes.has(t.phase)) issues.push(fieldIssue(`body.tasks.${i}.phase`, { zh: '没有这个阶段', en: 'no such phase' }));
    if (taskCodes.has(t.code)) issues.push(fieldIssue(`body.tasks.${i}.code`, { zh: '任务编码重复', en: 'this task code is used twice' }));
    taskCodes.add(t.code);
    try {
      due.push(dueDateOf(year, t.due));
    } catch (e) {
      issues.push(fieldIssue(`body.tasks.${i}.due`, { zh: `日期无法解析：${(e as Error).message}`, en: (e as Error).message }));
    }
  });
  if (issues.length || !r.ok) throw invalidFields(...issues);
  return { phases: r.phases, due };
}

/** 制定活动方案: a campaign from a template copied into a year, or from scratch. */
export async function createCampaign(ctx: AppContext, actor: Actor, input: CreateCampaignInput) {
  requireRole(actor, orgManagers);
  const template = input.templateCode ? findCampaignTemplate(input.templateCode) : null;
  if (input.templateCode && !template) throw invalidFields(fieldIssue('body.templateCode', { zh: '没有这个活动模板', en: 'no campaign template with this code' }));
  const phases: PlanPhase[] = template ? template.phases : input.phases!;
  const tasks: PlanTask[] = template ? template.tasks : (input.tasks ?? []);
  const plan = resolvePlan(input.year, phases, tasks);
  const unitIds = [...new Set(input.unitIds)];
  const units = await loadUnitsInScope(ctx, actor, unitIds);
  const now = ctx.clock.now();
  const span = campaignSpan(plan.phases)!;
  const row: CampaignsTable = {
    id: newId(now),
    org_id: actor.orgId,
    year: input.year,
    template_code: template?.code ?? null,
    title: input.title ?? `${input.year}年${template!.label.zh}`,
    leading_group: input.leadingGroup ?? template?.leadingGroup.zh ?? '',
    office: input.office ?? template?.office.zh ?? '',
    settings: JSON.stringify(settingsOf(template, input)),
    status: 'draft',
    published: 0,
    starts_on: span.from,
    ends_on: span.to,
    created_by: actor.userId || null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  const phaseRows: CampaignPhasesTable[] = phases.map((p, i) => ({
    id: newId(now),
    campaign_id: row.id,
    code: p.code,
    position: i,
    label_zh: p.label.zh,
    label_en: p.label.en,
    timing: JSON.stringify(p.timing),
    starts_on: plan.phases[i].from,
    ends_on: plan.phases[i].to,
    source: p.source ?? null,
  }));
  const taskRows: CampaignTasksTable[] = tasks.map((t, i) => ({
    id: newId(now),
    campaign_id: row.id,
    code: t.code,
    position: i,
    phase_code: t.phase,
    label_zh: t.label.zh,
    label_en: t.label.en,
    deliverable: t.deliverable,
    due_spec: JSON.stringify(t.due),
    due_on: plan.due[i],
    source: t.source ?? null,
  }));
  const leaders = new Map<string, string | null>();
  for (const u of units) leaders.set(u.id, (await nearestUnitHeadContacts(ctx, actor.orgId, u.path)).find((c) => c.staffId)?.staffId ?? null);
  const unitRows: CampaignUnitsTable[] = units.map((u) => ({
    id: newId(now),
    campaign_id: row.id,
    org_id: actor.orgId,
    unit_id: u.id,
    unit_path: u.path,
    leader_staff_id: leaders.get(u.id) ?? null,
    acceptance: null,
    accepted_at: null,
    accepted_by: null,
    acceptance_inspection_id: null,
    acceptance_note: null,
    version: 1,
  }));
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await repo.insertCampaign(trx, row, phaseRows, taskRows, unitRows);
    await appendAudit(ctx, trx, actor, { action: 'create', entity: 'campaign', entityId: row.id, after: { ...presentCampaignRow(row), phases: plan.phases, tasks: taskRows.map((t) => ({ code: t.code, dueOn: t.due_on })), unitIds } });
  });
  return getCampaign(ctx, actor, row.id);
}

function presentCampaignRow(row: CampaignsTable) {
  return {
    id: row.id,
    year: Number(row.year),
    templateCode: row.template_code,
    title: row.title,
    leadingGroup: row.leading_group,
    office: row.office,
    status: row.status,
    published: Number(row.published) === 1,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    settings: parseJson<CampaignSettings>(row.settings, { monthlyReport: null, annualReport: null, acceptanceByInspection: false, reminderDaysBefore: [] }),
    createdAt: new Date(Number(row.created_at)).toISOString(),
    version: Number(row.version),
  };
}

async function loadCampaign(ctx: AppContext, actor: Actor, id: string, db: Executor = ctx.db.kysely) {
  const row = await repo.findCampaign(db, actor.orgId, id);
  if (!row) throw new AppError('not_found', { details: { entity: 'campaign', id } });
  return row;
}

const presentPhase = (p: CampaignPhasesTable) => ({ code: p.code, label: { zh: p.label_zh, en: p.label_en }, from: p.starts_on, to: p.ends_on, timing: parseJson<PhaseTiming | null>(p.timing, null), source: p.source });

function presentTask(t: CampaignTasksTable, phases: CampaignPhasesTable[]) {
  const phase = phases.find((p) => p.code === t.phase_code);
  return {
    id: t.id,
    code: t.code,
    label: { zh: t.label_zh, en: t.label_en },
    phase: t.phase_code,
    deliverable: t.deliverable as DeliverableKind,
    dueOn: t.due_on,
    // A deadline may fall outside its phase (001:L755–757): shown, not refused.
    outsidePhase: phase ? t.due_on < phase.starts_on || t.due_on > phase.ends_on : false,
    source: t.source,
  };
}

const presentUnit = (u: repo.CampaignUnitRow) => ({
  unitId: u.unit_id,
  name: u.unit_name,
  leaderStaffId: u.leader_staff_id,
  leaderName: u.leader_name ?? null,
  acceptance: u.acceptance as 'pass' | 'fail' | null,
  acceptedAt: u.accepted_at === null ? null : new Date(Number(u.accepted_at)).toISOString(),
  acceptanceInspectionId: u.acceptance_inspection_id,
  acceptanceNote: u.acceptance_note,
  version: Number(u.version),
});

/** Units a unit-scoped caller sees of the campaign: their own subtree; the office sees all. */
function visibleUnits(actor: Actor, units: repo.CampaignUnitRow[]) {
  return isUnitScoped(actor.role) ? units.filter((u) => unitInScope(actor, u.unit_path)) : units;
}

export async function getCampaign(ctx: AppContext, actor: Actor, id: string) {
  const row = await loadCampaign(ctx, actor, id);
  const [phases, tasks, units] = await Promise.all([repo.findPhases(ctx.db.kysely, id), repo.findTasks(ctx.db.kysely, id), repo.findUnits(ctx.db.kysely, id)]);
  return { ...presentCampaignRow(row), phases: phases.map(presentPhase), tasks: tasks.map((t) => presentTask(t, phases)), units: visibleUnits(actor, units).map(presentUnit) };
}

export async function listCampaigns(ctx: AppContext, actor: Actor, query: { year?: number }) {
  const rows = await repo.findCampaigns(ctx.db.kysely, actor.orgId, { year: query.year });
  return { items: rows.map(presentCampaignRow) };
}

/**
 * The leader a unit's failed acceptance holds accountable (002:L82): by default the head of the
 * nearest unit with one; the office may name another staff member, or none (the unit as a whole).
 */
export async function setCampaignUnitLeader(ctx: AppContext, actor: Actor, campaignId: string, unitId: string, input: UnitLeaderInput) {
  requireRole(actor, orgManagers);
  await loadCampaign(ctx, actor, campaignId);
  const unit = (await repo.findUnits(ctx.db.kysely, campaignId)).find((u) => u.unit_id === unitId);
  if (!unit) throw new AppError('not_found', { details: { entity: 'campaign_unit', unitId } });
  if (input.leaderStaffId) {
    const staff = await requireStaffInOrg(ctx, actor.orgId, input.leaderStaffId).catch(() => null);
    if (!staff) throw invalidFields(fieldIssue('body.leaderStaffId', { zh: '人员不存在', en: 'No such staff member' }));
  }
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (!(await repo.updateCampaignUnit(trx, unit.id, input.version, { leader_staff_id: input.leaderStaffId }))) throw new AppError('version_conflict', { details: { current: Number(unit.version) } });
    await appendAudit(ctx, trx, actor, { action: 'update', entity: 'campaign', entityId: campaignId, before: { unitId, leaderStaffId: unit.leader_staff_id }, after: { unitId, leaderStaffId: input.leaderStaffId } });
  });
  return presentUnit((await repo.findUnits(ctx.db.kysely, campaignId)).find((u) => u.id === unit.id)!);
}

/** The campaigns an organisation has published on its public board (no login). */
export async function listPublishedCampaigns(ctx: AppContext, orgId: string) {
  const rows = await repo.findCampaigns(ctx.db.kysely, orgId, { publishedOnly: true });
  return rows.map((r) => ({ id: r.id, title: r.title, year: Number(r.year), startsOn: r.starts_on, endsOn: r.ends_on }));
}

const nextStatus: Record<string, string[]> = { draft: ['draft', 'active'], active: ['active', 'closed'], closed: ['closed'] };

/** Title, group, office, status (draft → active → closed) and the publication on the public board. */
export async function updateCampaign(ctx: AppContext, actor: Actor, id: string, input: UpdateCampaignInput) {
  requireRole(actor, orgManagers);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const before = await loadCampaign(ctx, actor, id, trx);
    if (input.status && !nextStatus[before.status].includes(input.status)) throw new AppError('campaign_status_invalid', { details: { from: before.status, to: input.status } });
    const changes: Partial<CampaignsTable> = { updated_at: ctx.clock.now() };
    if (input.title !== undefined) changes.title = input.title;
    if (input.leadingGroup !== undefined) changes.leading_group = input.leadingGroup;
    if (input.office !== undefined) changes.office = input.office;
    if (input.status !== undefined) changes.status = input.status;
    if (input.published !== undefined) changes.published = input.published ? 1 : 0;
    if (!(await repo.updateCampaign(trx, id, input.version, changes))) throw new AppError('version_conflict', { details: { current: Number(before.version) } });
    await appendAudit(ctx, trx, actor, { action: 'update', entity: 'campaign', entityId: id, before: presentCampaignRow(before), after: presentCampaignRow({ ...before, ...changes, version: Number(before.version) + 1 }) });
  });
  return getCampaign(ctx, actor, id);
}

/** The phases running on a day (today in the organisation's time zone when no date is given). */
export async function listActivePhases(ctx: AppContext, actor: Actor, id: string, date?: string) {
  await loadCampaign(ctx, actor, id);
  const day = date ?? localDate(ctx.clock.now(), await offsetOf(ctx, actor.orgId));
  const phases = (await repo.findPhases(ctx.db.kysely, id)).map(presentPhase);
  return { date: day, items: activePhases(phases, day) };
}

/** The campaign's unit the caller may deliver for: in the campaign's scope and in the caller's. */
async function deliveringUnit(ctx: AppContext, actor: Actor, campaignId: string, unitId: string, db: Executor) {
  const unit = (await repo.findUnits(db, campaignId)).find((u) => u.unit_id === unitId);
  if (!unit) throw invalidFields(fieldIssue('body.unitId', { zh: '该单位不在活动范围内', en: 'this unit is not in the campaign' }));
  if (!unitInScope(actor, unit.unit_path)) throw new AppError('out_of_scope');
  return unit;
}

function requireOpen(row: CampaignsTable) {
  if (row.status !== 'active') throw new AppError('campaign_not_active', { details: { status: row.status } });
}

/**
 * When a deliverable or report was received: now, or — the office recording one handed in on
 * paper — the time it says it was received, never in the future.
 */
function receivedTime(ctx: AppContext, actor: Actor, receivedAt: string | undefined): number {
  const now = ctx.clock.now();
  if (receivedAt === undefined) return now;
  requireRole(actor, orgManagers);
  const at = Date.parse(receivedAt);
  requireNotInFuture(at, now, 'body.receivedAt');
  return at;
}

/** The one field a deliverable of its kind brings, checked: text, figure, inspection or file. */
function checkDeliverable(kind: DeliverableKind, input: SubmitDeliverableInput) {
  const given = (['text', 'figure', 'inspectionId', 'file'] as const).filter((k) => input[k] !== undefined);
  const wanted = { document: 'text', figure: 'figure', inspection: 'inspectionId', upload: 'file' }[kind];
  const issues = given.filter((k) => k !== wanted).map((k) => fieldIssue(`body.${k}`, { zh: '该任务不收这项内容', en: `this task takes ${wanted}, not ${k}` }));
  if (!given.includes(wanted as (typeof given)[number])) issues.push(fieldIssue(`body.${wanted}`, { zh: '请填写该任务要求的成果', en: `this task takes ${wanted}` }));
  if (kind === 'document' && input.text !== undefined && input.text.trim() === '') issues.push(fieldIssue('body.text', { zh: '内容不能为空', en: 'must not be empty' }));
  if (issues.length) throw invalidFields(...issues);
}

function checkedFile(file: { name: string; contentBase64: string }) {
  const content = Buffer.from(file.contentBase64, 'base64');
  if (content.length === 0) throw invalidFields(fieldIssue('body.file', { zh: '文件为空', en: 'The file is empty' }));
  if (content.length > maxUploadBytes) throw new AppError('payload_too_large');
  const name = file.name.replace(/\\/g, '/').split('/').pop()!.replace(/[\u0000-\u001f\u007f]/g, '').slice(-200) || 'upload';
  const kind = sniffFile(content, name);
  if (!kind) throw new AppError('file_type_not_allowed', { details: { name } });
  requireExtensionOf(kind, name);
  return { name, mime: kind.mime, content };
}

/**
 * 报送成果: a unit's deliverable for a task, stamped with the time received and how many days
 * late it is against the task's due date in the organisation's time zone ("…前" includes the day).
 * Once per unit and task (409 campaign_already_submitted).
 */
export async function submitDeliverable(ctx: AppContext, actor: Actor, campaignId: string, input: SubmitDeliverableInput) {
  requireRole(actor, deliverers);
  const campaign = await loadCampaign(ctx, actor, campaignId);
  requireOpen(campaign);
  const task = (await repo.findTasks(ctx.db.kysely, campaignId)).find((t) => t.id === input.taskId);
  if (!task) throw invalidFields(fieldIssue('body.taskId', { zh: '该活动没有这个任务', en: 'no such task in this campaign' }));
  checkDeliverable(task.deliverable as DeliverableKind, input);
  const unit = await deliveringUnit(ctx, actor, campaignId, input.unitId, ctx.db.kysely);
  if (input.inspectionId) {
    const inspection = await getInspection(ctx, actor, input.inspectionId);
    if (inspection.unitId !== unit.unit_id) throw invalidFields(fieldIssue('body.inspectionId', { zh: '该检查不是对本单位的', en: 'this inspection is not of this unit' }));
  }
  const file = input.file ? checkedFile(input.file) : null;
  const now = receivedTime(ctx, actor, input.receivedAt);
  const receivedOn = localDate(now, await offsetOf(ctx, actor.orgId));
  const row = {
    id: newId(now),
    campaign_id: campaignId,
    org_id: actor.orgId,
    task_id: task.id,
    unit_id: unit.unit_id,
    received_at: now,
    received_on: receivedOn,
    late_days: lateDays(task.due_on, receivedOn),
    body: input.text ?? null,
    figure: input.figure ?? null,
    inspection_id: input.inspectionId ?? null,
    file_name: file?.name ?? null,
    file_mime: file?.mime ?? null,
    file_size: file?.content.length ?? null,
    file_sha256: file ? sha256Hex(file.content) : null,
    submitted_by: actor.userId || null,
    submitted_label: actor.username,
  };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (!(await repo.insertSubmission(trx, row, file?.content ?? null))) throw new AppError('campaign_already_submitted', { details: { taskId: task.id, unitId: unit.unit_id } });
    await appendAudit(ctx, trx, actor, { action: 'submit', entity: 'campaign', entityId: campaignId, after: { ...presentSubmission(row), file: undefined } });
  });
  return { ...presentSubmission(row), dueOn: task.due_on };
}

function presentSubmission(r: Awaited<ReturnType<typeof repo.findSubmissions>>[number]) {
  return {
    id: r.id,
    taskId: r.task_id,
    unitId: r.unit_id,
    receivedAt: new Date(Number(r.received_at)).toISOString(),
    receivedOn: r.received_on,
    lateDays: Number(r.late_days),
    text: r.body,
    figure: r.figure,
    inspectionId: r.inspection_id,
    file: r.file_name ? { name: r.file_name, mime: r.file_mime, size: Number(r.file_size), sha256: r.file_sha256 } : null,
    submittedBy: r.submitted_label,
  };
}

/** An uploaded deliverable's bytes, for whoever sees the unit. */
export async function downloadSubmissionFile(ctx: AppContext, actor: Actor, campaignId: string, submissionId: string) {
  await loadCampaign(ctx, actor, campaignId);
  const row = await repo.findSubmission(ctx.db.kysely, campaignId, submissionId);
  const unit = row ? (await repo.findUnits(ctx.db.kysely, campaignId)).find((u) => u.unit_id === row.unit_id) : undefined;
  if (!row || !row.file_name || !unit || !unitInScope(actor, unit.unit_path)) throw new AppError('not_found', { details: { entity: 'campaign_submission', id: submissionId } });
  const content = await repo.findSubmissionFile(ctx.db.kysely, submissionId);
  if (!content) throw new AppError('not_found', { details: { entity: 'campaign_submission', id: submissionId } });
  return { name: row.file_name, mime: row.file_mime ?? 'application/octet-stream', content };
}

/** The annual report's due date ("次年1月10日前", 001:L687), when the campaign has one. */
function annualDueOf(campaign: ReturnType<typeof presentCampaignRow>) {
  return campaign.settings.annualReport ? dueDateOf(campaign.year, campaign.settings.annualReport.due) : null;
}

/** 月度进展 / 年度总结: a unit's report on a month of the campaign or on its year. Once per period. */
export async function submitReport(ctx: AppContext, actor: Actor, campaignId: string, input: SubmitReportInput) {
  requireRole(actor, deliverers);
  const row = await loadCampaign(ctx, actor, campaignId);
  requireOpen(row);
  const campaign = presentCampaignRow(row);
  const unit = await deliveringUnit(ctx, actor, campaignId, input.unitId, ctx.db.kysely);
  let dueOn: string;
  if (input.kind === 'monthly') {
    if (!campaign.settings.monthlyReport) throw invalidFields(fieldIssue('body.kind', { zh: '该活动不要求月度报告', en: 'this campaign takes no monthly reports' }));
    if (input.period < campaign.startsOn.slice(0, 7) || input.period > campaign.endsOn.slice(0, 7)) throw invalidFields(fieldIssue('body.period', { zh: '该月不在活动期间内', en: 'this month is outside the campaign' }));
    const [y, m] = input.period.split('-').map(Number);
    dueOn = dueDateOf(y, { month: m, part: 'month' });
  } else {
    const due = annualDueOf(campaign);
    if (!due) throw invalidFields(fieldIssue('body.kind', { zh: '该活动不要求年度报告', en: 'this campaign takes no annual report' }));
    if (Number(input.period) !== campaign.year) throw invalidFields(fieldIssue('body.period', { zh: '年度报告的期间为活动年度', en: "an annual report is for the campaign's year" }));
    dueOn = due;
  }
  const now = receivedTime(ctx, actor, input.receivedAt);
  const receivedOn = localDate(now, await offsetOf(ctx, actor.orgId));
  const report = {
    id: newId(now),
    campaign_id: campaignId,
    org_id: actor.orgId,
    unit_id: unit.unit_id,
    kind: input.kind,
    period: input.period,
    body: input.text,
    received_at: now,
    received_on: receivedOn,
    late_days: lateDays(dueOn, receivedOn),
    submitted_by: actor.userId || null,
    submitted_label: actor.username,
  };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (!(await repo.insertReport(trx, report))) throw new AppError('campaign_report_exists', { details: { unitId: unit.unit_id, kind: input.kind, period: input.period } });
    await appendAudit(ctx, trx, actor, { action: 'report', entity: 'campaign', entityId: campaignId, after: { unitId: unit.unit_id, kind: input.kind, period: input.period, receivedOn, lateDays: report.late_days } });
  });
  return { id: report.id, unitId: unit.unit_id, kind: input.kind, period: input.period, dueOn, receivedAt: new Date(now).toISOString(), receivedOn, lateDays: report.late_days };
}

/**
 * Progress on a day: per unit and task done / late / missing / pending, the monthly reports
 * missing, the annual report's state and the acceptance; totals per task.
 */
export async function getCampaignProgress(ctx: AppContext, actor: Actor, id: string, date?: string) {
  const campaign = await getCampaign(ctx, actor, id);
  const today = date ?? localDate(ctx.clock.now(), await offsetOf(ctx, actor.orgId));
  const [submissions, reports] = await Promise.all([repo.findSubmissions(ctx.db.kysely, id), repo.findReports(ctx.db.kysely, id)]);
  const byKey = new Map(submissions.map((s) => [`${s.task_id}|${s.unit_id}`, s]));
  const annualDue = annualDueOf(campaign);
  const monthly = campaign.settings.monthlyReport;
  const units = campaign.units.map((u) => {
    const cells = campaign.tasks.map((t) => {
      const s = byKey.get(`${t.id}|${u.unitId}`);
      return { taskId: t.id, state: deliverableState(t.dueOn, s?.received_on ?? null, today), lateDays: s ? Number(s.late_days) : null, receivedOn: s?.received_on ?? null, submission: s ? presentSubmission(s) : null };
    });
    const own = reports.filter((r) => r.unit_id === u.unitId);
    const monthlyReported = new Set(own.filter((r) => r.kind === 'monthly').map((r) => r.period));
    const annual = own.find((r) => r.kind === 'annual');
    return {
      ...u,
      cells,
      counts: { done: cells.filter((c) => c.state === 'done').length, late: cells.filter((c) => c.state === 'late').length, missing: cells.filter((c) => c.state === 'missing').length, pending: cells.filter((c) => c.state === 'pending').length },
      monthlyReports: monthly ? { reported: [...monthlyReported].sort(), missing: missingMonthlyReports({ from: campaign.startsOn, to: campaign.endsOn }, monthlyReported, today, monthly.graceDays) } : null,
      annualReport: annualDue ? { dueOn: annualDue, state: deliverableState(annualDue, annual?.received_on ?? null, today), lateDays: annual ? Number(annual.late_days) : null } : null,
    };
  });
  const tasks = campaign.tasks.map((t, i) => ({
    ...t,
    counts: { done: units.filter((u) => u.cells[i].state === 'done').length, late: units.filter((u) => u.cells[i].state === 'late').length, missing: units.filter((u) => u.cells[i].state === 'missing').length, pending: units.filter((u) => u.cells[i].state === 'pending').length },
  }));
  return { id: campaign.id, title: campaign.title, year: campaign.year, date: today, phases: campaign.phases, activePhases: activePhases(campaign.phases, today).map((p) => p.code), tasks, units };
}

/**
 * 检查验收: the office's verdict on a unit. Where the plan accepts by 暗访 (002:L82) the verdict
 * names the inspection it rests on. A failed acceptance records accountability against the
 * unit's leader (追究相关领导的领导责任, 002:L82; 004:L172) in the incident file as a verified
 * `finding` with source `campaign`, for the sanctions rules; without a known leader, against the unit.
 */
export async function recordAcceptance(ctx: AppContext, actor: Actor, campaignId: string, input: AcceptanceInput) {
  requireRole(actor, orgManagers);
  const row = await loadCampaign(ctx, actor, campaignId);
  if (row.status === 'draft') throw new AppError('campaign_not_active', { details: { status: row.status } });
  const campaign = presentCampaignRow(row);
  const unit = await deliveringUnit(ctx, actor, campaignId, input.unitId, ctx.db.kysely);
  if (campaign.settings.acceptanceByInspection && !input.inspectionId) throw invalidFields(fieldIssue('body.inspectionId', { zh: '本活动以暗访方式验收，须注明所依据的检查', en: 'this campaign is accepted by 暗访: name the inspection' }));
  if (input.inspectionId) {
    const inspection = await getInspection(ctx, actor, input.inspectionId);
    if (inspection.unitId !== unit.unit_id) throw invalidFields(fieldIssue('body.inspectionId', { zh: '该检查不是对本单位的', en: 'this inspection is not of this unit' }));
  }
  const now = ctx.clock.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const changes = { acceptance: input.result, accepted_at: now, accepted_by: actor.username, acceptance_inspection_id: input.inspectionId ?? null, acceptance_note: input.note ?? null };
    if (!(await repo.updateCampaignUnit(trx, unit.id, input.version, changes))) throw new AppError('version_conflict', { details: { current: Number(unit.version) } });
    if (input.result === 'fail') {
      await recordIncident(ctx, trx, actor, {
        orgId: actor.orgId,
        staffId: unit.leader_staff_id,
        unitId: unit.unit_id,
        sourceType: 'campaign',
        sourceId: unit.id,
        kind: 'finding',
        verdict: 'campaign_acceptance_failed',
        summary: `${row.title}：${unit.unit_name}验收不通过，追究领导责任${input.note ? `（${input.note}）` : ''}`,
        occurredAt: now,
        details: { item: 'campaign_acceptance', ...(input.inspectionId ? { inspectionId: input.inspectionId } : {}) },
      });
    }
    await appendAudit(ctx, trx, actor, { action: 'accept', entity: 'campaign', entityId: campaignId, before: presentUnit(unit), after: { ...presentUnit({ ...unit, ...changes, version: Number(unit.version) + 1 }) } });
  });
  const after = (await repo.findUnits(ctx.db.kysely, campaignId)).find((u) => u.id === unit.id)!;
  return { ...presentUnit(after), accountability: input.result === 'fail' ? { staffId: unit.leader_staff_id, unitId: unit.unit_id, kind: 'finding' } : null };
}
