import { sql, type Kysely } from 'kysely';

/**
 * The deadline sweep's bookmark of each clock — when it looks next (next_check_at) and the lateness
 * it last recorded — moves out of case_clocks into clock_checks. At close of business the sweep
 * moves every due clock's bookmark at once. In case_clocks that rewrote a row of some 800 bytes
 * (the definition is most of it) and, on PostgreSQL, added an entry to each of its five indexes,
 * the next check being indexed; in clock_checks it rewrites a short row with two indexes
 * (npm run bench -- sweep). org_id is carried for sharding by organisation.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('clock_checks')
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('clock_id', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('lateness', 'text', (c) => c.notNull().defaultTo('on_time'))
    .addColumn('next_check_at', 'bigint')
    .addPrimaryKeyConstraint('clock_checks_pk', ['case_id', 'clock_id'])
    .addForeignKeyConstraint('clock_checks_clock_fk', ['case_id', 'clock_id'], 'case_clocks', ['case_id', 'clock_id'])
    .execute();
  await sql`insert into clock_checks (case_id, clock_id, org_id, lateness, next_check_at) select case_id, clock_id, org_id, lateness, next_check_at from case_clocks`.execute(db);
  await db.schema.createIndex('clock_checks_next_ix').on('clock_checks').columns(['next_check_at', 'case_id']).execute();
  await db.schema.dropIndex('case_clocks_next_check_ix').execute();
  await db.schema.alterTable('case_clocks').dropColumn('next_check_at').execute();
  await db.schema.alterTable('case_clocks').dropColumn('lateness').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
