import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Deadlines that wait for next year's holiday schedule (期限待定). A case received in late
 * December whose deadline falls in a year the State Council has not published yet is still
 * registered (a complaint must never be turned away), but its clock has no due instant until the
 * schedule is imported (RULES §1 Decisions: say so instead of guessing). `pending_year` names
 * the year; due_at, due_date and severe_at become nullable.
 *
 * SQLite cannot drop NOT NULL, so the table is rebuilt there (nothing references case_clocks).
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table case_clocks alter column due_at drop not null, alter column due_date drop not null, alter column severe_at drop not null, add column pending_year integer`.execute(db);
  } else {
    await db.schema
      .createTable('case_clocks_new')
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('clock_id', 'text', (c) => c.notNull())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('definition', 'text', (c) => c.notNull())
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .addColumn('pauses', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('stopped_at', 'bigint')
      .addColumn('due_at', 'bigint')
      .addColumn('due_date', 'text')
      .addColumn('severe_at', 'bigint')
      .addColumn('lateness', 'text', (c) => c.notNull().defaultTo('on_time'))
      .addColumn('next_check_at', 'bigint')
      .addColumn('run', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('pending_year', 'integer')
      .addPrimaryKeyConstraint('case_clocks_pk', ['case_id', 'clock_id'])
      .execute();
    await sql`insert into case_clocks_new (case_id, clock_id, org_id, definition, started_at, pauses, stopped_at, due_at, due_date, severe_at, lateness, next_check_at, run)
      select case_id, clock_id, org_id, definition, started_at, pauses, stopped_at, due_at, due_date, severe_at, lateness, next_check_at, run from case_clocks`.execute(db);
    await db.schema.dropTable('case_clocks').execute();
    await db.schema.alterTable('case_clocks_new').renameTo('case_clocks').execute();
    await db.schema.createIndex('case_clocks_next_check_ix').on('case_clocks').column('next_check_at').execute();
    await db.schema.createIndex('case_clocks_org_due_ix').on('case_clocks').columns(['org_id', 'due_at']).execute();
    await db.schema.createIndex('case_clocks_due_ix').on('case_clocks').columns(['org_id', 'clock_id', 'due_at', 'stopped_at', 'case_id']).execute();
    await db.schema.createIndex('case_clocks_open_ix').on('case_clocks').columns(['org_id', 'clock_id', 'stopped_at', 'due_at', 'severe_at', 'case_id']).execute();
  }
  // The sweep looks for the few pending clocks on every round.
  await db.schema.createIndex('case_clocks_pending_ix').on('case_clocks').columns(['pending_year', 'org_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
