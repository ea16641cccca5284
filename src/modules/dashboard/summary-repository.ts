import { sql, type Kysely } from 'kysely';
import type { Executor } from '../../shared/context.js';
import type { Database, DashboardMonthRectificationsTable } from '../../db/types.js';
import { chunks } from '../../db/chunks.js';
import { levelCountsOf, type LevelCountRow } from '../../shared/level-counts.js';

/** Tables of migration 0007_dashboard (kept here: only this module reads or writes them). */
export interface DashboardMonthUnitsTable extends LevelCountRow {
  org_id: string;
  month: string;
  unit_id: string;
  unit_path: string;
  received: number;
  reply_decided: number;
  reply_met: number;
  served: number | null;
}

export interface DashboardMonthStampsTable {
  org_id: string;
  month: string;
  cases_stamp: number;
  served_stamp: number;
  computed_at: number;
}

interface SummaryDatabase extends Database {
  dashboard_month_units: DashboardMonthUnitsTable;
  dashboard_month_stamps: DashboardMonthStampsTable;
}

const typed = (db: Executor) => db as unknown as Kysely<SummaryDatabase>;
const num = (v: unknown) => Number(v ?? 0);

/** The newest change to the organisation's cases and served counts (index (org_id, updated_at)). */
export async function currentStamps(db: Executor, orgId: string): Promise<{ cases: number; served: number }> {
  const [c, s] = await Promise.all([
    db.selectFrom('cases').select(sql<number>`max(updated_at)`.as('m')).where('org_id', '=', orgId).executeTakeFirst(),
    db.selectFrom('served_counts').select(sql<number>`max(updated_at)`.as('m')).where('org_id', '=', orgId).executeTakeFirst(),
  ]);
  return { cases: num(c?.m), served: num(s?.m) };
}

/** The earliest receipt among cases changed after `stamp` (null: none changed). */
export async function earliestReceiptChangedSince(db: Executor, orgId: string, stamp: number): Promise<number | null> {
  const r = await db.selectFrom('cases').select(sql<number>`min(received_at)`.as('m')).where('org_id', '=', orgId).where('updated_at', '>', stamp).executeTakeFirst();
  return r?.m === null || r?.m === undefined ? null : num(r.m);
}

/** The earliest date among served counts changed after `stamp` (null: none changed). */
export async function earliestServedDateChangedSince(db: Executor, orgId: string, stamp: number): Promise<string | null> {
  const r = await db.selectFrom('served_counts').select(sql<string>`min(date)`.as('m')).where('org_id', '=', orgId).where('updated_at', '>', stamp).executeTakeFirst();
  return r?.m ?? null;
}

export async function findStamps(db: Executor, orgId: string, months: string[]) {
  if (months.length === 0) return [];
  const rows = await typed(db).selectFrom('dashboard_month_stamps').selectAll().where('org_id', '=', orgId).where('month', 'in', months).execute();
  return rows.map((r) => ({ month: r.month, cases_stamp: num(r.cases_stamp), served_stamp: num(r.served_stamp), computed_at: num(r.computed_at) }));
}

export async function findMonthUnits(db: Executor, orgId: string, months: string[]) {
  if (months.length === 0) return [];
  const rows = await typed(db).selectFrom('dashboard_month_units').selectAll().where('org_id', '=', orgId).where('month', 'in', months).execute();
  return rows.map((r) => ({
    ...r,
    received: num(r.received),
    reply_decided: num(r.reply_decided),
    reply_met: num(r.reply_met),
    ...levelCountsOf(r),
    served: r.served === null ? null : num(r.served),
  }));
}

export async function findMonthRectifications(db: Executor, orgId: string, month: string) {
  const rows = await db.selectFrom('dashboard_month_rectifications').select(['unit_id', 'unit_path', 'status', 'n']).where('org_id', '=', orgId).where('month', '=', month).execute();
  return rows.map((r) => ({ unit_id: r.unit_id === '' ? null : r.unit_id, unit_path: r.unit_path, status: r.status, n: num(r.n) }));
}

/** Replaces a month's materialised rows and stamp (inside the caller's transaction). */
export async function replaceMonth(trx: Executor, orgId: string, month: string, rows: DashboardMonthUnitsTable[], rectifications: DashboardMonthRectificationsTable[], stamp: DashboardMonthStampsTable) {
  const db = typed(trx);
  await db.deleteFrom('dashboard_month_units').where('org_id', '=', orgId).where('month', '=', month).execute();
  await db.deleteFrom('dashboard_month_rectifications').where('org_id', '=', orgId).where('month', '=', month).execute();
  for (const some of chunks(rows)) await db.insertInto('dashboard_month_units').values(some).execute();
  for (const some of chunks(rectifications)) await db.insertInto('dashboard_month_rectifications').values(some).execute();
  await db
    .insertInto('dashboard_month_stamps')
    .values(stamp)
    .onConflict((oc) => oc.columns(['org_id', 'month']).doUpdateSet({ cases_stamp: stamp.cases_stamp, served_stamp: stamp.served_stamp, computed_at: stamp.computed_at }))
    .execute();
}

/** Forgets the materialised months of an organisation (after writing activity back-dated into them). */
export async function deleteMonths(db: Executor, orgId: string) {
  await typed(db).deleteFrom('dashboard_month_stamps').where('org_id', '=', orgId).execute();
  await typed(db).deleteFrom('dashboard_month_units').where('org_id', '=', orgId).execute();
  await typed(db).deleteFrom('dashboard_month_rectifications').where('org_id', '=', orgId).execute();
}

/**
 * Claims a month for materialising until `until`, unless another node holds an unexpired claim
 * (compare-and-set on claimed_until): true when this node holds it.
 */
export async function claimMonth(db: Executor, orgId: string, month: string, node: string, now: number, until: number): Promise<boolean> {
  await db.insertInto('dashboard_month_claims').values({ org_id: orgId, month, claimed_by: null, claimed_until: 0 }).onConflict((oc) => oc.columns(['org_id', 'month']).doNothing()).execute();
  const r = await db
    .updateTable('dashboard_month_claims')
    .set({ claimed_by: node, claimed_until: until })
    .where('org_id', '=', orgId)
    .where('month', '=', month)
    .where('claimed_until', '<=', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Gives the claim back (only the node that holds it may). */
export async function releaseMonth(db: Executor, orgId: string, month: string, node: string) {
  await db.updateTable('dashboard_month_claims').set({ claimed_by: null, claimed_until: 0 }).where('org_id', '=', orgId).where('month', '=', month).where('claimed_by', '=', node).execute();
}
