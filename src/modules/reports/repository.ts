import type { Executor } from '../../shared/context.js';

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
