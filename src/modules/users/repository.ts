import { sql } from 'kysely';
import type { Executor } from '../../shared/context.js';
import type { UsersTable } from '../../db/types.js';
import { searchAny, type DialectName } from '../../db/dialect.js';
import { pageOrderedByName } from '../../db/collation.js';
import type { SortedWindow } from '../../shared/page.js';

export interface UserFilter extends SortedWindow<'username' | 'displayName' | 'role'> {
  orgId: string;
  role?: string;
}

const sortColumns = { username: 'username', role: 'role' } as const;

export async function findUsers(db: Executor, dialect: DialectName, f: UserFilter) {
  let q = db.selectFrom('users').where('org_id', '=', f.orgId);
  if (f.role) q = q.where('role', '=', f.role);
  if (f.q) q = q.where(searchAny(dialect, f.q, ['username', 'display_name']));
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows =
    f.sort === 'displayName'
      ? await pageOrderedByName('display_name', dialect, f, {
          inSql: (byName) => q.selectAll().orderBy(byName, f.order).orderBy('id').limit(f.limit).offset(f.offset).execute(),
          keys: () => q.select(['id', 'display_name as name']).execute(),
          byIds: (ids) => db.selectFrom('users').selectAll().where('id', 'in', ids).execute(),
        })
      : await q
          .selectAll()
          .orderBy(sortColumns[f.sort ?? 'username'], f.order)
          .orderBy('username')
          .limit(f.limit)
          .offset(f.offset)
          .execute();
  return { rows, total: Number(total?.n ?? 0) };
}

export async function findUserById(db: Executor, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findDisplayNames(db: Executor, orgId: string, ids: string[]) {
  if (!ids.length) return [];
  return db.selectFrom('users').select(['id', 'display_name', 'username']).where('org_id', '=', orgId).where('id', 'in', ids).execute();
}

export async function findUserByUsername(db: Executor, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function insertUser(db: Executor, row: UsersTable) {
  await db.insertInto('users').values(row).execute();
}

export async function updateUserIfVersion(db: Executor, id: string, version: number, changes: Partial<UsersTable>) {
  const r = await db.updateTable('users').set({ ...changes, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Active users who can take a case, with their unit's path for scoping. */
export async function findAssignableUsers(db: Executor, orgId: string) {
  return db
    .selectFrom('users')
    .leftJoin('units', 'units.id', 'users.unit_id')
    .select(['users.id', 'users.display_name', 'users.username', 'users.role', 'users.unit_id', 'units.path as unit_path', 'units.name as unit_name'])
    .where('users.org_id', '=', orgId)
    .where('users.active', '=', 1)
    .where('users.role', 'in', ['admin', 'quality_office', 'unit_head', 'staff'])
    .orderBy('users.display_name')
    .execute();
}

export async function findActiveUserIdsByRole(db: Executor, orgId: string, role: string): Promise<string[]> {
  const rows = await db.selectFrom('users').select('id').where('org_id', '=', orgId).where('role', '=', role).where('active', '=', 1).execute();
  return rows.map((r) => r.id);
}

/** Active users of these roles, by display name. */
export async function findActiveUsersByRoles(db: Executor, orgId: string, roles: readonly string[]) {
  return db.selectFrom('users').select(['id', 'username', 'display_name', 'role']).where('org_id', '=', orgId).where('role', 'in', [...roles]).where('active', '=', 1).orderBy('display_name').execute();
}

/** Unit heads whose unit contains the given unit, nearest first. */
export async function findUnitHeadsFor(db: Executor, orgId: string, unitPath: string): Promise<{ id: string; path: string }[]> {
  return db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select(['users.id', 'units.path'])
    .where('users.org_id', '=', orgId)
    .where('users.role', '=', 'unit_head')
    .where('users.active', '=', 1)
    .where(sql<boolean>`${unitPath} like ${sql.ref('units.path')} || '%'`)
    .orderBy(sql`length(${sql.ref('units.path')})`, 'desc')
    .execute();
}

/** Active users linked to a staff member (to tell them of a decision about them). */
export async function findUsersOfStaff(db: Executor, orgId: string, staffId: string): Promise<{ id: string; email: string | null }[]> {
  return db.selectFrom('users').select(['id', 'email']).where('org_id', '=', orgId).where('staff_id', '=', staffId).where('active', '=', 1).execute();
}

/** Active unit heads of the nearest unit above (or at) a path that has one, with their staff links. */
export async function findNearestUnitHeadContacts(db: Executor, orgId: string, unitPath: string): Promise<{ id: string; email: string | null; staff_id: string | null; path: string }[]> {
  const rows = await db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select(['users.id', 'users.email', 'users.staff_id', 'units.path'])
    .where('users.org_id', '=', orgId)
    .where('users.role', '=', 'unit_head')
    .where('users.active', '=', 1)
    .where(sql<boolean>`${unitPath} like ${sql.ref('units.path')} || '%'`)
    .orderBy(sql`length(${sql.ref('units.path')})`, 'desc')
    .execute();
  return rows.filter((r) => r.path === rows[0]?.path);
}
