import { PostgresAdapter, sql, type Kysely } from 'kysely';

/** The GB/T 39734 offline indicators (整体满意度, 服务效率, 服务水平, 服务态度), as stored in `ratings.indicators`. */
const indicators = ['overall', 'efficiency', 'competence', 'attitude'];

/**
 * 好差评 details for the statistics and the rating list:
 * - the daily rollups count each indicator's levels (one column per indicator and level, on the
 *   same row as the level counts, so a rating still updates one rollup row);
 * - 差评 reasons get their own daily rollup (reason codes are an organisation's own list);
 * - the rating list pages on (org_id, rated_date, id) (0007), so the (org_id, rated_date) index,
 *   its prefix, only slows every insert and goes;
 * - an Idempotency-Key is stored with a hash of its request, so a reused key with another body is refused.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const key of indicators) {
    for (let level = 1; level <= 5; level++) {
      await db.schema.alterTable('rating_rollups').addColumn(`${key}_${level}`, 'integer', (c) => c.notNull().defaultTo(0)).execute();
    }
  }

  // Keyed by date first: statistics read a date range of one organisation. On SQLite the rows are
  // stored in key order (WITHOUT ROWID), so that range is read in one sweep with no lookups.
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('rating_reason_rollups')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull()) // '' for ratings of the window, not a person
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('rating_reason_rollups_pk', ['org_id', 'date', 'unit_id', 'staff_id', 'reason'])
    .$call((b) => (postgres ? b : b.modifyEnd(sql`without rowid`)))
    .execute();
  // PostgreSQL keeps rows in a heap: a narrow (org_id, date) index lets it read a month by bitmap
  // scan, where the wide key alone makes it scan the whole table.
  if (postgres) await db.schema.createIndex('rating_reason_rollups_org_date_ix').on('rating_reason_rollups').columns(['org_id', 'date']).execute();

  await db.schema.dropIndex('ratings_org_date_ix').execute();

  await db.schema.alterTable('ratings').addColumn('request_hash', 'text').execute();
  await db.schema.alterTable('survey_responses').addColumn('request_hash', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
