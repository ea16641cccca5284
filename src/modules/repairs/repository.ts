import type { Executor } from '../../shared/context.js';

/**
 * Work orders reported in [from, to) with their clocks, for the monthly figures and the export
 * (read only: the case engine's tables are written by the cases module).
 */
export async function findRepairsReported(db: Executor, f: { orgId: string; from: number; to: number; unitPath?: string | null }) {
  let q = db.selectFrom('cases').selectAll().where('org_id', '=', f.orgId).where('type', '=', 'repair').where('received_at', '>=', f.from).where('received_at', '<', f.to);
  if (f.unitPath) q = q.where('unit_path', 'like', `${f.unitPath}%`);
  return q.orderBy('received_at').orderBy('id').execute();
}

/** Whether the organisation has any work order (the dashboard shows the figures only then). */
export async function hasRepairs(db: Executor, orgId: string): Promise<boolean> {
  return !!(await db.selectFrom('cases').select('id').where('org_id', '=', orgId).where('type', '=', 'repair').limit(1).executeTakeFirst());
}
