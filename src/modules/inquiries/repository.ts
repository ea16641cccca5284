import type { Executor } from '../../shared/context.js';

/** Re-routes a case to another unit inside the action's transaction (the version was already bumped by the action). */
export async function rerouteCase(db: Executor, caseId: string, unitId: string, unitPath: string) {
  await db.updateTable('cases').set({ unit_id: unitId, unit_path: unitPath }).where('id', '=', caseId).execute();
}

/** The primary unit of a staff member (falls back to any of their units). */
export async function primaryUnitOfStaff(db: Executor, staffId: string) {
  return db
    .selectFrom('staff_units')
    .innerJoin('units', 'units.id', 'staff_units.unit_id')
    .select(['units.id', 'units.path', 'units.name'])
    .where('staff_units.staff_id', '=', staffId)
    .orderBy('staff_units.is_primary', 'desc')
    .executeTakeFirst();
}
