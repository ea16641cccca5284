import { sql } from 'kysely';
import type { Executor } from '../../shared/context.js';
import type { UnitsTable } from '../../db/types.js';
import { searchAny, type DialectName } from '../../db/dialect.js';
import { pageOrderedByName } from '../../db/collation.js';
import { deleteIfVersion, updateIfVersion } from '../../db/versioned.js';
import type { SortedWindow } from '../../shared/page.js';

export interface UnitFilter extends SortedWindow<'code' | 'name' | 'kind' | 'sortOrder'> {
  orgId: string;
  scopePath: string | null;
  parentId?: string;
  kind?: string;
}

const sortColumns = { code: 'code', kind: 'kind', sortOrder: 'sort_order' } as const;

export async function findUnits(db: Executor, dialect: DialectName, f: UnitFilter) {
  let q = db.selectFrom('units').where('org_id', '=', f.orgId);
  if (f.scopePath) q = q.where('path', 'like', `${f.scopePath}%`);
  if (f.parentId) q = q.where('parent_id', '=', f.parentId);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.q) q = q.where(searchAny(dialect, f.q, ['code', 'name']));
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows =
    f.sort === 'name'
      ? await pageOrderedByName('name', dialect, f, {
          inSql: (byName) => q.selectAll().orderBy(byName, f.order).orderBy('id').limit(f.limit).offset(f.offset).execute(),
          keys: () => q.select(['id', 'name']).execute(),
          byIds: (ids) => db.selectFrom('units').selectAll().where('id', 'in', ids).execute(),
        })
      : await q
          .selectAll()
          .orderBy(sortColumns[f.sort ?? 'sortOrder'], f.order)
          .orderBy('code', 'asc')
          .limit(f.limit)
          .offset(f.offset)
          .execute();
  return { rows, total: Number(total?.n ?? 0) };
}

export async function findAllUnitsInScope(db: Executor, orgId: string, scopePath: string | null) {
  let q = db.selectFrom('units').selectAll().where('org_id', '=', orgId);
  if (scopePath) q = q.where('path', 'like', `${scopePath}%`);
  return q.orderBy('sort_order').orderBy('code').execute();
}

export async function findUnitById(db: Executor, id: string): Promise<UnitsTable | undefined> {
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUnitsByIds(db: Executor, ids: string[]): Promise<UnitsTable[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('units').selectAll().where('id', 'in', ids).execute();
}

export async function findUnitByCode(db: Executor, orgId: string, code: string): Promise<UnitsTable | undefined> {
  return db.selectFrom('units').selectAll().where('org_id', '=', orgId).where('code', '=', code).executeTakeFirst();
}

export async function insertUnit(db: Executor, row: UnitsTable): Promise<void> {
  await db.insertInto('units').values(row).execute();
}

/** Compare-and-set on version: returns false when someone else changed the row first. */
export function updateUnitIfVersion(db: Executor, id: string, version: number, changes: Partial<UnitsTable>): Promise<boolean> {
  return updateIfVersion(db, 'units', id, version, changes);
}

/** Moving a unit rewrites the path prefix of its whole subtree. */
export async function rewriteSubtreePaths(db: Executor, orgId: string, oldPrefix: string, newPrefix: string): Promise<void> {
  await db
    .updateTable('units')
    .set({ path: sql`${newPrefix} || substr(path, ${oldPrefix.length + 1})` })
    .where('org_id', '=', orgId)
    .where('path', 'like', `${oldPrefix}%`)
    .where('path', '!=', oldPrefix)
    .execute();
}

export async function countDependants(db: Executor, unitId: string): Promise<{ children: number; staff: number; users: number }> {
  const children = await db.selectFrom('units').select((eb) => eb.fn.countAll<number>().as('n')).where('parent_id', '=', unitId).executeTakeFirst();
  const staff = await db.selectFrom('staff_units').select((eb) => eb.fn.countAll<number>().as('n')).where('unit_id', '=', unitId).executeTakeFirst();
  const users = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('unit_id', '=', unitId).executeTakeFirst();
  return { children: Number(children?.n ?? 0), staff: Number(staff?.n ?? 0), users: Number(users?.n ?? 0) };
}

export function deleteUnitIfVersion(db: Executor, id: string, version: number): Promise<boolean> {
  return deleteIfVersion(db, 'units', id, version);
}
