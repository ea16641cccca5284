import { sql, type Kysely } from 'kysely';

/**
 * The deadline sweep claims due clocks in (next check, case) order. Clocks due at the same
 * instant — at close of business, every working-day deadline of the day — then come a range of
 * neighbouring cases at a time, so a batch's writes to the case-keyed indexes (timeline, firings,
 * audit by entity) share their pages instead of touching a different page each
 * (npm run bench -- sweep).
 *
 * The index of clocks waiting for a year's holiday schedule (期限待定) holds only those: on
 * PostgreSQL every sweep update of a clock (its next check is indexed, so never a HOT update)
 * otherwise adds an entry for a null year to it too.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('case_clocks_next_check_ix').execute();
  await db.schema.createIndex('case_clocks_next_check_ix').on('case_clocks').columns(['next_check_at', 'case_id']).execute();
  await db.schema.dropIndex('case_clocks_pending_ix').execute();
  await db.schema.createIndex('case_clocks_pending_ix').on('case_clocks').columns(['pending_year', 'org_id']).where(sql.ref('pending_year'), 'is not', null).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
