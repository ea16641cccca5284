import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Executor } from '../../shared/context.js';
import { emptyLevelCounts, levelCountColumns } from '../../shared/level-counts.js';
import type { Database, RatingTokensTable, RatingsTable } from '../../db/types.js';
import type { DialectName } from '../../db/dialect.js';
import type { Db } from '../../db/connect.js';
import type SqliteDatabase from 'better-sqlite3';
import { indicatorKeys, type IndicatorKey } from './schema.js';

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
  return db.selectFrom('ratings').select(['id', 'case_id', 'request_hash']).where('org_id', '=', orgId).where('idempotency_key', '=', key).executeTakeFirst();
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
const levels = [1, 2, 3, 4, 5] as const;

/** Rollup rows per window and day; statistics add them up. */
export const rollupSlots = 8;
const rollupSlot = () => Math.floor(Math.random() * rollupSlots);

/** One column per indicator and level (overall_1 … attitude_5), beside the level counts c1 … c5. */
export const indicatorColumns = indicatorKeys.flatMap((k) => levels.map((l) => `${k}_${l}` as const));
type CountColumn = `c${Level}` | (typeof indicatorColumns)[number];

export interface RollupKey {
  org_id: string;
  unit_id: string;
  unit_path: string;
  staff_id: string;
  date: string;
}

/** What one rating adds to its day's rollup: its level and the level it gave each indicator. */
export interface RatingFacts {
  level: number;
  indicators: Partial<Record<IndicatorKey, number>>;
}

function countedColumns(facts: RatingFacts): CountColumn[] {
  const out: CountColumn[] = [`c${facts.level as Level}`];
  for (const k of indicatorKeys) {
    const l = facts.indicators[k];
    if (l !== undefined && levels.includes(l as Level)) out.push(`${k}_${l as Level}`);
  }
  return out;
}

export function rollupKeyOf(row: Pick<RatingsTable, 'org_id' | 'unit_id' | 'unit_path' | 'staff_id' | 'rated_date'>): RollupKey {
  return { org_id: row.org_id, unit_id: row.unit_id, unit_path: row.unit_path, staff_id: row.staff_id ?? '', date: row.rated_date };
}

/** Adds one rating to its day's rollup (or, delta −1, moves it to `excluded` when an appeal is upheld). */
export async function bumpRollup(db: Executor, key: RollupKey, facts: RatingFacts, delta: 1 | -1) {
  const columns = countedColumns(facts);
  const excluded = delta === -1 ? 1 : 0;
  await db
    .insertInto('rating_rollups')
    .values({ ...key, slot: rollupSlot(), ...emptyLevelCounts(), excluded, ...Object.fromEntries(columns.map((c) => [c, delta])) })
    .onConflict((oc) =>
      oc.columns(['org_id', 'unit_id', 'staff_id', 'date', 'slot']).doUpdateSet({
        ...Object.fromEntries(columns.map((c) => [c, sql`rating_rollups.${sql.ref(c)} + ${delta}`])),
        excluded: sql`rating_rollups.excluded + ${excluded}`,
      }),
    )
    .execute();
}

/** Counts each 差评 reason of one rating in its day's reason rollup (delta −1: an upheld appeal). */
export async function bumpReasons(db: Executor, key: RollupKey, reasons: readonly string[], delta: 1 | -1) {
  if (!reasons.length) return;
  await db
    .insertInto('rating_reason_rollups')
    .values(reasons.map((reason) => ({ ...key, reason, n: delta })))
    .onConflict((oc) => oc.columns(['org_id', 'date', 'unit_id', 'staff_id', 'reason']).doUpdateSet({ n: sql`rating_reason_rollups.n + ${delta}` }))
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

/** Which ratings a query reads: one organisation's date range, within a scope, unit subtree or staff member. */
export interface RatingScope {
  orgId: string;
  from: string;
  to: string;
  scopePath: string | null;
  unitPath?: string;
  staffId?: string;
}

export interface StatsFilter extends RatingScope {
  groupBy: GroupBy;
}

/**
 * Where sums come from: the daily rollups, or the materialised months (migration 0015) whose rows
 * carry a `month` (YYYY-MM) instead of a `date`; a filter's `from`/`to` are then months too.
 */
export type RollupSource = 'days' | 'months';
const sources = {
  days: { levels: 'rating_rollups', reasons: 'rating_reason_rollups', served: 'served_counts', period: 'date' },
  months: { levels: 'rating_month_rollups', reasons: 'rating_month_reasons', served: 'served_month_counts', period: 'month' },
} as const;
// The two sources share their column names (but for the period), so each is read as the daily one.
const asDaily = <T extends keyof (typeof sources)['days']>(source: RollupSource, table: T) => sources[source][table] as (typeof sources)['days'][T];

function groupKey(groupBy: GroupBy, source: RollupSource) {
  const month = source === 'months' ? sql<string>`month` : sql<string>`substr(date, 1, 7)`;
  return groupBy === 'unit' ? sql<string>`unit_id` : groupBy === 'staff' ? sql<string>`staff_id` : groupBy === 'month' ? month : sql<string>`'all'`;
}

/** The rows of a rollup table (levels, reasons or served) that a statistics query adds up. */
function rollupScope(f: StatsFilter, source: RollupSource, options: { staffRows?: boolean } = { staffRows: true }) {
  const period = sql.ref(sources[source].period);
  const parts = [sql`org_id = ${f.orgId}`, sql`${period} >= ${f.from}`, sql`${period} <= ${f.to}`];
  if (f.scopePath) parts.push(sql`unit_path like ${`${f.scopePath}%`}`);
  if (f.unitPath) parts.push(sql`unit_path like ${`${f.unitPath}%`}`);
  if (options.staffRows) {
    if (f.staffId) parts.push(sql`staff_id = ${f.staffId}`);
    if (f.groupBy === 'staff') parts.push(sql`staff_id <> ''`);
  } else {
    // Served counts: unit totals are reported without a staff id, staff totals with one.
    parts.push(f.groupBy === 'staff' || f.staffId ? (f.staffId ? sql`staff_id = ${f.staffId}` : sql`staff_id <> ''`) : sql`staff_id = ''`);
  }
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`;
}

/** Sums of the rollups per group (with the indicator levels unless `levelsOnly`): the statistics read these, never the raw ratings. */
export async function sumRollups(db: Executor, f: StatsFilter, options: { levelsOnly?: boolean; source?: RollupSource } = {}) {
  const source = options.source ?? 'days';
  const key = groupKey(f.groupBy, source);
  // Typed with every column; the indicator sums are absent at run time with `levelsOnly`.
  const columns: readonly ((typeof levelCountColumns)[number] | (typeof indicatorColumns)[number])[] = options.levelsOnly ? levelCountColumns : [...levelCountColumns, ...indicatorColumns];
  const sums = columns.map((c) => sql<number>`sum(${sql.ref(c)})`.as(c));
  return (
    db
      .selectFrom(asDaily(source, 'levels'))
      .where(rollupScope(f, source))
      .select([key.as('key'), ...sums])
      // One group for the whole range: no GROUP BY (PostgreSQL refuses to group by a constant).
      .$if(f.groupBy !== 'none', (qb) => qb.groupBy(key))
      .execute()
  );
}

/** 差评 reason counts per group, from the reason rollups. */
export async function sumReasons(db: Executor, f: StatsFilter, source: RollupSource = 'days') {
  const key = groupKey(f.groupBy, source);
  return db
    .selectFrom(asDaily(source, 'reasons'))
    .where(rollupScope(f, source))
    .select([key.as('key'), 'reason', sql<number>`sum(n)`.as('n')])
    .$if(f.groupBy !== 'none', (qb) => qb.groupBy(key))
    .groupBy('reason')
    .execute();
}

/** Served counts per group. */
export async function sumServed(db: Executor, f: StatsFilter, source: RollupSource = 'days') {
  const key = groupKey(f.groupBy, source);
  return db
    .selectFrom(asDaily(source, 'served'))
    .where(rollupScope(f, source, { staffRows: false }))
    .select([key.as('key'), sql<number>`sum(served)`.as('served')])
    .$if(f.groupBy !== 'none', (qb) => qb.groupBy(key))
    .execute();
}

export interface ListFilter extends RatingScope {
  level?: number;
  /** true: only 差评 (these levels); false: none of them. */
  negative?: { levels: number[]; only: boolean };
  limit: number;
  offset: number;
}

/** Individual ratings, newest first, paged on the (org_id, rated_date, id) index. */
export async function findRatings(db: Executor, f: ListFilter) {
  let q = db.selectFrom('ratings').where('org_id', '=', f.orgId).where('rated_date', '>=', f.from).where('rated_date', '<=', f.to);
  if (f.scopePath) q = q.where('unit_path', 'like', `${f.scopePath}%`);
  if (f.unitPath) q = q.where('unit_path', 'like', `${f.unitPath}%`);
  if (f.staffId) q = q.where('staff_id', '=', f.staffId);
  if (f.level !== undefined) q = q.where('level', '=', f.level);
  if (f.negative) q = q.where('level', f.negative.only ? 'in' : 'not in', f.negative.levels);
  const [rows, count] = await Promise.all([
    q
      .select(['id', 'unit_id', 'staff_id', 'source', 'level', 'indicators', 'reasons', 'comment', 'contact_phone', 'rated_at', 'rated_date', 'excluded', 'case_id'])
      .orderBy('rated_date', 'desc')
      .orderBy('id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/**
 * The common case — a rating with no token to spend, no case to open and no reasons — in one round
 * trip on PostgreSQL (the insert and its rollup in one statement, so the hot rollup row is locked
 * only briefly); in a short transaction on SQLite, which has no data-modifying CTEs.
 */
/**
 * The public rating's fast path: the rating and its rollup in one go. SQLite: two prepared
 * statements in one synchronous transaction while holding Kysely's (single) connection, so no
 * other query interleaves. PostgreSQL: one statement (insert … returning, then the upsert), and the
 * rollup slot is the connection's (backend pid), so concurrent connections never wait on one row.
 */
export async function insertRatingCounted(db: Db, row: RatingsTable, facts: RatingFacts) {
  const columns = countedColumns(facts);
  const key = rollupKeyOf(row);
  if (db.dialect === 'sqlite' && db.sqlite) {
    const raw = db.sqlite;
    await db.kysely.connection().execute(async () => {
      const statements = sqliteStatements(raw, columns);
      raw.transaction(() => {
        statements.rating.run(ratingValues(row));
        // One writer at a time on SQLite: no row to spread the load over, slot 0.
        statements.rollup.run([key.org_id, key.unit_id, key.unit_path, key.staff_id, key.date, 0]);
      })();
    });
    return;
  }
  await sql`
    with r as (
      insert into ratings (${sql.join(ratingColumns.map((c) => sql.ref(c)))})
      values (${sql.join(ratingValues(row))})
      returning 1
    )
    insert into rating_rollups (org_id, unit_id, unit_path, staff_id, date, slot, excluded, ${sql.join(columns.map((c) => sql.ref(c)))})
    select ${key.org_id}, ${key.unit_id}, ${key.unit_path}, ${key.staff_id}, ${key.date}, pg_backend_pid() % ${pgSlots}, 0, ${sql.join(columns.map(() => sql`1`))} from r
    on conflict (org_id, unit_id, staff_id, date, slot) do update set
      ${sql.join(columns.map((c) => sql`${sql.ref(c)} = rating_rollups.${sql.ref(c)} + 1`))}`.execute(db.kysely);
}

/** Slots on PostgreSQL: one per connection (backend pid modulo this), a few rows per window and day. */
const pgSlots = 64;

const ratingColumns = ['id', 'org_id', 'unit_id', 'unit_path', 'staff_id', 'service_item_id', 'source', 'token_id', 'level', 'indicators', 'reasons', 'comment', 'contact_name', 'contact_phone', 'idempotency_key', 'request_hash', 'rated_at', 'rated_date', 'excluded', 'case_id'] as const satisfies readonly (keyof RatingsTable)[];
const ratingValues = (row: RatingsTable) => ratingColumns.map((c) => row[c]);

type Prepared = { rating: SqliteDatabase.Statement; rollup: SqliteDatabase.Statement };
const prepared = new WeakMap<SqliteDatabase.Database, Map<string, Prepared>>();

/** The two statements for a set of counted columns, prepared once per database handle. */
function sqliteStatements(raw: SqliteDatabase.Database, columns: CountColumn[]): Prepared {
  let byColumns = prepared.get(raw);
  if (!byColumns) prepared.set(raw, (byColumns = new Map()));
  const k = columns.join(',');
  let p = byColumns.get(k);
  if (!p) {
    const counted = columns.map((c) => `"${c}"`).join(', ');
    p = {
      rating: raw.prepare(`insert into ratings (${ratingColumns.join(', ')}) values (${ratingColumns.map(() => '?').join(', ')})`),
      rollup: raw.prepare(
        `insert into rating_rollups (org_id, unit_id, unit_path, staff_id, date, slot, excluded, ${counted}) values (?, ?, ?, ?, ?, ?, 0, ${columns.map(() => '1').join(', ')}) ` +
          `on conflict (org_id, unit_id, staff_id, date, slot) do update set ${columns.map((c) => `"${c}" = "${c}" + 1`).join(', ')}`,
      ),
    };
    byColumns.set(k, p);
  }
  return p;
}
