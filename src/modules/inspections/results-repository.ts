/**
 * SQL of the results screens (issue 14 items 6 and 8): closed rounds and their band facts, the
 * inspections of a month range, their most frequent findings and the rectifications they opened.
 * Kept apart from repository.ts (inspections, templates and plans) so the two evolve apart.
 */
import { sql } from 'kysely';
import type { Executor } from '../../shared/context.js';
import type { InspectionBandFactsTable, InspectionRoundsTable } from '../../db/types.js';

// Closed rounds and their facts -----------------------------------------------------------------

export async function findRound(db: Executor, orgId: string, period: string) {
  return db.selectFrom('inspection_rounds').selectAll().where('org_id', '=', orgId).where('period', '=', period).executeTakeFirst();
}

/** Stores a closed round unless it is closed already: true when this call closed it (a racing close stores once). */
export async function insertRound(db: Executor, round: InspectionRoundsTable, facts: InspectionBandFactsTable[]): Promise<boolean> {
  const r = await db
    .insertInto('inspection_rounds')
    .values(round)
    .onConflict((oc) => oc.columns(['org_id', 'period']).doNothing())
    .executeTakeFirst();
  if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
  // Inserted in slices: PostgreSQL allows 65,535 bound values a statement (a province has 2,000 outlets).
  for (let i = 0; i < facts.length; i += 500) await db.insertInto('inspection_band_facts').values(facts.slice(i, i + 500)).execute();
  return true;
}

export interface BandFactFilter {
  orgId: string;
  period?: string;
  /** Periods that lie within [from, to] (local dates). */
  from?: string;
  to?: string;
  scopePath?: string | null;
}

export async function findBandFacts(db: Executor, f: BandFactFilter) {
  let q = db.selectFrom('inspection_band_facts as f').leftJoin('units as u', 'u.id', 'f.unit_id').selectAll('f').select(['u.code as unit_code', 'u.name as unit_name']).where('f.org_id', '=', f.orgId);
  if (f.period) q = q.where('f.period', '=', f.period);
  if (f.from) q = q.where('f.period_from', '>=', f.from);
  if (f.to) q = q.where('f.period_to', '<=', f.to);
  if (f.scopePath) q = q.where('f.unit_path', 'like', `${f.scopePath}%`);
  return q.orderBy('f.period_from').orderBy('f.period_kind').orderBy('f.rank').orderBy('u.code').orderBy('f.unit_id').execute();
}

/** Codes and names of the organisation's units (ranked units are shown by name). */
export async function findUnitNames(db: Executor, orgId: string) {
  return db.selectFrom('units').select(['id', 'code', 'name']).where('org_id', '=', orgId).execute();
}

// Results by unit and month ---------------------------------------------------------------------

export interface ResultFilter {
  orgId: string;
  start: number;
  end: number;
  /** The caller's scope, and the unit asked for: both prefixes of unit paths. */
  scopePath: string | null;
  unitPath?: string;
  templateCode?: string;
}

/** The range and scope conditions on `inspections as n` (any query that joins it under that name). */
function inRange<Q>(q: Q, f: ResultFilter): Q {
  let out = (q as any).where('n.org_id', '=', f.orgId).where('n.performed_at', '>=', f.start).where('n.performed_at', '<', f.end);
  if (f.scopePath) out = out.where('n.unit_path', 'like', `${f.scopePath}%`);
  if (f.unitPath) out = out.where('n.unit_path', 'like', `${f.unitPath}%`);
  if (f.templateCode) out = out.where('n.template_code', '=', f.templateCode);
  return out;
}

/** The scores of the inspections in range (one row each; the months are cut in local time by the service). */
export async function findScores(db: Executor, f: ResultFilter) {
  const rows = await inRange(db.selectFrom('inspections as n').leftJoin('units as u', 'u.id', 'n.unit_id').select(['n.unit_id', 'u.code as unit_code', 'u.name as unit_name', 'n.performed_at', 'n.score_milli', 'n.max_milli', 'n.vetoed']), f).execute();
  return rows.map((r) => ({ unitId: r.unit_id, unitCode: r.unit_code, unitName: r.unit_name, performedAt: Number(r.performed_at), scoreMilli: Number(r.score_milli), maxMilli: Number(r.max_milli), vetoed: Number(r.vetoed) === 1 }));
}

/** 高频问题: findings per template item in range, most frequent first, with the units they were found at. */
export async function findTopFindings(db: Executor, f: ResultFilter, limit: number) {
  const rows = await inRange(
    db
      .selectFrom('inspection_items as i')
      .innerJoin('inspections as n', 'n.id', 'i.inspection_id')
      .select(['n.template_code', 'i.item', sql<number>`count(*)`.as('findings'), sql<number>`count(distinct n.unit_id)`.as('units'), sql<number>`max(n.template_version)`.as('version'), sql<number>`sum(i.veto)`.as('vetoes')])
      .where('i.finding', '=', 1),
    f,
  )
    .groupBy(['n.template_code', 'i.item'])
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('n.template_code')
    .orderBy('i.item')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ templateCode: r.template_code, item: r.item, findings: Number(r.findings), units: Number(r.units), version: Number(r.version), vetoes: Number(r.vetoes) }));
}

/**
 * The rectification cases opened from findings whose deadline (the case's `clock` clock) falls in
 * [dueFrom, dueTo), in scope: when due, and when the case closed.
 */
export async function findRectificationDeadlines(db: Executor, f: Omit<ResultFilter, 'start' | 'end'> & { dueFrom: number; dueTo: number; clock: string }) {
  let q = db
    .selectFrom('inspection_items as i')
    .innerJoin('inspections as n', 'n.id', 'i.inspection_id')
    .innerJoin('cases as c', 'c.id', 'i.case_id')
    .innerJoin('case_clocks as k', (j) => j.onRef('k.case_id', '=', 'c.id').on('k.clock_id', '=', f.clock))
    .select(['c.id', 'c.closed_at', 'k.due_at'])
    .where('n.org_id', '=', f.orgId)
    .where('k.due_at', '>=', f.dueFrom)
    .where('k.due_at', '<', f.dueTo);
  if (f.scopePath) q = q.where('n.unit_path', 'like', `${f.scopePath}%`);
  if (f.unitPath) q = q.where('n.unit_path', 'like', `${f.unitPath}%`);
  if (f.templateCode) q = q.where('n.template_code', '=', f.templateCode);
  const rows = await q.execute();
  return rows.map((r) => ({ caseId: r.id, dueAt: Number(r.due_at), closedAt: r.closed_at === null ? null : Number(r.closed_at) }));
}
