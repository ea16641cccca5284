import { sql } from 'kysely';
import type { Executor } from '../../shared/context.js';

/** Export pages: keyset pagination in (received_at, id) / (rated_date, id) order, 1000 rows at a time. */
export const pageSize = 1000;

export interface CasePageFilter {
  orgId: string;
  start: number;
  end: number;
  type?: string;
  prefix: string | null;
  after: { at: number; id: string } | null;
}

export async function casePage(db: Executor, f: CasePageFilter) {
  let q = db
    .selectFrom('cases as c')
    .leftJoin('units as u', 'u.id', 'c.unit_id')
    .leftJoin('staff as s', 's.id', 'c.staff_id')
    .select(['c.id', 'c.type', 'c.tracking_no', 'c.channel', 'c.category', 'c.status', 'c.title', 'c.content', 'c.contact', 'c.data', 'c.received_at', 'c.closed_at', 'u.name as unit_name', 's.name as staff_name'])
    .where('c.org_id', '=', f.orgId)
    .where('c.received_at', '>=', f.start)
    .where('c.received_at', '<', f.end);
  if (f.type) q = q.where('c.type', '=', f.type);
  if (f.prefix) q = q.where('c.unit_path', 'like', `${f.prefix}%`);
  const after = f.after;
  if (after) q = q.where((eb) => eb.or([eb('c.received_at', '>', after.at), eb.and([eb('c.received_at', '=', after.at), eb('c.id', '>', after.id)])]));
  return q.orderBy('c.received_at').orderBy('c.id').limit(pageSize).execute();
}

export async function clocksOf(db: Executor, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  return db.selectFrom('case_clocks').select(['case_id', 'clock_id', 'due_at', 'due_date', 'stopped_at', 'pending_year']).where('case_id', 'in', caseIds).execute();
}

/** 首次响应: the first timeline event after registration made by a person (not the system, the public or the sweep). */
export async function firstResponses(db: Executor, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  return db
    .selectFrom('case_events')
    .select(['case_id', sql<number>`min(at)`.as('at')])
    .where('case_id', 'in', caseIds)
    .where('action', '!=', 'register')
    .where('actor_id', 'is not', null)
    .groupBy('case_id')
    .execute();
}

export interface RatingPageFilter {
  orgId: string;
  from: string;
  to: string;
  prefix: string | null;
  after: { date: string; id: string } | null;
}

export async function ratingPage(db: Executor, f: RatingPageFilter) {
  let q = db
    .selectFrom('ratings as r')
    .leftJoin('units as u', 'u.id', 'r.unit_id')
    .leftJoin('staff as s', 's.id', 'r.staff_id')
    .select(['r.id', 'r.rated_date', 'r.rated_at', 'r.level', 'r.reasons', 'r.comment', 'r.source', 'r.excluded', 'u.name as unit_name', 's.name as staff_name'])
    .where('r.org_id', '=', f.orgId)
    .where('r.rated_date', '>=', f.from)
    .where('r.rated_date', '<=', f.to);
  if (f.prefix) q = q.where('r.unit_path', 'like', `${f.prefix}%`);
  const after = f.after;
  if (after) q = q.where((eb) => eb.or([eb('r.rated_date', '>', after.date), eb.and([eb('r.rated_date', '=', after.date), eb('r.id', '>', after.id)])]));
  return q.orderBy('r.rated_date').orderBy('r.id').limit(pageSize).execute();
}

export interface InspectionPageFilter {
  orgId: string;
  start: number;
  end: number;
  prefix: string | null;
  after: { at: number; id: string } | null;
}

/** Inspections performed in the range, in (performed_at, id) order. */
export async function inspectionPage(db: Executor, f: InspectionPageFilter) {
  let q = db
    .selectFrom('inspections as n')
    .leftJoin('units as u', 'u.id', 'n.unit_id')
    .leftJoin('staff as s', 's.id', 'n.staff_id')
    .select(['n.id', 'n.performed_at', 'n.template_code', 'n.template_version', 'n.kind', 'n.inspector_label', 'n.score_milli', 'n.max_milli', 'n.vetoed', 'n.signer_name', 'u.name as unit_name', 's.name as staff_name'])
    .select((eb) => eb.selectFrom('inspection_items as i').select((e) => e.fn.countAll<number>().as('n')).whereRef('i.inspection_id', '=', 'n.id').where('i.finding', '=', 1).as('findings'))
    .where('n.org_id', '=', f.orgId)
    .where('n.performed_at', '>=', f.start)
    .where('n.performed_at', '<', f.end);
  if (f.prefix) q = q.where('n.unit_path', 'like', `${f.prefix}%`);
  const after = f.after;
  if (after) q = q.where((eb) => eb.or([eb('n.performed_at', '>', after.at), eb.and([eb('n.performed_at', '=', after.at), eb('n.id', '>', after.id)])]));
  return q.orderBy('n.performed_at').orderBy('n.id').limit(pageSize).execute();
}

/** Findings of the inspections performed in the range, with their rectification case, in (performed_at, inspection, position) order. */
export async function findingPage(db: Executor, f: Omit<InspectionPageFilter, 'after'> & { after: { at: number; id: string; position: number } | null }) {
  let q = db
    .selectFrom('inspection_items as i')
    .innerJoin('inspections as n', 'n.id', 'i.inspection_id')
    .leftJoin('units as u', 'u.id', 'n.unit_id')
    .leftJoin('staff as s', 's.id', 'n.staff_id')
    .leftJoin('cases as c', 'c.id', 'i.case_id')
    .select(['n.id', 'n.performed_at', 'n.template_code', 'n.template_version', 'n.kind', 'u.name as unit_name', 's.name as staff_name'])
    .select(['i.position', 'i.item', 'i.section', 'i.deduction_milli', 'i.cases', 'i.failed', 'i.veto', 'i.note', 'i.half_hearted', 'c.tracking_no', 'c.type as case_type', 'c.status as case_status', 'c.closed_at as case_closed_at'])
    .where('n.org_id', '=', f.orgId)
    .where('n.performed_at', '>=', f.start)
    .where('n.performed_at', '<', f.end)
    .where('i.finding', '=', 1);
  if (f.prefix) q = q.where('n.unit_path', 'like', `${f.prefix}%`);
  const after = f.after;
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('n.performed_at', '>', after.at),
        eb.and([eb('n.performed_at', '=', after.at), eb('n.id', '>', after.id)]),
        eb.and([eb('n.performed_at', '=', after.at), eb('n.id', '=', after.id), eb('i.position', '>', after.position)]),
      ]),
    );
  }
  return q.orderBy('n.performed_at').orderBy('n.id').orderBy('i.position').limit(pageSize).execute();
}
