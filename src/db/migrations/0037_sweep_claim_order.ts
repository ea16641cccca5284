import type { Kysely } from 'kysely';

/**
 * The deadline sweep claims due clocks in (next check, case) order. Clocks due at the same
 * instant — at close of business, every working-day deadline of the day — then come a range of
 * neighbouring cases at a time, so a batch's writes to the case-keyed indexes (timeline, firings,
 * audit by entity) share their pages instead of touching a different page each
 * (npm run bench -- sweep).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('case_clocks_next_check_ix').execute();
  await db.schema.createIndex('case_clocks_next_check_ix').on('case_clocks').columns(['next_check_at', 'case_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
