import { sql } from 'kysely';
import type { Executor } from '../../shared/context.js';
import type { DialectName } from '../../db/dialect.js';
import { levelCountColumns, levelCountsOf } from '../../shared/level-counts.js';

/**
 * Dashboard aggregates: SQL `group by` over indexed columns, organisation-wide and per unit
 * (unit id and the unit path stored on the row); the service keeps the groups in the caller's
 * subtree. Index use (migration 0007_dashboard): cases (org_id, type, received_at, …) covers the
 * monthly counts; case_clocks (org_id, clock_id, due_at, stopped_at) the reply deadlines due in a
 * month and (org_id, clock_id, stopped_at, due_at) the clocks running now.
 */

export interface UnitGroup {
  unit_id: string | null;
  unit_path: string;
}

const n = (v: unknown) => Number(v ?? 0);

/** Complaints received in [start, end), per unit and category; with `registeredSince`, only those registered at or after it. */
export async function complaintsReceived(db: Executor, orgId: string, start: number, end: number, registeredSince?: number) {
  const rows = await db
    .selectFrom('cases')
    .select(['unit_id', 'unit_path', 'category', (eb) => eb.fn.countAll().as('n')])
    .where('org_id', '=', orgId)
    .$if(registeredSince !== undefined, (q) => q.where('created_at', '>=', registeredSince!))
    .where('type', '=', 'complaint')
    .where('received_at', '>=', start)
    .where('received_at', '<', end)
    .groupBy(['unit_id', 'unit_path', 'category'])
    .execute();
  return rows.map((r) => ({ unit_id: r.unit_id, unit_path: r.unit_path, category: r.category, n: n(r.n) }));
}

/**
 * Reply clocks of complaints due in [start, end) and decided at `now` (stopped, or past due),
 * per unit; `met` = stopped at or before the due instant (the `met` badge of cases/view.ts).
 */
export async function replyDeadlines(db: Executor, orgId: string, start: number, end: number, now: number) {
  const rows = await db
    .selectFrom('case_clocks as k')
    .innerJoin('cases as c', 'c.id', 'k.case_id')
    .select([
      'c.unit_id',
      'c.unit_path',
      (eb) => eb.fn.countAll().as('decided'),
      sql<number>`sum(case when k.stopped_at is not null and k.stopped_at <= k.due_at then 1 else 0 end)`.as('met'),
    ])
    .where('k.org_id', '=', orgId)
    .where('k.clock_id', '=', 'reply')
    .where('k.due_at', '>=', start)
    .where('k.due_at', '<', end)
    .where((eb) => eb.or([eb('k.stopped_at', 'is not', null), eb.and([eb('k.due_at', '<', now), eb('k.paused_at', 'is', null)])]))
    .where('c.type', '=', 'complaint')
    .groupBy(['c.unit_id', 'c.unit_path'])
    .execute();
  return rows.map((r) => ({ unit_id: r.unit_id, unit_path: r.unit_path, decided: n(r.decided), met: n(r.met) }));
}

/**
 * Complaints whose reply clock runs past its due instant now (超期), and past the severe instant
 * (严重超期), per unit; with `prefix`, only the units of that subtree.
 * - A subtree: the overdue clocks (a few thousand at a million cases, index-only) are set apart
 *   first, then met with the subtree's complaints (on PostgreSQL an index on the unit path,
 *   migration 0032): a window's subtree reads a few hundred pages, not a case per overdue clock.
 * - Everything: each overdue clock looks up its case by id; on PostgreSQL behind LATERAL … OFFSET 0,
 *   so the planner cannot turn it into a hash join that reads every case of the organisation (it
 *   did, from some statistics, at a million cases: 1.5 s instead of milliseconds).
 */
export async function overdueNow(db: Executor, orgId: string, now: number, options: { dialect?: DialectName; prefix?: string | null } = {}) {
  const severe = sql<number>`sum(case when k.severe_at < ${now} then 1 else 0 end)`.as('severe');
  const overdueClocks = db
    .selectFrom('case_clocks')
    .select(['case_id', 'severe_at'])
    .where('org_id', '=', orgId)
    .where('clock_id', '=', 'reply')
    .where('stopped_at', 'is', null)
    .where('paused_at', 'is', null) // waiting for the complainant is not late (cases/view.ts)
    .where('due_at', '<', now);
  let rows;
  if (options.prefix) {
    rows = await db
      .with((cte) => cte('k').materialized(), () => overdueClocks)
      .selectFrom('k')
      .innerJoin('cases as c', 'c.id', 'k.case_id')
      .select(['c.unit_id', 'c.unit_path', (eb) => eb.fn.countAll().as('overdue'), severe])
      .where('c.org_id', '=', orgId)
      .where('c.type', '=', 'complaint')
      .where('c.unit_path', 'like', `${options.prefix}%`)
      .groupBy(['c.unit_id', 'c.unit_path'])
      .execute();
  } else {
    const byId =
      options.dialect === 'postgres'
        ? db.selectFrom(overdueClocks.as('k')).innerJoinLateral(
            (eb) => eb.selectFrom('cases').select(['cases.unit_id', 'cases.unit_path', 'cases.type']).whereRef('cases.id', '=', 'k.case_id').offset(0).as('c'),
            (join) => join.onTrue(),
          )
        : db.selectFrom(overdueClocks.as('k')).innerJoin('cases as c', 'c.id', 'k.case_id');
    rows = await byId
      .select(['c.unit_id', 'c.unit_path', (eb) => eb.fn.countAll().as('overdue'), severe])
      .where('c.type', '=', 'complaint')
      .groupBy(['c.unit_id', 'c.unit_path'])
      .execute();
  }
  return rows.map((r) => ({ unit_id: r.unit_id, unit_path: r.unit_path, overdue: n(r.overdue), severe: n(r.severe) }));
}

/**
 * The same two counts for the whole organisation from the clocks alone (covering index, no join):
 * valid only while 'reply' is a clock of complaints and no other case type (service.ts checks the pack).
 */
export async function replyDeadlineTotals(db: Executor, orgId: string, start: number, end: number, now: number) {
  const r = await db
    .selectFrom('case_clocks as k')
    .select([(eb) => eb.fn.countAll().as('decided'), sql<number>`sum(case when k.stopped_at is not null and k.stopped_at <= k.due_at then 1 else 0 end)`.as('met')])
    .where('k.org_id', '=', orgId)
    .where('k.clock_id', '=', 'reply')
    .where('k.due_at', '>=', start)
    .where('k.due_at', '<', end)
    .where((eb) => eb.or([eb('k.stopped_at', 'is not', null), eb.and([eb('k.due_at', '<', now), eb('k.paused_at', 'is', null)])]))
    .executeTakeFirst();
  return { decided: n(r?.decided), met: n(r?.met) };
}

export async function overdueTotals(db: Executor, orgId: string, now: number) {
  const r = await db
    .selectFrom('case_clocks as k')
    .select([(eb) => eb.fn.countAll().as('overdue'), sql<number>`sum(case when k.severe_at < ${now} then 1 else 0 end)`.as('severe')])
    .where('k.org_id', '=', orgId)
    .where('k.clock_id', '=', 'reply')
    .where('k.stopped_at', 'is', null)
    .where('k.paused_at', 'is', null) // waiting for the complainant is not late (cases/view.ts)
    .where('k.due_at', '<', now)
    .executeTakeFirst();
  return { overdue: n(r?.overdue), severe: n(r?.severe) };
}

/** Channels of rectification cases opened by a 差评 (ratings/service.ts openRectification). */
export const ratingRectificationChannels = ['rating_link', 'rating_qr'];

/** 差评整改 cases opened for ratings given in [start, end) (received_at = rated_at), per unit and status. */
export async function rectifications(db: Executor, orgId: string, start: number, end: number) {
  const rows = await db
    .selectFrom('cases')
    .select(['unit_id', 'unit_path', 'status', (eb) => eb.fn.countAll().as('n')])
    .where('org_id', '=', orgId)
    .where('type', '=', 'rectification')
    .where('received_at', '>=', start)
    .where('received_at', '<', end)
    .where('channel', 'in', ratingRectificationChannels)
    .groupBy(['unit_id', 'unit_path', 'status'])
    .execute();
  return rows.map((r) => ({ unit_id: r.unit_id, unit_path: r.unit_path, status: r.status, n: n(r.n) }));
}

const levelSums = levelCountColumns.map((c) => sql<number>`sum(${sql.ref(c)})`.as(c));

/** 好差评 rollups summed across slots, staff and days (ratings/repository.ts sumRollups), per unit and stored path. */
export async function rollupsByUnit(db: Executor, orgId: string, from: string, to: string) {
  const rows = await db
    .selectFrom('rating_rollups')
    .select(['unit_id', 'unit_path', ...levelSums])
    .where('org_id', '=', orgId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .groupBy(['unit_id', 'unit_path'])
    .execute();
  return rows.map((r) => ({ unit_id: r.unit_id as string | null, unit_path: r.unit_path, ...levelCountsOf(r) }));
}

/** Clients served per unit: the unit's own total (staff_id = ''), as sumServed reports it. */
export async function servedByUnit(db: Executor, orgId: string, from: string, to: string) {
  const rows = await db
    .selectFrom('served_counts')
    .select(['unit_id', 'unit_path', sql<number>`sum(served)`.as('served')])
    .where('org_id', '=', orgId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .where('staff_id', '=', '')
    .groupBy(['unit_id', 'unit_path'])
    .execute();
  return rows.map((r) => ({ unit_id: r.unit_id as string | null, unit_path: r.unit_path, served: n(r.served) }));
}

export async function unitsOfOrg(db: Executor, orgId: string) {
  return db.selectFrom('units').select(['id', 'code', 'name', 'kind', 'path', 'sort_order']).where('org_id', '=', orgId).orderBy('path').execute();
}

/** Complaints closed (办结) in [start, end), per unit. */
export async function complaintsClosed(db: Executor, orgId: string, start: number, end: number) {
  const rows = await db
    .selectFrom('cases')
    .select(['unit_id', 'unit_path', (eb) => eb.fn.countAll().as('n')])
    .where('org_id', '=', orgId)
    .where('type', '=', 'complaint')
    .where('closed_at', '>=', start)
    .where('closed_at', '<', end)
    .groupBy(['unit_id', 'unit_path'])
    .execute();
  return rows.map((r) => ({ unit_id: r.unit_id, unit_path: r.unit_path, n: n(r.n) }));
}
