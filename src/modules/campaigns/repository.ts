/** Campaign tables (0026): SQL only. */
import type { Executor } from '../../shared/context.js';
import type {
  CampaignPhasesTable,
  CampaignReportsTable,
  CampaignSubmissionsTable,
  CampaignTasksTable,
  CampaignUnitsTable,
  CampaignsTable,
} from '../../db/types.js';
import { updateIfVersion } from '../../db/versioned.js';

export async function insertCampaign(db: Executor, row: CampaignsTable, phases: CampaignPhasesTable[], tasks: CampaignTasksTable[], units: CampaignUnitsTable[]) {
  await db.insertInto('campaigns').values(row).execute();
  if (phases.length) await db.insertInto('campaign_phases').values(phases).execute();
  if (tasks.length) await db.insertInto('campaign_tasks').values(tasks).execute();
  if (units.length) await db.insertInto('campaign_units').values(units).execute();
}

export async function findCampaign(db: Executor, orgId: string, id: string) {
  return db.selectFrom('campaigns').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export async function findCampaigns(db: Executor, orgId: string, options: { year?: number; publishedOnly?: boolean }) {
  let q = db.selectFrom('campaigns').selectAll().where('org_id', '=', orgId);
  if (options.year !== undefined) q = q.where('year', '=', options.year);
  if (options.publishedOnly) q = q.where('published', '=', 1);
  return q.orderBy('year', 'desc').orderBy('created_at', 'desc').execute();
}

export async function updateCampaign(db: Executor, id: string, version: number, changes: Partial<CampaignsTable>) {
  return updateIfVersion(db, 'campaigns', id, version, changes);
}

export async function findPhases(db: Executor, campaignId: string) {
  return db.selectFrom('campaign_phases').selectAll().where('campaign_id', '=', campaignId).orderBy('position').execute();
}

export async function findTasks(db: Executor, campaignId: string) {
  return db.selectFrom('campaign_tasks').selectAll().where('campaign_id', '=', campaignId).orderBy('position').execute();
}

export async function findUnits(db: Executor, campaignId: string) {
  return db
    .selectFrom('campaign_units as cu')
    .innerJoin('units as u', 'u.id', 'cu.unit_id')
    .leftJoin('staff as s', 's.id', 'cu.leader_staff_id')
    .selectAll('cu')
    .select(['u.name as unit_name', 'u.code as unit_code', 'u.sort_order as unit_sort', 's.name as leader_name'])
    .where('cu.campaign_id', '=', campaignId)
    .orderBy('u.path')
    .execute();
}

export type CampaignUnitRow = Awaited<ReturnType<typeof findUnits>>[number];

export async function updateCampaignUnit(db: Executor, id: string, version: number, changes: Partial<CampaignUnitsTable>) {
  return updateIfVersion(db, 'campaign_units', id, version, changes);
}

export async function findSubmissions(db: Executor, campaignId: string) {
  return db.selectFrom('campaign_submissions').selectAll().where('campaign_id', '=', campaignId).execute();
}

export async function findSubmission(db: Executor, campaignId: string, id: string) {
  return db.selectFrom('campaign_submissions').selectAll().where('campaign_id', '=', campaignId).where('id', '=', id).executeTakeFirst();
}

/** Inserts the submission (and its file's bytes); false when the unit already delivered the task. */
export async function insertSubmission(db: Executor, row: CampaignSubmissionsTable, content: Buffer | null): Promise<boolean> {
  const r = await db.insertInto('campaign_submissions').values(row).onConflict((oc) => oc.columns(['task_id', 'unit_id']).doNothing()).executeTakeFirst();
  if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
  if (content) await db.insertInto('campaign_submission_files').values({ submission_id: row.id, content }).execute();
  return true;
}

export async function findSubmissionFile(db: Executor, submissionId: string): Promise<Buffer | undefined> {
  const row = await db.selectFrom('campaign_submission_files').select('content').where('submission_id', '=', submissionId).executeTakeFirst();
  return row ? Buffer.from(row.content) : undefined;
}

export async function findReports(db: Executor, campaignId: string) {
  return db.selectFrom('campaign_reports').selectAll().where('campaign_id', '=', campaignId).execute();
}

/** False when the unit already reported on the period. */
export async function insertReport(db: Executor, row: CampaignReportsTable): Promise<boolean> {
  const r = await db.insertInto('campaign_reports').values(row).onConflict((oc) => oc.columns(['campaign_id', 'unit_id', 'kind', 'period']).doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Active campaigns of every organisation with a task due from `from` on (the reminder sweep). */
export async function findOpenTasksDueFrom(db: Executor, from: string) {
  return db
    .selectFrom('campaign_tasks as t')
    .innerJoin('campaigns as c', 'c.id', 't.campaign_id')
    .select(['t.id as task_id', 't.label_zh', 't.due_on', 'c.id as campaign_id', 'c.org_id', 'c.title', 'c.settings'])
    .where('c.status', '=', 'active')
    .where('t.due_on', '>=', from)
    .execute();
}

export async function findUnitsOfCampaigns(db: Executor, campaignIds: string[]) {
  if (campaignIds.length === 0) return [];
  return db.selectFrom('campaign_units').select(['campaign_id', 'unit_id', 'unit_path']).where('campaign_id', 'in', campaignIds).execute();
}

export async function findSubmittedPairs(db: Executor, taskIds: string[]) {
  if (taskIds.length === 0) return [];
  return db.selectFrom('campaign_submissions').select(['task_id', 'unit_id']).where('task_id', 'in', taskIds).execute();
}

/** Records a reminder; false when it was sent already (the key makes the sweep idempotent). */
export async function claimReminder(db: Executor, row: { campaign_id: string; task_id: string; unit_id: string; days_before: number; sent_at: number }) {
  const r = await db.insertInto('campaign_reminders').values(row).onConflict((oc) => oc.columns(['task_id', 'unit_id', 'days_before']).doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}
