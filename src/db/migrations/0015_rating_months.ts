import { PostgresAdapter, sql, type Kysely } from 'kysely';

const indicators = ['overall', 'efficiency', 'competence', 'attitude'];

/**
 * 好差评 statistics of closed months, materialised: a 12-month trend adds up twelve rows per window
 * and person instead of 365 daily ones (and their slots). The rows mirror the daily rollups with a
 * `month` (YYYY-MM) for the date; a stamp says when a month was added up. Writes into a closed
 * month (an upheld appeal, a corrected served count) drop its stamp, so it is added up again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  // SQLite stores WITHOUT ROWID tables in key order: an organisation's months are read in one sweep.
  const rowOrder = <T extends { modifyEnd: (s: ReturnType<typeof sql>) => T }>(b: T) => (postgres ? b : b.modifyEnd(sql`without rowid`));
  let levels = db.schema
    .createTable('rating_month_rollups')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull());
  for (const c of ['c1', 'c2', 'c3', 'c4', 'c5', 'excluded', ...indicators.flatMap((k) => [1, 2, 3, 4, 5].map((l) => `${k}_${l}`))]) {
    levels = levels.addColumn(c, 'integer', (col) => col.notNull().defaultTo(0));
  }
  await rowOrder(levels.addPrimaryKeyConstraint('rating_month_rollups_pk', ['org_id', 'month', 'unit_id', 'unit_path', 'staff_id'])).execute();

  const reasons = db.schema
    .createTable('rating_month_reasons')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rating_month_reasons_pk', ['org_id', 'month', 'unit_id', 'unit_path', 'staff_id', 'reason']);
  await rowOrder(reasons).execute();

  const served = db.schema
    .createTable('served_month_counts')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('served', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('served_month_counts_pk', ['org_id', 'month', 'unit_id', 'unit_path', 'staff_id']);
  await rowOrder(served).execute();

  await db.schema
    .createTable('rating_month_stamps')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('rating_month_stamps_pk', ['org_id', 'month'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
