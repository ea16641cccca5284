import { sql, type ExpressionBuilder } from 'kysely';
import type { DialectName } from '../../db/dialect.js';
import type { Executor } from '../../shared/context.js';
import type { InspectionAssignmentsTable, InspectionItemsTable, InspectionPlansTable, InspectionsTable, InspectionTemplatesTable } from '../../db/types.js';

// Template versions ------------------------------------------------------------------------------

export async function findLatestTemplate(db: Executor, orgId: string, code: string) {
  return db.selectFrom('inspection_templates').selectAll().where('org_id', '=', orgId).where('code', '=', code).orderBy('version', 'desc').limit(1).executeTakeFirst();
}

export async function findTemplateVersion(db: Executor, orgId: string, code: string, version: number) {
  return db.selectFrom('inspection_templates').selectAll().where('org_id', '=', orgId).where('code', '=', code).where('version', '=', version).executeTakeFirst();
}

/** The newest stored version of every template of the organisation. */
export async function findLatestTemplates(db: Executor, orgId: string) {
  const rows = await db.selectFrom('inspection_templates').selectAll().where('org_id', '=', orgId).orderBy('code').orderBy('version', 'desc').execute();
  const latest = new Map<string, InspectionTemplatesTable>();
  for (const r of rows) if (!latest.has(r.code)) latest.set(r.code, r);
  return [...latest.values()];
}

/** Inserts a version unless it exists (a concurrent first use seeded it): true when this call stored it. */
export async function insertTemplateVersion(db: Executor, row: InspectionTemplatesTable): Promise<boolean> {
  const r = await db
    .insertInto('inspection_templates')
    .values(row)
    .onConflict((oc) => oc.columns(['org_id', 'code', 'version']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

// Inspections ------------------------------------------------------------------------------------

export async function insertInspection(db: Executor, row: InspectionsTable, items: InspectionItemsTable[]) {
  await db.insertInto('inspections').values(row).execute();
  if (items.length) await db.insertInto('inspection_items').values(items).execute();
}

export async function findInspection(db: Executor, id: string) {
  return db.selectFrom('inspections').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findInspectionByKey(db: Executor, orgId: string, key: string) {
  return db.selectFrom('inspections').selectAll().where('org_id', '=', orgId).where('idempotency_key', '=', key).executeTakeFirst();
}

export async function findItems(db: Executor, inspectionId: string) {
  return db.selectFrom('inspection_items').selectAll().where('inspection_id', '=', inspectionId).orderBy('position').execute();
}

export async function setItemFinding(db: Executor, inspectionId: string, item: string, caseId: string, halfHearted: boolean) {
  await db.updateTable('inspection_items').set({ case_id: caseId, half_hearted: halfHearted ? 1 : 0 }).where('inspection_id', '=', inspectionId).where('item', '=', item).execute();
}

/**
 * Earlier findings on the same unit, template and items that opened a rectification case (newest
 * first): what a re-inspection compares with (003:L490).
 */
export async function findEarlierFindings(db: Executor, f: { orgId: string; unitId: string; templateCode: string; before: number; items: string[] }) {
  if (f.items.length === 0) return [];
  return db
    .selectFrom('inspection_items as i')
    .innerJoin('inspections as n', 'n.id', 'i.inspection_id')
    .select(['i.item', 'i.case_id', 'n.id as inspection_id', 'n.performed_at'])
    .where('n.org_id', '=', f.orgId)
    .where('n.unit_id', '=', f.unitId)
    .where('n.template_code', '=', f.templateCode)
    .where('n.performed_at', '<=', f.before)
    .where('i.finding', '=', 1)
    .where('i.case_id', 'is not', null)
    .where('i.item', 'in', f.items)
    .orderBy('n.performed_at', 'desc')
    .execute();
}

export interface InspectionFilter {
  orgId: string;
  scopePath: string | null;
  /** Inspectors and social supervisors see the inspections they performed or that were assigned to them. */
  inspectorId?: string;
  /** Front-line staff see the inspections of themselves. */
  staffId?: string;
  unitPath?: string;
  templateCode?: string;
  kind?: string;
  from?: number;
  to?: number;
  vetoed?: boolean;
  limit: number;
  offset: number;
}

export async function findInspections(db: Executor, f: InspectionFilter) {
  let q = db.selectFrom('inspections as n').where('n.org_id', '=', f.orgId);
  if (f.scopePath) q = q.where('n.unit_path', 'like', `${f.scopePath}%`);
  if (f.inspectorId !== undefined) {
    const me = f.inspectorId;
    q = q.where((eb) => eb.or([eb('n.inspector_id', '=', me), eb('n.assignment_id', 'in', eb.selectFrom('inspection_assignments as a').select('a.id').where('a.assignee_id', '=', me))]));
  }
  if (f.staffId !== undefined) q = q.where('n.staff_id', '=', f.staffId);
  if (f.unitPath) q = q.where('n.unit_path', 'like', `${f.unitPath}%`);
  if (f.templateCode) q = q.where('n.template_code', '=', f.templateCode);
  if (f.kind) q = q.where('n.kind', '=', f.kind);
  if (f.from !== undefined) q = q.where('n.performed_at', '>=', f.from);
  if (f.to !== undefined) q = q.where('n.performed_at', '<', f.to);
  if (f.vetoed !== undefined) q = q.where('n.vetoed', '=', f.vetoed ? 1 : 0);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  // The unit and staff names are for display: joined after the count, which needs neither.
  const rows = await q
    .leftJoin('units as u', 'u.id', 'n.unit_id')
    .leftJoin('staff as s', 's.id', 'n.staff_id')
    .selectAll('n')
    .select(['u.name as unit_name', 's.name as staff_name'])
    .orderBy('n.performed_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { rows, total: Number(total?.n ?? 0) };
}

/** Finding counts per inspection (for the list). */
export async function countFindings(db: Executor, ids: string[]) {
  if (ids.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom('inspection_items')
    .select(['inspection_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('inspection_id', 'in', ids)
    .where('finding', '=', 1)
    .groupBy('inspection_id')
    .execute();
  return new Map(rows.map((r) => [r.inspection_id, Number(r.n)]));
}

// Plans ------------------------------------------------------------------------------------------

export async function insertPlan(db: Executor, row: InspectionPlansTable) {
  await db.insertInto('inspection_plans').values(row).execute();
}

export async function findPlan(db: Executor, orgId: string, quarter: string) {
  return db.selectFrom('inspection_plans').selectAll().where('org_id', '=', orgId).where('quarter', '=', quarter).executeTakeFirst();
}

/**
 * A round's results: each unit's newest inspection performed in [from, to) (ties: the larger id).
 * One index probe per unit (inspections_round_cover_ix), so the cost follows the unit tree,
 * not a province's year of inspections (bench/inspections.ts).
 */
export async function findNewestPerUnit(db: Executor, orgId: string, from: number, to: number) {
  // A scalar subquery per unit and column: index probes only, no pass over the table to match ids.
  const newest = <C extends 'id' | 'score_milli' | 'max_milli'>(column: C) =>
    db
      .selectFrom('inspections as j')
      .select(`j.${column}` as `j.${C}`)
      .where('j.org_id', '=', orgId)
      .where('j.unit_id', '=', sql<string>`u.id`) // the outer unit
      .where('j.performed_at', '>=', from)
      .where('j.performed_at', '<', to)
      .orderBy('j.performed_at', 'desc')
      .orderBy('j.id', 'desc')
      .limit(1);
  const rows = await db
    .selectFrom('units as u')
    .where('u.org_id', '=', orgId)
    .select(['u.id as unit_id', 'u.path as unit_path', newest('id').as('id'), newest('score_milli').as('score_milli'), newest('max_milli').as('max_milli')])
    .execute();
  return rows.flatMap((r) => (r.id === null ? [] : [{ unit_id: r.unit_id, unit_path: r.unit_path, id: r.id, score_milli: Number(r.score_milli), max_milli: Number(r.max_milli) }]));
}

// Monthly coverage ---------------------------------------------------------------------------------

/** Per unit: how many inspections of these kinds (and templates) were performed in [from, to), and the last one. */
export async function countChecksPerUnit(db: Executor, f: { orgId: string; from: number; to: number; kinds: readonly string[]; templates?: readonly string[]; scopePath: string | null }) {
  let q = db
    .selectFrom('inspections')
    .select(['unit_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('performed_at').as('last_at')])
    .where('org_id', '=', f.orgId)
    .where('kind', 'in', [...f.kinds])
    .where('performed_at', '>=', f.from)
    .where('performed_at', '<', f.to);
  if (f.templates?.length) q = q.where('template_code', 'in', [...f.templates]);
  if (f.scopePath) q = q.where('unit_path', 'like', `${f.scopePath}%`);
  const rows = await q.groupBy('unit_id').execute();
  return new Map(rows.map((r) => [r.unit_id, { count: Number(r.n), lastAt: Number(r.last_at) }]));
}

/** The clip reviews of [from, to): each review's unit, time and its answers to the given items. */
export async function findClipReviews(db: Executor, f: { orgId: string; from: number; to: number; template: string; kind: string; items: readonly string[]; scopePath: string | null }) {
  let q = db
    .selectFrom('inspections as n')
    .leftJoin('inspection_items as i', (j) => j.onRef('i.inspection_id', '=', 'n.id').on('i.item', 'in', [...f.items]))
    .select(['n.id', 'n.unit_id', 'n.performed_at', 'i.item', 'i.observations'])
    .where('n.org_id', '=', f.orgId)
    .where('n.kind', '=', f.kind)
    .where('n.template_code', '=', f.template)
    .where('n.performed_at', '>=', f.from)
    .where('n.performed_at', '<', f.to);
  if (f.scopePath) q = q.where('n.unit_path', 'like', `${f.scopePath}%`);
  return q.orderBy('n.performed_at').execute();
}

// Assignments -------------------------------------------------------------------------------------

export async function insertAssignment(db: Executor, row: InspectionAssignmentsTable) {
  await db.insertInto('inspection_assignments').values(row).execute();
}

export async function findAssignment(db: Executor, id: string) {
  return db.selectFrom('inspection_assignments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Updates when the version still matches; false when someone changed it first. */
export async function updateAssignmentIfVersion(db: Executor, id: string, version: number, patch: Partial<Pick<InspectionAssignmentsTable, 'assignee_id' | 'due_date' | 'status' | 'inspection_id' | 'done_at' | 'updated_at'>>) {
  const r = await db
    .updateTable('inspection_assignments')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface AssignmentFilter {
  orgId: string;
  scopePath: string | null;
  id?: string;
  planId?: string;
  assigneeId?: string;
  status?: string;
}

/** Assignments with their unit's and assignee's names, soonest due first. */
export async function findAssignments(db: Executor, f: AssignmentFilter) {
  let q = db
    .selectFrom('inspection_assignments as a')
    .innerJoin('inspection_plans as p', 'p.id', 'a.plan_id')
    .leftJoin('units as u', 'u.id', 'a.unit_id')
    .leftJoin('users as s', 's.id', 'a.assignee_id')
    .selectAll('a')
    .select(['p.quarter', 'p.units as plan_units', 'u.code as unit_code', 'u.name as unit_name', 's.display_name as assignee_name', 's.username as assignee_username'])
    .where('a.org_id', '=', f.orgId);
  if (f.scopePath) q = q.where('a.unit_path', 'like', `${f.scopePath}%`);
  if (f.id) q = q.where('a.id', '=', f.id);
  if (f.planId) q = q.where('a.plan_id', '=', f.planId);
  if (f.assigneeId !== undefined) q = q.where('a.assignee_id', '=', f.assigneeId);
  if (f.status) q = q.where('a.status', '=', f.status);
  return q.orderBy('a.due_date').orderBy('a.id').limit(5_000).execute();
}

export async function findPlanById(db: Executor, id: string) {
  return db.selectFrom('inspection_plans').selectAll().where('id', '=', id).executeTakeFirst();
}


/**
 * What the quarterly plan needs of every unit, in one round trip: the unit, its newest result of
 * the previous round [previousFrom, from) and whether it was inspected in [yearFrom, to). One
 * index probe per unit and question; on PostgreSQL a lateral join reads the newest row once
 * (score and full mark together) from the covering round index (0021).
 */
export async function findPlanFacts(db: Executor, dialect: DialectName, orgId: string, r: { previousFrom: number; from: number; yearFrom: number; to: number }) {
  const round = (eb: ExpressionBuilder<any, any>) =>
    eb
      .selectFrom('inspections as j')
      .where('j.org_id', '=', orgId)
      .whereRef('j.unit_id', '=', 'u.id')
      .where('j.performed_at', '>=', r.previousFrom)
      .where('j.performed_at', '<', r.from)
      .orderBy('j.performed_at', 'desc')
      .orderBy('j.id', 'desc')
      .limit(1);
  const seen = sql<boolean>`exists (select 1 from inspections j2 where j2.org_id = ${orgId} and j2.unit_id = u.id and j2.performed_at >= ${r.yearFrom} and j2.performed_at < ${r.to})`;
  const base = db.selectFrom('units as u').where('u.org_id', '=', orgId).select(['u.id', 'u.code', 'u.name', 'u.kind', 'u.parent_id', seen.as('seen')]).orderBy('u.sort_order').orderBy('u.code');
  const rows =
    dialect === 'postgres'
      ? await base
          .leftJoinLateral((eb) => round(eb).select(['j.score_milli', 'j.max_milli']).as('l'), (j) => j.onTrue())
          .select(['l.score_milli', 'l.max_milli'])
          .execute()
      : await base.select((eb) => [round(eb).select('j.score_milli').as('score_milli'), round(eb).select('j.max_milli').as('max_milli')]).execute();
  return rows.map((x) => ({
    id: x.id,
    code: x.code,
    name: x.name,
    kind: x.kind,
    parentId: x.parent_id,
    seen: x.seen === true || Number(x.seen) === 1,
    last: x.score_milli === null || x.score_milli === undefined ? undefined : { scoreMilli: Number(x.score_milli), maxMilli: Number(x.max_milli) },
  }));
}
