import type { Executor } from '../../shared/context.js';
import type { StaffIncidentsTable } from '../../db/types.js';

export async function insertIncident(db: Executor, row: StaffIncidentsTable) {
  await db
    .insertInto('staff_incidents')
    .values(row)
    .onConflict((oc) => oc.columns(['source_type', 'source_id', 'staff_id']).doUpdateSet({ verdict: row.verdict, summary: row.summary, kind: row.kind }))
    .execute();
}

export async function deleteIncident(db: Executor, sourceType: string, sourceId: string) {
  await db.deleteFrom('staff_incidents').where('source_type', '=', sourceType).where('source_id', '=', sourceId).execute();
}

export async function findIncidents(db: Executor, staffId: string, from?: number, to?: number) {
  let q = db.selectFrom('staff_incidents').selectAll().where('staff_id', '=', staffId);
  if (from !== undefined) q = q.where('occurred_at', '>=', from);
  if (to !== undefined) q = q.where('occurred_at', '<', to);
  return q.orderBy('occurred_at', 'desc').execute();
}
