import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Closed months of the quality dashboard are materialised by the background round, never by a
 * request (issue 20 item 5). Every node runs the round, so a node first claims the month it is
 * about to add up: the claim row is taken by compare-and-set on `claimed_until` (a lease, so a
 * node that dies mid-way does not hold the month for ever) and released when the month is written.
 * A materialised month now also keeps its 差评整改 cases by unit and status (the month view read them
 * live: a group-by over a month of cases on every view); months materialised before have none, so
 * their stamps are dropped and the round adds them up again.
 * PostgreSQL: a unit head's 超期 count meets the overdue clocks with the complaints of the subtree,
 * `unit_path LIKE 'x/%'`, which only a text_pattern_ops index serves (the database collation need
 * not be "C"); SQLite reads the case of each overdue clock by id instead.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('dashboard_month_claims')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('dashboard_month_claims_pk', ['org_id', 'month'])
    .execute();
  await db.schema
    .createTable('dashboard_month_rectifications')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('dashboard_month_rectifications_pk', ['org_id', 'month', 'unit_id', 'unit_path', 'status'])
    .execute();
  await db.deleteFrom('dashboard_month_stamps').execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create index cases_org_type_path_ix on cases (org_id, type, unit_path text_pattern_ops) include (id, unit_id)`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
