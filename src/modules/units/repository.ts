import { sql } from 'kysely';
import type { Executor } from '../../shared/context.js';
import type { UnitsTable } from '../../db/types.js';
import { likeOperator, likePattern, type DialectName } from '../../db/dialect.js';
import { pageOrderedByName } from '../../db/collation.js';

export interface UnitFilter {
  orgId: string;
  scopePath: string | null;
  parentId?: string;
  kind?: string;
  q?: string;
  sort?: 'code' | 'name' | 'kind' | 'sortOrder';
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

const sortColumns = { code: 'code', kind: 'kind', sortOrder: 'sort_order' } as const;

export async function findUnits(db: Executor, dialect: DialectName, f: UnitFilter) {
  let q = db.selectFrom('units').where('org_id', '=', f.orgId);
  if (f.scopePath) q = q.where('path', 'like', `${f.scopePath}%`);
  if (f.parentId) q = q.where('parent_id', '=', f.parentId);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.q) {
    const op = likeOperator(dialect);
    const pattern = likePattern(f.q);
    q = q.where((eb) => eb.or([eb(sql`code`, op, sql`${pattern} escape '\\'`), eb(sql`name`, op, sql`${pattern} escape '\\'`)]));
  }
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
export async function updateUnitIfVersion(db: Executor, id: string, version: number, changes: Partial<UnitsTable>): Promise<boolean> {
  const result = await db
    .updateTable('units')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
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

export async function deleteUnitIfVersion(db: Executor, id: string, version: number): Promise<boolean> {
  const result = await db.deleteFrom('units').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
