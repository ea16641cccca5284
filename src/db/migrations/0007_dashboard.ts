import type { Kysely } from 'kysely';

/**
 * Quality dashboard, exports and reports: covering indexes for the monthly aggregates, stamps to
 * notice changes, keyset pagination of rating exports, and the materialised figures of closed
 * months (the 12-month trend reads them instead of re-aggregating a year of cases and rollups).
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Cases received in a month, grouped by unit, category, status (差评整改 by channel).
  await db.schema.createIndex('cases_dashboard_ix').on('cases').columns(['org_id', 'type', 'received_at', 'unit_id', 'unit_path', 'category', 'status', 'channel']).execute();
  // Cases registered since a watermark (the received counts are kept incrementally).
  await db.schema.createIndex('cases_org_created_ix').on('cases').columns(['org_id', 'created_at']).execute();
  // Daily bulletin: complaints closed on a day.
  await db.schema.createIndex('cases_org_type_closed_ix').on('cases').columns(['org_id', 'type', 'closed_at']).execute();
  // What changed since a closed month was materialised.
  await db.schema.createIndex('cases_org_updated_ix').on('cases').columns(['org_id', 'updated_at']).execute();
  await db.schema.createIndex('served_counts_org_updated_ix').on('served_counts').columns(['org_id', 'updated_at']).execute();
  // Reply deadlines due in a month, and clocks running now (超期 / 严重超期).
  await db.schema.createIndex('case_clocks_due_ix').on('case_clocks').columns(['org_id', 'clock_id', 'due_at', 'stopped_at', 'case_id']).execute();
  await db.schema.createIndex('case_clocks_open_ix').on('case_clocks').columns(['org_id', 'clock_id', 'stopped_at', 'due_at', 'severe_at', 'case_id']).execute();
  // Rating exports page through a date range in (date, id) order.
  await db.schema.createIndex('ratings_org_date_id_ix').on('ratings').columns(['org_id', 'rated_date', 'id']).execute();

  // Figures of a closed month per unit (unit_id '' for cases without a unit): counts only, so a
  // policy change (e.g. whether 基本满意 counts as satisfied) applies without recomputing.
  await db.schema
    .createTable('dashboard_month_units')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('received', 'integer', (c) => c.notNull())
    .addColumn('reply_decided', 'integer', (c) => c.notNull())
    .addColumn('reply_met', 'integer', (c) => c.notNull())
    .addColumn('c1', 'integer', (c) => c.notNull())
    .addColumn('c2', 'integer', (c) => c.notNull())
    .addColumn('c3', 'integer', (c) => c.notNull())
    .addColumn('c4', 'integer', (c) => c.notNull())
    .addColumn('c5', 'integer', (c) => c.notNull())
    .addColumn('excluded', 'integer', (c) => c.notNull())
    .addColumn('served', 'integer') // null: no served count recorded (rating rate unknown, not 0 %)
    .addPrimaryKeyConstraint('dashboard_month_units_pk', ['org_id', 'month', 'unit_id', 'unit_path'])
    .execute();
  // Complaints received per month, unit and category, for cases registered before the watermark:
  // a case's receipt, unit and category do not change after registration, so counts only grow.
  await db.schema
    .createTable('dashboard_received')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('dashboard_received_pk', ['org_id', 'month', 'unit_id', 'unit_path', 'category'])
    .execute();
  await db.schema
    .createTable('dashboard_watermarks')
    .addColumn('org_id', 'text', (c) => c.primaryKey())
    .addColumn('received_before', 'bigint', (c) => c.notNull())
    .execute();
  // When each closed month was materialised: the newest case and served-count change it saw.
  await db.schema
    .createTable('dashboard_month_stamps')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('cases_stamp', 'bigint', (c) => c.notNull())
    .addColumn('served_stamp', 'bigint', (c) => c.notNull())
    .addColumn('computed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('dashboard_month_stamps_pk', ['org_id', 'month'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
