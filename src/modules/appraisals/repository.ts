/** Appraisal periods, sheets, the records behind them and their notes (Kysely only; this module alone writes these tables). */
import type { Executor } from '../../shared/context.js';
import type { AppraisalPeriodsTable, AppraisalSheetFactsTable, AppraisalSheetNotesTable, AppraisalSheetsTable } from '../../db/types.js';
import { chunks } from '../../db/chunks.js';
import { updateIfVersion } from '../../db/versioned.js';

/** Inserts the period unless the organisation already has one of this template and label; false then. */
export async function insertPeriodIfNew(db: Executor, row: AppraisalPeriodsTable): Promise<boolean> {
  const r = await db.insertInto('appraisal_periods').values(row).onConflict((oc) => oc.columns(['org_id', 'template_code', 'label']).doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** The sheets and the records they were filled from, many rows per statement. */
export async function insertSheets(db: Executor, sheets: AppraisalSheetsTable[], facts: AppraisalSheetFactsTable[]) {
  for (const part of chunks(sheets, 100)) await db.insertInto('appraisal_sheets').values(part).execute();
  for (const part of chunks(facts, 500)) await db.insertInto('appraisal_sheet_facts').values(part).execute();
}

export function findPeriodById(db: Executor, orgId: string, id: string) {
  return db.selectFrom('appraisal_periods').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function findPeriodByLabel(db: Executor, orgId: string, templateCode: string, label: string) {
  return db.selectFrom('appraisal_periods').selectAll().where('org_id', '=', orgId).where('template_code', '=', templateCode).where('label', '=', label).executeTakeFirst();
}

export async function findPeriods(db: Executor, f: { orgId: string; template?: string; state?: string; limit: number; offset: number }) {
  let q = db.selectFrom('appraisal_periods').where('org_id', '=', f.orgId);
  if (f.template) q = q.where('template_code', '=', f.template);
  if (f.state) q = q.where('state', '=', f.state);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await q.selectAll().orderBy('to_date', 'desc').orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
  return { rows, total: Number(total?.n ?? 0) };
}

/** Sheet counts of each period (within a unit scope when given). */
export function countSheetsOfPeriods(db: Executor, periodIds: string[], scopePath: string | null) {
  if (periodIds.length === 0) return Promise.resolve([]);
  let q = db.selectFrom('appraisal_sheets').select(['period_id', (eb) => eb.fn.countAll<number>().as('n')]).where('period_id', 'in', periodIds);
  if (scopePath) q = q.where('unit_path', 'like', `${scopePath}%`);
  return q.groupBy('period_id').execute();
}

export function updatePeriodIfVersion(db: Executor, id: string, version: number, changes: Partial<AppraisalPeriodsTable>) {
  return updateIfVersion(db, 'appraisal_periods', id, version, changes);
}

/** Staff of the organisation (active) with their primary unit, within a unit subtree when given. */
export function findStaffWithPrimaryUnit(db: Executor, orgId: string, scopePath: string | null) {
  let q = db
    .selectFrom('staff as s')
    .innerJoin('staff_units as su', (j) => j.onRef('su.staff_id', '=', 's.id').on('su.is_primary', '=', 1))
    .innerJoin('units as u', 'u.id', 'su.unit_id')
    .select(['s.id', 's.name', 's.category', 's.posts', 'u.id as unit_id', 'u.path as unit_path'])
    .where('s.org_id', '=', orgId)
    .where('s.active', '=', 1);
  if (scopePath) q = q.where('u.path', 'like', `${scopePath}%`);
  return q.orderBy('s.badge_no').execute();
}

const sheetColumns = [
  'sh.id', 'sh.org_id', 'sh.period_id', 'sh.staff_id', 'sh.unit_id', 'sh.unit_path', 'sh.state', 'sh.total', 'sh.stars', 'sh.pay_coefficient', 'sh.star',
  'sh.complete', 'sh.vetoed', 'sh.feedback', 'sh.feedback_at', 'sh.objection', 'sh.objected_at', 'sh.approved_at', 'sh.approved_by', 'sh.created_at', 'sh.updated_at', 'sh.version',
] as const;

export interface SheetFilter {
  orgId: string;
  periodId?: string;
  unitPath?: string;
  scopePath?: string | null;
  staffId?: string;
  state?: string;
  /** Also each sheet's filled items (JSON). */
  withItems?: boolean;
  limit: number;
  offset: number;
}

/** Sheets with the person's name, the unit's name and the period's label, in badge order. */
export async function findSheets(db: Executor, f: SheetFilter) {
  let q = db
    .selectFrom('appraisal_sheets as sh')
    .innerJoin('staff as s', 's.id', 'sh.staff_id')
    .innerJoin('appraisal_periods as p', 'p.id', 'sh.period_id')
    .leftJoin('units as u', 'u.id', 'sh.unit_id')
    .where('sh.org_id', '=', f.orgId);
  if (f.periodId) q = q.where('sh.period_id', '=', f.periodId);
  if (f.unitPath) q = q.where('sh.unit_path', 'like', `${f.unitPath}%`);
  if (f.scopePath) q = q.where('sh.unit_path', 'like', `${f.scopePath}%`);
  if (f.staffId) q = q.where('sh.staff_id', '=', f.staffId);
  if (f.state) q = q.where('sh.state', '=', f.state);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await q
    .select([...sheetColumns, 's.name as staff_name', 's.badge_no', 'u.name as unit_name', 'p.label as period_label', 'p.kind as period_kind'])
    .$if(!!f.withItems, (qb) => qb.select('sh.items'))
    .orderBy('p.to_date', 'desc')
    .orderBy('s.badge_no')
    .orderBy('sh.id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { rows, total: Number(total?.n ?? 0) };
}

export type SheetListRow = Awaited<ReturnType<typeof findSheets>>['rows'][number];

export function findSheetById(db: Executor, orgId: string, id: string) {
  return db.selectFrom('appraisal_sheets').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

/** The items and pay coefficient of a page of sheets, in one query (the period's xlsx). */
export function findSheetItems(db: Executor, orgId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('appraisal_sheets').select(['id', 'items', 'pay_coefficient']).where('org_id', '=', orgId).where('id', 'in', ids).execute();
}

export function findSheetsOfPeriod(db: Executor, periodId: string, scopePath: string | null = null) {
  let q = db
    .selectFrom('appraisal_sheets as sh')
    .innerJoin('staff as s', 's.id', 'sh.staff_id')
    .select(['sh.id', 'sh.staff_id', 'sh.unit_id', 'sh.unit_path', 'sh.state', 'sh.total', 'sh.stars', 'sh.complete', 'sh.vetoed', 's.name as staff_name'])
    .where('sh.period_id', '=', periodId);
  if (scopePath) q = q.where('sh.unit_path', 'like', `${scopePath}%`);
  return q.orderBy('s.badge_no').execute();
}

export function updateSheetIfVersion(db: Executor, id: string, version: number, changes: Partial<AppraisalSheetsTable>) {
  return updateIfVersion(db, 'appraisal_sheets', id, version, changes);
}

/** Replaces the records a sheet links to (after a refill). */
export async function replaceSheetFacts(db: Executor, orgId: string, sheetId: string, facts: AppraisalSheetFactsTable[]) {
  await db.deleteFrom('appraisal_sheet_facts').where('org_id', '=', orgId).where('sheet_id', '=', sheetId).execute();
  for (const part of chunks(facts, 500)) await db.insertInto('appraisal_sheet_facts').values(part).execute();
}

/** Sheets filled from a record (an incident, a sanction…), whatever their state. */
export function findSheetIdsOfFact(db: Executor, orgId: string, kind: string, factId: string) {
  return db.selectFrom('appraisal_sheet_facts').select('sheet_id').where('org_id', '=', orgId).where('kind', '=', kind).where('fact_id', '=', factId).execute();
}

export async function insertNote(db: Executor, row: AppraisalSheetNotesTable) {
  await db.insertInto('appraisal_sheet_notes').values(row).execute();
}

export function findNotes(db: Executor, orgId: string, sheetId: string) {
  return db.selectFrom('appraisal_sheet_notes').selectAll().where('org_id', '=', orgId).where('sheet_id', '=', sheetId).orderBy('created_at').orderBy('id').execute();
}

/** Audit entries of a sheet (its history), oldest first. */
export function findSheetHistory(db: Executor, orgId: string, sheetId: string) {
  return db.selectFrom('audit_log').select(['at', 'actor_label', 'action']).where('org_id', '=', orgId).where('entity', '=', 'appraisal_sheet').where('entity_id', '=', sheetId).orderBy('seq').execute();
}

/** The latest approved sheet of each person (by the period's end), with its star. */
export async function findLatestApproved(db: Executor, orgId: string, staffIds: string[], notAfter?: string) {
  const out: { staff_id: string; id: string; stars: number | null; pay_coefficient: string | null; star: string | null; label: string; to_date: string }[] = [];
  for (const part of chunks(staffIds, 500)) {
    let q = db
      .selectFrom('appraisal_sheets as sh')
      .innerJoin('appraisal_periods as p', 'p.id', 'sh.period_id')
      .select(['sh.staff_id', 'sh.id', 'sh.stars', 'sh.pay_coefficient', 'sh.star', 'p.label', 'p.to_date'])
      .where('sh.org_id', '=', orgId)
      .where('sh.state', '=', 'approved')
      .where('sh.staff_id', 'in', part);
    if (notAfter) q = q.where('p.to_date', '<=', notAfter);
    out.push(...(await q.orderBy('p.to_date', 'desc').orderBy('sh.approved_at', 'desc').execute()));
  }
  return out;
}

/** Approved totals of the template's periods ending on or before a date, newest first (末位). */
export async function findApprovedHistory(db: Executor, orgId: string, templateCode: string, notAfter: string, periods: number) {
  const recent = await db
    .selectFrom('appraisal_periods')
    .select(['id', 'label'])
    .where('org_id', '=', orgId)
    .where('template_code', '=', templateCode)
    .where('to_date', '<=', notAfter)
    .orderBy('to_date', 'desc')
    .limit(periods)
    .execute();
  if (recent.length === 0) return [];
  const sheets = await db
    .selectFrom('appraisal_sheets')
    .select(['period_id', 'staff_id', 'unit_id', 'total'])
    .where('org_id', '=', orgId)
    .where('period_id', 'in', recent.map((p) => p.id))
    .where('state', '=', 'approved')
    .execute();
  return recent.map((p) => ({ label: p.label, sheets: sheets.filter((s) => s.period_id === p.id) }));
}

/** A closed period opens again when one of its sheets is reopened. */
export async function reopenPeriod(db: Executor, orgId: string, id: string, now: number) {
  await db.updateTable('appraisal_periods').set((eb) => ({ state: 'open', updated_at: now, version: eb('version', '+', 1) })).where('org_id', '=', orgId).where('id', '=', id).where('state', '=', 'closed').execute();
}

/** Closes the period when every sheet is approved; true when this call closed it. */
export async function closePeriodIfDone(db: Executor, orgId: string, id: string, now: number): Promise<boolean> {
  const left = await db.selectFrom('appraisal_sheets').select((eb) => eb.fn.countAll<number>().as('n')).where('org_id', '=', orgId).where('period_id', '=', id).where('state', '!=', 'approved').executeTakeFirst();
  if (Number(left?.n ?? 0) > 0) return false;
  const r = await db.updateTable('appraisal_periods').set((eb) => ({ state: 'closed', updated_at: now, version: eb('version', '+', 1) })).where('org_id', '=', orgId).where('id', '=', id).where('state', '=', 'open').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Marks 末位 as checked for the period; false when another call already did (idempotent). */
export async function markBottomChecked(db: Executor, orgId: string, id: string, now: number): Promise<boolean> {
  const r = await db.updateTable('appraisal_periods').set({ bottom_checked_at: now }).where('org_id', '=', orgId).where('id', '=', id).where('bottom_checked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function findStaffNames(db: Executor, orgId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('staff').select(['id', 'name']).where('org_id', '=', orgId).where('id', 'in', ids).execute();
}

export function findUnitPaths(db: Executor, orgId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('units').select(['id', 'name', 'path']).where('org_id', '=', orgId).where('id', 'in', ids).execute();
}
