import { sql, type Kysely } from 'kysely';
import type { Executor } from '../../shared/context.js';
import type { Database } from '../../db/types.js';
import type { DialectName } from '../../db/dialect.js';
import { chunks } from '../../db/chunks.js';
import { complaintsReceived } from './repository.js';

/** Tables of migration 0007_dashboard for the incremental received counts. */
interface ReceivedDatabase extends Database {
  dashboard_received: { org_id: string; month: string; unit_id: string; unit_path: string; category: string; n: number };
  dashboard_watermarks: { org_id: string; received_before: number };
}

const typed = (db: Executor) => db as unknown as Kysely<ReceivedDatabase>;
const num = (v: unknown) => Number(v ?? 0);
const DAY = 86_400_000;

export async function readWatermark(db: Executor, orgId: string): Promise<number> {
  const r = await typed(db).selectFrom('dashboard_watermarks').select('received_before').where('org_id', '=', orgId).executeTakeFirst();
  return num(r?.received_before);
}

/** The watermark row, locked for the rest of the transaction (PostgreSQL; SQLite has one writer). */
export async function lockWatermark(trx: Executor, dialect: DialectName, orgId: string): Promise<number> {
  const db = typed(trx);
  await db.insertInto('dashboard_watermarks').values({ org_id: orgId, received_before: 0 }).onConflict((oc) => oc.column('org_id').doNothing()).execute();
  let q = db.selectFrom('dashboard_watermarks').select('received_before').where('org_id', '=', orgId);
  if (dialect === 'postgres') q = q.forUpdate();
  return num((await q.executeTakeFirst())?.received_before);
}

export async function setWatermark(trx: Executor, orgId: string, value: number) {
  await typed(trx).updateTable('dashboard_watermarks').set({ received_before: value }).where('org_id', '=', orgId).execute();
}

/** Complaints registered in [from, to), per local day of receipt, unit and category. */
export async function registeredBetween(db: Executor, orgId: string, from: number, to: number, utcOffsetMinutes: number) {
  // Literals, not parameters: better-sqlite3 binds numbers as REAL, which would make this a fraction.
  const day = sql<number>`(received_at + ${sql.lit(Math.trunc(utcOffsetMinutes * 60_000))}) / ${sql.lit(DAY)}`;
  const rows = await db
    .selectFrom('cases')
    .select([day.as('day'), 'unit_id', 'unit_path', 'category', (eb) => eb.fn.countAll().as('n')])
    .where('org_id', '=', orgId)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .where('type', '=', 'complaint')
    .groupBy([day, 'unit_id', 'unit_path', 'category'])
    .execute();
  return rows.map((r) => ({ day: Math.floor(num(r.day)), unit_id: r.unit_id, unit_path: r.unit_path, category: r.category, n: num(r.n) }));
}

/** Adds counts (inside the caller's transaction). */
export async function addReceived(trx: Executor, rows: { org_id: string; month: string; unit_id: string; unit_path: string; category: string; n: number }[]) {
  const db = typed(trx);
  for (const some of chunks(rows, 500)) {
    await db
      .insertInto('dashboard_received')
      .values(some)
      .onConflict((oc) => oc.columns(['org_id', 'month', 'unit_id', 'unit_path', 'category']).doUpdateSet({ n: sql`dashboard_received.n + excluded.n` }))
      .execute();
  }
}

export async function readReceived(db: Executor, orgId: string, month: string) {
  const rows = await typed(db).selectFrom('dashboard_received').select(['unit_id', 'unit_path', 'category', 'n']).where('org_id', '=', orgId).where('month', '=', month).execute();
  return rows.map((r) => ({ unit_id: r.unit_id === '' ? null : r.unit_id, unit_path: r.unit_path, category: r.category === '' ? null : r.category, n: num(r.n) }));
}

/** Complaints received in [start, end) among those registered at or after `since`. */
export function receivedRegisteredSince(db: Executor, orgId: string, since: number, start: number, end: number) {
  return complaintsReceived(db, orgId, start, end, since);
}

export async function deleteReceived(db: Executor, orgId: string) {
  await typed(db).deleteFrom('dashboard_received').where('org_id', '=', orgId).execute();
  await typed(db).deleteFrom('dashboard_watermarks').where('org_id', '=', orgId).execute();
}
