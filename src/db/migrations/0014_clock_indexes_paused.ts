import type { Kysely } from 'kysely';

/**
 * The dashboard's clock aggregates (reply deadlines due in a month, clocks running late now) read
 * `paused_at` too since a paused clock is neither late nor decided (migration 0009): the covering
 * indexes of migration 0007 gain the column, so those counts stay index-only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('case_clocks_due_ix').execute();
  await db.schema.dropIndex('case_clocks_open_ix').execute();
  await db.schema.createIndex('case_clocks_due_ix').on('case_clocks').columns(['org_id', 'clock_id', 'due_at', 'stopped_at', 'paused_at', 'case_id']).execute();
  await db.schema.createIndex('case_clocks_open_ix').on('case_clocks').columns(['org_id', 'clock_id', 'stopped_at', 'paused_at', 'due_at', 'severe_at', 'case_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
