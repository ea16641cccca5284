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

export async function hasFollowUps(db: Executor, orgId: string, source?: string): Promise<boolean> {
  let q = db.selectFrom('cases').select('id').where('org_id', '=', orgId).where('type', '=', 'follow_up');
  if (source) q = q.where('channel', '=', source);
  return !!(await q.limit(1).executeTakeFirst());
}

/** The follow-up already opened for an origin key (discharge:…, rating:…, case:…), if any. */
export async function findFollowUpByKey(db: Executor, orgId: string, key: string) {
  return db
    .selectFrom('follow_up_keys')
    .innerJoin('cases', 'cases.id', 'follow_up_keys.case_id')
    .select(['cases.id', 'cases.tracking_no'])
    .where('follow_up_keys.org_id', '=', orgId)
    .where('follow_up_keys.key', '=', key)
    .executeTakeFirst();
}

/** Claims an origin key for a follow-up: the primary key refuses a second one (a unique violation). */
export async function insertFollowUpKey(db: Executor, row: { org_id: string; key: string; case_id: string; created_at: number }) {
  await db.insertInto('follow_up_keys').values(row).execute();
}
