import { sql, type Kysely } from 'kysely';
import type { Executor } from '../../shared/context.js';
import type { Database, RatingTokensTable, RatingsTable } from '../../db/types.js';
import type { DialectName } from '../../db/dialect.js';

export async function insertToken(db: Executor, row: RatingTokensTable) {
  await db.insertInto('rating_tokens').values(row).execute();
}

export async function findTokenByHash(db: Executor, hash: string) {
  return db.selectFrom('rating_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}

/** Compare-and-set: a token rates once, even when two submissions race. */
export async function useToken(db: Executor, id: string, now: number): Promise<boolean> {
  const r = await db.updateTable('rating_tokens').set({ used_at: now }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findRatingByIdempotencyKey(db: Executor, orgId: string, key: string) {
  return db.selectFrom('ratings').selectAll().where('org_id', '=', orgId).where('idempotency_key', '=', key).executeTakeFirst();
}

export async function insertRating(db: Executor, row: RatingsTable) {
  await db.insertInto('ratings').values(row).execute();
}

export async function findRating(db: Executor, id: string) {
  return db.selectFrom('ratings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setRatingCase(db: Executor, id: string, caseId: string) {
  await db.updateTable('ratings').set({ case_id: caseId }).where('id', '=', id).execute();
}

export async function markExcluded(db: Executor, id: string): Promise<boolean> {
  const r = await db.updateTable('ratings').set({ excluded: 1 }).where('id', '=', id).where('excluded', '=', 0).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

type Level = 1 | 2 | 3 | 4 | 5;

/** Rollup rows per window and day; statistics add them up. */
export const rollupSlots = 8;
const rollupSlot = () => Math.floor(Math.random() * rollupSlots);
const levelColumn = (level: Level) => `c${level}` as 'c1' | 'c2' | 'c3' | 'c4' | 'c5';

/** Adds one rating to its day's rollup (or moves it to `excluded` when an appeal is upheld). */
export async function bumpRollup(db: Executor, key: { org_id: string; unit_id: string; unit_path: string; staff_id: string; date: string }, level: Level, delta: 1 | -1) {
  const column = levelColumn(level);
  const excluded = delta === -1 ? 1 : 0;
  await db
    .insertInto('rating_rollups')
    .values({ ...key, slot: rollupSlot(), c1: 0, c2: 0, c3: 0, c4: 0, c5: 0, excluded, [column]: delta })
    .onConflict((oc) =>
      oc.columns(['org_id', 'unit_id', 'staff_id', 'date', 'slot']).doUpdateSet({
        [column]: sql`rating_rollups.${sql.ref(column)} + ${delta}`,
        excluded: sql`rating_rollups.excluded + ${excluded}`,
      }),
    )
    .execute();
}

export async function upsertServed(db: Executor, row: { org_id: string; unit_id: string; unit_path: string; staff_id: string; date: string; served: number; updated_at: number }) {
  await db
    .insertInto('served_counts')
    .values(row)
    .onConflict((oc) => oc.columns(['org_id', 'unit_id', 'staff_id', 'date']).doUpdateSet({ served: row.served, updated_at: row.updated_at }))
    .execute();
}

export type GroupBy = 'unit' | 'staff' | 'month' | 'none';

export interface StatsFilter {
  orgId: string;
  from: string;
  to: string;
  scopePath: string | null;
  unitPath?: string;
  staffId?: string;
  groupBy: GroupBy;
}

function groupKey(groupBy: GroupBy) {
  return groupBy === 'unit' ? sql<string>`unit_id` : groupBy === 'staff' ? sql<string>`staff_id` : groupBy === 'month' ? sql<string>`substr(date, 1, 7)` : sql<string>`'all'`;
}

/** Sums of the daily rollups per group: the statistics read these, never the raw ratings. */
export async function sumRollups(db: Executor, f: StatsFilter) {
  let q = db.selectFrom('rating_rollups').where('org_id', '=', f.orgId).where('date', '>=', f.from).where('date', '<=', f.to);
  if (f.scopePath) q = q.where('unit_path', 'like', `${f.scopePath}%`);
  if (f.unitPath) q = q.where('unit_path', 'like', `${f.unitPath}%`);
  if (f.staffId) q = q.where('staff_id', '=', f.staffId);
  if (f.groupBy === 'staff') q = q.where('staff_id', '!=', '');
  const key = groupKey(f.groupBy);
  return q
    .select([
      key.as('key'),
      sql<number>`sum(c1)`.as('c1'),
      sql<number>`sum(c2)`.as('c2'),
      sql<number>`sum(c3)`.as('c3'),
      sql<number>`sum(c4)`.as('c4'),
      sql<number>`sum(c5)`.as('c5'),
      sql<number>`sum(excluded)`.as('excluded'),
    ])
    // One group for the whole range: no GROUP BY (PostgreSQL refuses to group by a constant).
    .$if(f.groupBy !== 'none', (qb) => qb.groupBy(key))
    .execute();
}

/** Served counts per group: unit totals are reported without a staff id, staff totals with one. */
export async function sumServed(db: Executor, f: StatsFilter) {
  let q = db.selectFrom('served_counts').where('org_id', '=', f.orgId).where('date', '>=', f.from).where('date', '<=', f.to);
  if (f.scopePath) q = q.where('unit_path', 'like', `${f.scopePath}%`);
  if (f.unitPath) q = q.where('unit_path', 'like', `${f.unitPath}%`);
  q = f.groupBy === 'staff' || f.staffId ? q.where('staff_id', f.staffId ? '=' : '!=', f.staffId ?? '') : q.where('staff_id', '=', '');
  const key = groupKey(f.groupBy);
  return q
    .select([key.as('key'), sql<number>`sum(served)`.as('served')])
    .$if(f.groupBy !== 'none', (qb) => qb.groupBy(key))
    .execute();
}

/**
 * The common case — a rating with no token to spend and no case to open — in one round trip on
 * PostgreSQL (the insert and its rollup in one statement, so the hot rollup row is locked only
 * briefly); in a short transaction on SQLite, which has no data-modifying CTEs.
 */
export async function insertRatingCounted(db: Kysely<Database>, dialect: DialectName, row: RatingsTable) {
  if (dialect !== 'postgres') {
    await db.transaction().execute(async (trx) => {
      await insertRating(trx, row);
      await bumpRollup(trx, { org_id: row.org_id, unit_id: row.unit_id, unit_path: row.unit_path, staff_id: row.staff_id ?? '', date: row.rated_date }, row.level as Level, 1);
    });
    return;
  }
  const is = (n: number) => (row.level === n ? 1 : 0);
  await sql`
    with r as (
      insert into ratings (id, org_id, unit_id, unit_path, staff_id, service_item_id, source, token_id, level, indicators, reasons, comment, contact_name, contact_phone, idempotency_key, rated_at, rated_date, excluded, case_id)
      values (${row.id}, ${row.org_id}, ${row.unit_id}, ${row.unit_path}, ${row.staff_id}, ${row.service_item_id}, ${row.source}, ${row.token_id}, ${row.level}, ${row.indicators}, ${row.reasons}, ${row.comment}, ${row.contact_name}, ${row.contact_phone}, ${row.idempotency_key}, ${row.rated_at}, ${row.rated_date}, 0, null)
      returning 1
    )
    insert into rating_rollups (org_id, unit_id, unit_path, staff_id, date, slot, c1, c2, c3, c4, c5, excluded)
    select ${row.org_id}, ${row.unit_id}, ${row.unit_path}, ${row.staff_id ?? ''}, ${row.rated_date}, ${rollupSlot()}, ${is(1)}, ${is(2)}, ${is(3)}, ${is(4)}, ${is(5)}, 0 from r
    on conflict (org_id, unit_id, staff_id, date, slot) do update set
      c1 = rating_rollups.c1 + excluded.c1, c2 = rating_rollups.c2 + excluded.c2, c3 = rating_rollups.c3 + excluded.c3,
      c4 = rating_rollups.c4 + excluded.c4, c5 = rating_rollups.c5 + excluded.c5`.execute(db);
}
