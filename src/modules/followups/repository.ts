import type { Executor } from '../../shared/context.js';

/**
 * Follow-ups read for the public link, the monthly figures and the export (read only: the case
 * engine's tables are written by the cases module).
 */
export async function findFollowUp(db: Executor, id: string) {
  return db.selectFrom('cases').selectAll().where('id', '=', id).where('type', '=', 'follow_up').executeTakeFirst();
}

/** Follow-ups whose due clock started in [from, to) (discharged, or opened, in the month). */
export async function findFollowUpsStarted(db: Executor, f: { orgId: string; from: number; to: number; unitPath?: string | null }) {
  let q = db.selectFrom('cases').selectAll().where('org_id', '=', f.orgId).where('type', '=', 'follow_up').where('received_at', '>=', f.from).where('received_at', '<', f.to);
  if (f.unitPath) q = q.where('unit_path', 'like', `${f.unitPath}%`);
  return q.orderBy('received_at').orderBy('id').execute();
}

export async function hasFollowUps(db: Executor, orgId: string): Promise<boolean> {
  return !!(await db.selectFrom('cases').select('id').where('org_id', '=', orgId).where('type', '=', 'follow_up').limit(1).executeTakeFirst());
}
