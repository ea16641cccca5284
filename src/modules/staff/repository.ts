import { sql } from 'kysely';
import type { Executor } from '../../shared/context.js';
import type { StaffTable } from '../../db/types.js';
import { searchAny, type DialectName } from '../../db/dialect.js';
import { pageOrderedByName } from '../../db/collation.js';
import { updateIfVersion } from '../../db/versioned.js';
import type { SortedWindow } from '../../shared/page.js';

export interface StaffFilter extends SortedWindow<'badgeNo' | 'name' | 'category'> {
  orgId: string;
  scopePath: string | null;
  unitId?: string;
  active?: boolean;
}

const sortColumns = { badgeNo: 'badge_no', category: 'category' } as const;

export async function findStaff(db: Executor, dialect: DialectName, f: StaffFilter) {
  let q = db.selectFrom('staff').where('staff.org_id', '=', f.orgId);
  if (f.scopePath || f.unitId) {
    // A staff member is visible when any of their units is in scope.
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('staff_units')
          .innerJoin('units', 'units.id', 'staff_units.unit_id')
          .select(sql`1`.as('one'))
          .whereRef('staff_units.staff_id', '=', 'staff.id')
          .$if(!!f.scopePath, (w) => w.where('units.path', 'like', `${f.scopePath}%`))
          .$if(!!f.unitId, (w) => w.where('units.id', '=', f.unitId!)),
      ),
    );
  }
  if (f.active !== undefined) q = q.where('staff.active', '=', f.active ? 1 : 0);
  if (f.q) q = q.where(searchAny(dialect, f.q, ['staff.badge_no', 'staff.name', 'staff.phone']));
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows =
    f.sort === 'name'
      ? await pageOrderedByName('staff.name', dialect, f, {
          inSql: (byName) => q.selectAll('staff').orderBy(byName, f.order).orderBy('staff.id').limit(f.limit).offset(f.offset).execute(),
          keys: () => q.select(['staff.id', 'staff.name']).execute(),
          byIds: (ids) => db.selectFrom('staff').selectAll().where('id', 'in', ids).execute(),
        })
      : await q
          .selectAll('staff')
          .orderBy(`staff.${sortColumns[f.sort ?? 'badgeNo']}`, f.order)
          .orderBy('staff.id')
          .limit(f.limit)
          .offset(f.offset)
          .execute();
  return { rows, total: Number(total?.n ?? 0) };
}

export async function findStaffById(db: Executor, id: string): Promise<StaffTable | undefined> {
  return db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findStaffByBadge(db: Executor, orgId: string, badge: string): Promise<StaffTable | undefined> {
  return db.selectFrom('staff').selectAll().where('org_id', '=', orgId).where('badge_no', '=', badge).executeTakeFirst();
}

export async function findUnitsOfStaff(db: Executor, staffIds: string[]) {
  if (staffIds.length === 0) return [];
  return db
    .selectFrom('staff_units')
    .innerJoin('units', 'units.id', 'staff_units.unit_id')
    .select(['staff_units.staff_id', 'staff_units.is_primary', 'units.id', 'units.code', 'units.name', 'units.path'])
    .where('staff_units.staff_id', 'in', staffIds)
    .orderBy('staff_units.is_primary', 'desc')
    .execute();
}

/** The primary unit of a staff member (falls back to any of their units). */
export async function findPrimaryUnit(db: Executor, staffId: string) {
  return db
    .selectFrom('staff_units')
    .innerJoin('units', 'units.id', 'staff_units.unit_id')
    .select(['units.id', 'units.path', 'units.name'])
    .where('staff_units.staff_id', '=', staffId)
    .orderBy('staff_units.is_primary', 'desc')
    .executeTakeFirst();
}

export async function insertStaff(db: Executor, row: StaffTable): Promise<void> {
  await db.insertInto('staff').values(row).execute();
}

export function updateStaffIfVersion(db: Executor, id: string, version: number, changes: Partial<StaffTable>): Promise<boolean> {
  return updateIfVersion(db, 'staff', id, version, changes);
}

export async function replaceStaffUnits(db: Executor, orgId: string, staffId: string, unitIds: string[]): Promise<void> {
  await db.deleteFrom('staff_units').where('staff_id', '=', staffId).execute();
  if (unitIds.length === 0) return;
  await db
    .insertInto('staff_units')
    .values(unitIds.map((unitId, i) => ({ staff_id: staffId, unit_id: unitId, org_id: orgId, is_primary: i === 0 ? 1 : 0 })))
    .execute();
}

/** Every staff name of an organisation (for masking names in published text). */
export async function findStaffNames(db: Executor, orgId: string): Promise<string[]> {
  const rows = await db.selectFrom('staff').select('name').where('org_id', '=', orgId).execute();
  return rows.map((r) => r.name);
}

/** Active staff working in a unit itself (not below it), by id. */
export async function findActiveMemberIds(db: Executor, unitId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('staff_units')
    .innerJoin('staff', 'staff.id', 'staff_units.staff_id')
    .select('staff.id')
    .where('staff_units.unit_id', '=', unitId)
    .where('staff.active', '=', 1)
    .orderBy('staff.badge_no')
    .execute();
  return rows.map((r) => r.id);
}

/** Active staff of an organisation, optionally working in a unit's subtree and of some categories: how many. */
export async function countActiveStaff(db: Executor, f: { orgId: string; unitPath?: string; categories?: readonly string[] }): Promise<number> {
  let q = db.selectFrom('staff').select((eb) => eb.fn.countAll<number>().as('n')).where('staff.org_id', '=', f.orgId).where('staff.active', '=', 1);
  if (f.unitPath) {
    const prefix = `${f.unitPath}%`;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('staff_units').innerJoin('units', 'units.id', 'staff_units.unit_id').select('staff_units.staff_id').whereRef('staff_units.staff_id', '=', 'staff.id').where('units.path', 'like', prefix)),
    );
  }
  if (f.categories) q = q.where('staff.category', 'in', f.categories.length ? [...f.categories] : ['-none-']);
  return Number((await q.executeTakeFirst())?.n ?? 0);
}

/** Ids of the active staff with a flag set (e.g. middleCadre) — read in code, the flags are JSON. */
export async function findActiveStaffFlags(db: Executor, orgId: string): Promise<{ id: string; flags: string }[]> {
  return db.selectFrom('staff').select(['id', 'flags']).where('org_id', '=', orgId).where('active', '=', 1).where('flags', '<>', '{}').execute();
}
