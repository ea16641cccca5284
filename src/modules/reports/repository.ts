import type { Executor } from '../../shared/context.js';
import type { DailyBulletinRunsTable } from '../../db/types.js';

/** Active quality-office users and unit heads (with their unit's path): the bulletin's readers. */
export async function bulletinRecipients(db: Executor, orgId: string) {
  return db
    .selectFrom('users')
    .leftJoin('units', 'units.id', 'users.unit_id')
    .selectAll('users')
    .select(['units.path as unit_path', 'units.name as unit_name'])
    .where('users.org_id', '=', orgId)
    .where('users.active', '=', 1)
    .where('users.role', 'in', ['quality_office', 'unit_head'])
    .orderBy('users.username')
    .execute();
}

export async function bulletinAlreadySent(db: Executor, orgId: string, date: string): Promise<boolean> {
  return !!(await db.selectFrom('daily_bulletin_runs').select('date').where('org_id', '=', orgId).where('date', '=', date).executeTakeFirst());
}

/** Records the day's scheduled bulletin; false when another node recorded it first. */
export async function recordBulletinRun(db: Executor, row: DailyBulletinRunsTable): Promise<boolean> {
  const r = await db.insertInto('daily_bulletin_runs').values(row).onConflict((oc) => oc.columns(['org_id', 'date']).doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** The names a printed complaint shows for its unit, staff member and handler. */
export async function registerNames(db: Executor, ids: { unitId: string | null; staffId: string | null; assigneeId: string | null }) {
  const [unit, staff, user] = await Promise.all([
    ids.unitId ? db.selectFrom('units').select('name').where('id', '=', ids.unitId).executeTakeFirst() : undefined,
    ids.staffId ? db.selectFrom('staff').select('name').where('id', '=', ids.staffId).executeTakeFirst() : undefined,
    ids.assigneeId ? db.selectFrom('users').select('display_name').where('id', '=', ids.assigneeId).executeTakeFirst() : undefined,
  ]);
  return { unit: unit?.name ?? null, staff: staff?.name ?? null, handler: user?.display_name ?? null };
}
