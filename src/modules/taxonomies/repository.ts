import type { Executor } from '../../shared/context.js';

export async function findTaxonomy(db: Executor, orgId: string, kind: string) {
  return db.selectFrom('taxonomies').selectAll().where('org_id', '=', orgId).where('kind', '=', kind).executeTakeFirst();
}

export async function upsertTaxonomy(db: Executor, orgId: string, kind: string, items: string, now: number, version: number) {
  if (version === 0) {
    await db.insertInto('taxonomies').values({ org_id: orgId, kind, items, updated_at: now, version: 1 }).execute();
    return true;
  }
  const r = await db.updateTable('taxonomies').set({ items, updated_at: now, version: version + 1 }).where('org_id', '=', orgId).where('kind', '=', kind).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
