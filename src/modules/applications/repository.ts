import type { Executor } from '../../shared/context.js';
import type { ServiceItemsTable } from '../../db/types.js';
import { searchAny, type DialectName } from '../../db/dialect.js';
import { updateIfVersion } from '../../db/versioned.js';

export async function insertServiceItem(db: Executor, row: ServiceItemsTable) {
  await db.insertInto('service_items').values(row).execute();
}

export async function findServiceItemById(db: Executor, id: string) {
  return db.selectFrom('service_items').selectAll().where('id', '=', id).executeTakeFirst();
}

export function updateServiceItemIfVersion(db: Executor, id: string, version: number, changes: Partial<ServiceItemsTable>): Promise<boolean> {
  return updateIfVersion(db, 'service_items', id, version, changes);
}

export interface ServiceItemFilter {
  orgId: string;
  active?: boolean;
  q?: string;
  limit: number;
  offset: number;
}

export async function findServiceItems(db: Executor, dialect: DialectName, f: ServiceItemFilter) {
  let q = db.selectFrom('service_items').where('org_id', '=', f.orgId);
  if (f.active !== undefined) q = q.where('active', '=', f.active ? 1 : 0);
  if (f.q) q = q.where(searchAny(dialect, f.q, ['code', 'name', 'responsible_body']));
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await q.selectAll().orderBy('code').orderBy('id').limit(f.limit).offset(f.offset).execute();
  return { rows, total: Number(total?.n ?? 0) };
}

/** Sets the status an application reaches at intake (accepted or awaiting materials), still at version 1. */

