/**
 * The SQL behind the appraisal facts (个人考核的实测数据): one set-based query per source for every
 * person of the organisation at once — never one per person. Each reads other modules' tables
 * (ratings' rollups, incidents, inspections, sanctions, cases and their clocks, campaigns) and
 * writes nothing. `staff` narrows a query when the caller asked for a few people; for many the
 * organisation is read whole and the caller keeps the people it wants (a list of thousands of
 * ids is no better than the index on the organisation).
 */
import { sql, type SqlBool, type Expression } from 'kysely';
import type { Executor } from '../../shared/context.js';

const num = (v: unknown) => Number(v ?? 0);

/** Up to this many ids are sent as `in (…)`; more, and the query reads the organisation. */
const maxIdsInQuery = 500;

/** The ids worth naming in a query (null: read the whole organisation). */
export function idsForQuery(staffIds: readonly string[] | undefined): string[] | null {
  return staffIds && staffIds.length <= maxIdsInQuery ? [...staffIds] : null;
}

function staffIn(column: string, ids: string[] | null): Expression<SqlBool> {
  if (ids === null) return sql<SqlBool>`1 = 1`;
  if (ids.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`${sql.ref(column)} in (${sql.join(ids)})`;
}

/** The sector and overrides of the organisation (its policy pack is resolved from them). */
export async function findOrganisationPolicy(db: Executor, orgId: string) {
  return db.selectFrom('organisations').select(['sector', 'policy_overrides']).where('id', '=', orgId).executeTakeFirst();
}

/**
 * The people whose sheets are filled: the active staff of the organisation, or the ids asked for
 * (active or not — a sheet may be filled for someone who left during the period), with their
 * primary unit and its path.
 */
export async function findStaff(db: Executor, orgId: string, staffIds: string[] | null, wanted: readonly string[] | undefined) {
  const rows = await db
    .selectFrom('staff as s')
    .leftJoin('staff_units as su', (j) => j.onRef('su.staff_id', '=', 's.id').on('su.is_primary', '=', 1))
    .leftJoin('units as u', 'u.id', 'su.unit_id')
    .select(['s.id', 's.active', 'su.unit_id', 'u.path as unit_path'])
    .where('s.org_id', '=', orgId)
    .where(staffIn('s.id', staffIds))
    .execute();
  const ask = wanted ? new Set(wanted) : null;
  return rows
    .filter((r) => (ask ? ask.has(r.id) : num(r.active) === 1))
    .map((r) => ({ id: r.id, unitId: r.unit_id ?? null, unitPath: r.unit_path ?? null }));
}

/** When each of these closed months of ratings was materialised (migration 0015). */
export async function findRatingMonthStamps(db: Executor, orgId: string, months: readonly string[]) {
  if (months.length === 0) return [];
  const rows = await db.selectFrom('rating_month_stamps').select(['month', 'computed_at']).where('org_id', '=', orgId).where('month', 'in', [...months]).execute();
  return rows.map((r) => ({ month: r.month, computedAt: num(r.computed_at) }));
}

export interface StaffLevelSums {
  staffId: string;
  c1: number;
  c2: number;
  c3: number;
  c4: number;
  c5: number;
}

/**
 * 好差评 per person: level counts summed over the daily rollups of [from, to] (dates) or the
 * materialised months [from, to] (YYYY-MM). Rows without a person (staff_id '') are the window's.
 */
export async function sumLevelsByStaff(db: Executor, orgId: string, source: 'days' | 'months', from: string, to: string, staffIds: string[] | null): Promise<StaffLevelSums[]> {
  const table = source === 'days' ? 'rating_rollups' : 'rating_month_rollups';
  const period = source === 'days' ? 'date' : 'month';
  const rows = await db
    .selectFrom(table as 'rating_rollups')
    .select(['staff_id', sql<number>`sum(c1)`.as('c1'), sql<number>`sum(c2)`.as('c2'), sql<number>`sum(c3)`.as('c3'), sql<number>`sum(c4)`.as('c4'), sql<number>`sum(c5)`.as('c5')])
    .where('org_id', '=', orgId)
    .where(sql.ref(period), '>=', from)
    .where(sql.ref(period), '<=', to)
    .where('staff_id', '<>', '')
    .where(staffIn('staff_id', staffIds))
    .groupBy('staff_id')
    .execute();
  return rows.map((r) => ({ staffId: r.staff_id, c1: num(r.c1), c2: num(r.c2), c3: num(r.c3), c4: num(r.c4), c5: num(r.c5) }));
}

/** Clients served per person (the counts reported with a staff id), from the days or the closed months. */
export async function sumServedByStaff(db: Executor, orgId: string, source: 'days' | 'months', from: string, to: string, staffIds: string[] | null) {
  const table = source === 'days' ? 'served_counts' : 'served_month_counts';
  const period = source === 'days' ? 'date' : 'month';
  const rows = await db
    .selectFrom(table as 'served_counts')
    .select(['staff_id', sql<number>`sum(served)`.as('served')])
    .where('org_id', '=', orgId)
    .where(sql.ref(period), '>=', from)
    .where(sql.ref(period), '<=', to)
    .where('staff_id', '<>', '')
    .where(staffIn('staff_id', staffIds))
    .groupBy('staff_id')
    .execute();
  return rows.map((r) => ({ staffId: r.staff_id, served: num(r.served) }));
}

/**
 * Verified complaints against people that occurred in [start, end) (incident kind
 * verified_complaint, state verified), with the complaint case they came from when there is one.
 */
export async function findVerifiedComplaints(db: Executor, orgId: string, start: number, end: number, staffIds: string[] | null) {
  const rows = await db
    .selectFrom('incidents as i')
    .leftJoin('cases as c', (j) => j.onRef('c.id', '=', 'i.source_id').on('i.source_type', '=', 'complaint'))
    .select(['i.id', 'i.staff_id', 'i.occurred_at', 'i.summary', 'c.id as case_id', 'c.tracking_no', 'c.title'])
    .where('i.org_id', '=', orgId)
    .where('i.kind', '=', 'verified_complaint')
    .where('i.state', '=', 'verified')
    .where('i.staff_id', 'is not', null)
    .where('i.occurred_at', '>=', start)
    .where('i.occurred_at', '<', end)
    .where(staffIn('i.staff_id', staffIds))
    .orderBy('i.occurred_at')
    .orderBy('i.id')
    .execute();
  return rows.map((r) => ({ id: r.id, staffId: r.staff_id!, occurredAt: num(r.occurred_at), summary: r.summary, caseId: r.case_id ?? null, trackingNo: r.tracking_no ?? null, title: r.title ?? null }));
}

/**
 * The inspections of named people performed in [start, end): the points their items took off
 * (whole thousandths) and whether a veto item failed (一票否决).
 */
export async function findInspectionsOfStaff(db: Executor, orgId: string, start: number, end: number, staffIds: string[] | null) {
  const rows = await db
    .selectFrom('inspections as n')
    .leftJoin('inspection_items as i', 'i.inspection_id', 'n.id')
    .select(['n.id', 'n.staff_id', 'n.performed_at', 'n.template_code', 'n.vetoed', sql<number>`coalesce(sum(i.deduction_milli), 0)`.as('deducted_milli')])
    .where('n.org_id', '=', orgId)
    .where('n.staff_id', 'is not', null)
    .where('n.performed_at', '>=', start)
    .where('n.performed_at', '<', end)
    .where(staffIn('n.staff_id', staffIds))
    .groupBy(['n.id', 'n.staff_id', 'n.performed_at', 'n.template_code', 'n.vetoed'])
    .orderBy('n.performed_at')
    .orderBy('n.id')
    .execute();
  return rows.map((r) => ({ id: r.id, staffId: r.staff_id!, performedAt: num(r.performed_at), templateCode: r.template_code, vetoed: num(r.vetoed) === 1, deductedMilli: num(r.deducted_milli) }));
}

/**
 * 一票否决 recorded in the incident file by hand (verified, occurred in [start, end)): those fed by
 * an inspection are already the inspection's veto and are not counted twice.
 */
export async function findVetoIncidents(db: Executor, orgId: string, start: number, end: number, staffIds: string[] | null) {
  const rows = await db
    .selectFrom('incidents')
    .select(['id', 'staff_id', 'occurred_at', 'summary'])
    .where('org_id', '=', orgId)
    .where('kind', '=', 'veto')
    .where('state', '=', 'verified')
    .where('staff_id', 'is not', null)
    .where((eb) => eb.or([eb('source_type', 'is', null), eb('source_type', '<>', 'inspection')]))
    .where('occurred_at', '>=', start)
    .where('occurred_at', '<', end)
    .where(staffIn('staff_id', staffIds))
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, staffId: r.staff_id!, occurredAt: num(r.occurred_at), summary: r.summary }));
}

/** Sanctions of people that became final in [start, end) (an appealed, revoked or pending one is not final). */
export async function findFinalSanctions(db: Executor, orgId: string, start: number, end: number, staffIds: string[] | null) {
  const rows = await db
    .selectFrom('sanctions')
    .select(['id', 'staff_id', 'direction', 'amount_fen', 'rule_code', 'evaluation', 'final_at'])
    .where('org_id', '=', orgId)
    .where('status', '=', 'final')
    .where('target_kind', '=', 'person')
    .where('staff_id', 'is not', null)
    .where('final_at', '>=', start)
    .where('final_at', '<', end)
    .where(staffIn('staff_id', staffIds))
    .orderBy('final_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, staffId: r.staff_id!, direction: r.direction, amountFen: num(r.amount_fen), ruleCode: r.rule_code, evaluation: r.evaluation, finalAt: num(r.final_at) }));
}

/**
 * The clocks people answer for whose due instant falls in [start, end): every follow-up's due
 * clock (回访/随访) and a repair's callback clock (报修回访), charged to the person whose login the
 * case is assigned to.
 */
export async function findFollowUpClocks(db: Executor, orgId: string, start: number, end: number, staffIds: string[] | null) {
  const rows = await db
    .selectFrom('case_clocks as k')
    .innerJoin('cases as c', 'c.id', 'k.case_id')
    .innerJoin('users as u', 'u.id', 'c.assignee_id')
    .selectAll('k')
    .select(['c.type', 'c.tracking_no', 'c.title', 'u.staff_id'])
    .where('k.org_id', '=', orgId)
    .where((eb) => eb.or([eb('c.type', '=', 'follow_up'), eb.and([eb('c.type', '=', 'repair'), eb('k.clock_id', '=', 'callback')])]))
    .where('k.due_at', '>=', start)
    .where('k.due_at', '<', end)
    .where('u.staff_id', 'is not', null)
    .where(staffIn('u.staff_id', staffIds))
    .orderBy('k.due_at')
    .orderBy('k.case_id')
    .execute();
  return rows.map(({ type, tracking_no, title, staff_id, ...clock }) => ({ clock, type, trackingNo: tracking_no, title, staffId: staff_id! }));
}

/**
 * The deliverables of campaign units due on a date in [from, to] (campaigns past their draft),
 * with the date each was received, if it was.
 */
export async function findDeliverablesDue(db: Executor, orgId: string, from: string, to: string) {
  const rows = await db
    .selectFrom('campaign_tasks as t')
    .innerJoin('campaigns as c', 'c.id', 't.campaign_id')
    .innerJoin('campaign_units as cu', 'cu.campaign_id', 'c.id')
    .leftJoin('campaign_submissions as s', (j) => j.onRef('s.task_id', '=', 't.id').onRef('s.unit_id', '=', 'cu.unit_id'))
    .select(['t.id as task_id', 't.label_zh', 't.due_on', 'c.title', 'cu.unit_id', 'cu.unit_path', 's.received_on', 's.late_days'])
    .where('c.org_id', '=', orgId)
    .where('c.status', '<>', 'draft')
    .where('t.due_on', '>=', from)
    .where('t.due_on', '<=', to)
    .orderBy('t.due_on')
    .orderBy('t.id')
    .execute();
  return rows.map((r) => ({ taskId: r.task_id, task: r.label_zh, dueOn: r.due_on, campaign: r.title, unitId: r.unit_id, unitPath: r.unit_path, receivedOn: r.received_on ?? null, lateDays: r.late_days === null ? null : num(r.late_days) }));
}
