import type { AppContext, Executor } from '../../shared/context.js';
import { readStaffStars } from '../../shared/stars.js';
import { AppError, requireVersion } from '../../shared/errors.js';
import { managers, requireRole, unitInScope, type Actor, type Role } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import { parseJson } from '../../shared/json.js';
import { onUniqueViolation } from '../../db/dialect.js';
import type { StaffTable } from '../../db/types.js';
import { duplicateOf, fieldIssue, invalidFields } from '../../shared/issues.js';
import { pageOf, sortedPageWindow } from '../../shared/page.js';
import { flag, json, patchOf } from '../../shared/patch.js';
import { appendAudit } from '../audit/service.js';
import { loadUnitsInScope } from '../units/service.js';
import type { CreateStaffInput, ListStaffQuery, UpdateStaffInput } from './schema.js';
import * as repo from './repository.js';

type StaffUnit = { id: string; code: string; name: string; path: string; primary: boolean };

function presentStaff(row: StaffTable, units: StaffUnit[]) {
  return {
    id: row.id,
    code: row.badge_no,
    badgeNo: row.badge_no,
    name: row.name,
    units: units.map(({ id, code, name, primary }) => ({ id, code, name, primary })),
    posts: parseJson<string[]>(row.posts, []),
    category: row.category,
    partyBranch: row.party_branch,
    phone: row.phone,
    flags: parseJson<Record<string, boolean>>(row.flags, {}),
    active: row.active === 1,
    version: row.version,
  };
}

async function unitsByStaff(db: Executor, ids: string[]): Promise<Map<string, StaffUnit[]>> {
  const map = new Map<string, StaffUnit[]>();
  for (const r of await repo.findUnitsOfStaff(db, ids)) {
    const list = map.get(r.staff_id) ?? [];
    list.push({ id: r.id, code: r.code, name: r.name, path: r.path, primary: r.is_primary === 1 });
    map.set(r.staff_id, list);
  }
  return map;
}

/** Who may read the staff roster: managers (scoped) and inspectors, who inspect windows. */
const rosterReaders: readonly Role[] = [...managers, 'inspector'];

export async function listStaff(ctx: AppContext, actor: Actor, query: ListStaffQuery) {
  requireRole(actor, rosterReaders);
  if (query.unitId) await loadUnitsInScope(ctx, actor, [query.unitId]);
  const { rows, total } = await repo.findStaff(ctx.db.kysely, ctx.db.dialect, {
    orgId: actor.orgId,
    scopePath: actor.scopePath,
    unitId: query.unitId,
    active: query.active === undefined ? undefined : query.active === 'true',
    ...sortedPageWindow(query),
  });
  const units = await unitsByStaff(ctx.db.kysely, rows.map((r) => r.id));
  const star = await starsOf(ctx.db.kysely, actor.orgId, rows.map((r) => r.id));
  return pageOf(rows.map((r) => ({ ...presentStaff(r, units.get(r.id) ?? []), star: star(r.id) })), total, query);
}

/** A staff member is in the caller's scope when any of their units is. */
async function loadStaffInScope(ctx: AppContext, actor: Actor, id: string, db: Executor) {
  const row = await repo.findStaffById(db, id);
  if (!row || row.org_id !== actor.orgId) throw new AppError('not_found', { details: { entity: 'staff', id } });
  const units = (await unitsByStaff(db, [id])).get(id) ?? [];
  const own = actor.staffId === id;
  if (!own && actor.scopePath && !units.some((u) => unitInScope(actor, u.path))) throw new AppError('out_of_scope');
  return { row, units };
}

export async function getStaff(ctx: AppContext, actor: Actor, id: string, db: Executor = ctx.db.kysely) {
  // Everyone may read their own record; otherwise the roster readers, in scope.
  if (actor.staffId !== id) requireRole(actor, rosterReaders);
  const { row, units } = await loadStaffInScope(ctx, actor, id, db);
  const star = await starsOf(db, actor.orgId, [id]);
  return { ...presentStaff(row, units), star: star(id) };
}

/** 挂星上岗 (000:L115): each person's star from their latest approved appraisal sheet, or null. */
async function starsOf(db: Executor, orgId: string, staffIds: string[]) {
  const stars = await readStaffStars(db, { orgId, staffIds });
  return (id: string) => stars.get(id) ?? null;
}

export async function createStaff(ctx: AppContext, actor: Actor, input: CreateStaffInput) {
  requireRole(actor, managers);
  return withUniqueBadge(() => ctx.db.kysely.transaction().execute((trx) => createStaffWith(ctx, trx, actor, input)));
}

/** Creates a staff member inside the caller's transaction (roster imports are all-or-nothing). */
export async function createStaffWith(ctx: AppContext, trx: Executor, actor: Actor, input: CreateStaffInput) {
  const units = await loadUnitsInScope(ctx, actor, input.unitIds, trx);
  const now = ctx.clock.now();
  const row: StaffTable = {
    id: newId(now),
    org_id: actor.orgId,
    badge_no: input.badgeNo,
    name: input.name,
    category: input.category ?? null,
    party_branch: input.partyBranch ?? null,
    posts: JSON.stringify(input.posts ?? []),
    flags: JSON.stringify(input.flags ?? {}),
    phone: input.phone ?? null,
    active: 1,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await repo.insertStaff(trx, row);
  await repo.replaceStaffUnits(trx, actor.orgId, row.id, input.unitIds);
  const view = presentStaff(row, orderUnits(units, input.unitIds));
  await appendAudit(ctx, trx, actor, { action: 'create', entity: 'staff', entityId: row.id, after: view });
  return view;
}

function orderUnits(rows: { id: string; code: string; name: string; path: string }[], ids: string[]): StaffUnit[] {
  return ids.map((id, i) => {
    const u = rows.find((r) => r.id === id)!;
    return { id: u.id, code: u.code, name: u.name, path: u.path, primary: i === 0 };
  });
}

export async function updateStaff(ctx: AppContext, actor: Actor, id: string, input: UpdateStaffInput) {
  requireRole(actor, managers);
  return withUniqueBadge(() => ctx.db.kysely.transaction().execute((trx) => updateStaffWith(ctx, trx, actor, id, input)));
}

export async function updateStaffWith(ctx: AppContext, trx: Executor, actor: Actor, id: string, input: UpdateStaffInput) {
  const { row, units } = await loadStaffInScope(ctx, actor, id, trx);
  requireVersion(row.version, input.version);
  const changes: Partial<StaffTable> = {
    updated_at: ctx.clock.now(),
    ...patchOf<StaffTable>(input, {
      badgeNo: 'badge_no', name: 'name', category: 'category', partyBranch: 'party_branch', phone: 'phone', posts: ['posts', json],
      flags: ['flags', json], active: ['active', flag],
    }),
  };
  let newUnits = units;
  if (input.unitIds) {
    // A unit head may not take a person out of a unit they do not manage.
    if (units.some((u) => !unitInScope(actor, u.path))) throw new AppError('out_of_scope');
    newUnits = orderUnits(await loadUnitsInScope(ctx, actor, input.unitIds, trx), input.unitIds);
  }
  if (!(await repo.updateStaffIfVersion(trx, id, input.version, changes))) throw new AppError('version_conflict');
  if (input.unitIds) await repo.replaceStaffUnits(trx, actor.orgId, id, input.unitIds);
  const after = presentStaff({ ...row, ...changes, version: input.version + 1 }, newUnits);
  await appendAudit(ctx, trx, actor, { action: 'update', entity: 'staff', entityId: id, before: presentStaff(row, units), after });
  return after;
}

/** Staff are never hard-deleted: their incident file and ratings must stay attributable. */
export async function deactivateStaff(ctx: AppContext, actor: Actor, id: string, version: number) {
  return updateStaff(ctx, actor, id, { version, active: false });
}

/** The unit a staff member works in first (for routing a matter they received). */
export async function primaryUnitOfStaff(ctx: AppContext, staffId: string, db: Executor = ctx.db.kysely) {
  return repo.findPrimaryUnit(db, staffId);
}

/** Whether a staff member exists in the organisation (naming the subject of a complaint needs no roster access). */
export async function requireStaffInOrg(ctx: AppContext, orgId: string, id: string, db: Executor = ctx.db.kysely) {
  const row = await repo.findStaffById(db, id);
  if (!row || row.org_id !== orgId) throw invalidFields(fieldIssue('body.staffId', { zh: '人员不存在', en: 'No such staff member' }));
  return { id: row.id, name: row.name, badgeNo: row.badge_no, active: row.active === 1 };
}

/** The phone on a staff member's record (a dispatch by SMS reaches the technician there); null when none. */
export async function phoneOfStaff(ctx: AppContext, orgId: string, id: string, db: Executor = ctx.db.kysely): Promise<string | null> {
  const row = await repo.findStaffById(db, id);
  return row && row.org_id === orgId ? row.phone : null;
}

/** The active members of a unit (a per-member fine charges each, 004:L176). */
export async function activeMemberIdsOfUnit(ctx: AppContext, unitId: string, db: Executor = ctx.db.kysely): Promise<string[]> {
  return repo.findActiveMemberIds(db, unitId);
}

/** The units a staff member works in (their windows). */
export async function unitIdsOfStaff(ctx: AppContext, staffId: string, db: Executor = ctx.db.kysely): Promise<string[]> {
  return (await repo.findUnitsOfStaff(db, [staffId])).map((u) => u.id);
}

/** Whether a staff member works in the unit at `unitPath` or in a unit below it. */
export async function staffWorksUnder(ctx: AppContext, staffId: string, unitPath: string, db: Executor = ctx.db.kysely): Promise<boolean> {
  return (await repo.findUnitsOfStaff(db, [staffId])).some((u) => u.path.startsWith(unitPath));
}

export async function findStaffByBadge(ctx: AppContext, orgId: string, badge: string, db: Executor = ctx.db.kysely) {
  return repo.findStaffByBadge(db, orgId, badge);
}

/** A staff member by badge number as the caller sees the roster: another unit's staff do not exist for a unit head. */
export async function findStaffByBadgeInScope(ctx: AppContext, actor: Actor, badge: string, db: Executor = ctx.db.kysely) {
  const row = await repo.findStaffByBadge(db, actor.orgId, badge);
  if (!row || actor.scopePath === null || actor.staffId === row.id) return row;
  const units = (await unitsByStaff(db, [row.id])).get(row.id) ?? [];
  return units.some((u) => unitInScope(actor, u.path)) ? row : undefined;
}

function withUniqueBadge<T>(fn: () => Promise<T>): Promise<T> {
  return onUniqueViolation(fn, () => duplicateOf('badgeNo', { zh: '工号', en: 'Badge number' }));
}

/** The names of an organisation's staff, for masking them in what is published (open feeds). */
export async function staffNamesOf(ctx: AppContext, orgId: string): Promise<string[]> {
  return repo.findStaffNames(ctx.db.kysely, orgId);
}

/** What a selection reads of a staff member: name, category, party branch, flags, primary unit (null when not in the organisation). */
export async function staffForSelection(ctx: AppContext, orgId: string, id: string, db: Executor = ctx.db.kysely) {
  const row = await repo.findStaffById(db, id);
  if (!row || row.org_id !== orgId) return null;
  const units = (await unitsByStaff(db, [id])).get(id) ?? [];
  const primary = units.find((u) => u.primary) ?? units[0] ?? null;
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    partyBranch: row.party_branch,
    flags: parseJson<Record<string, boolean>>(row.flags, {}),
    active: row.active === 1,
    primaryUnit: primary ? { id: primary.id, name: primary.name, path: primary.path } : null,
  };
}

/** How many active staff an organisation has, in a unit's subtree (its path) and/or of some categories (headcount quotas). */
export async function countActiveStaff(ctx: AppContext, o: { orgId: string; unitPath?: string; categories?: readonly string[] }, db: Executor = ctx.db.kysely): Promise<number> {
  return repo.countActiveStaff(db, o);
}

/** Ids of the active staff with a flag (e.g. `middleCadre`: the voters of a middle-cadre vote). */
export async function activeStaffIdsWithFlag(ctx: AppContext, orgId: string, flag: string, db: Executor = ctx.db.kysely): Promise<string[]> {
  return (await repo.findActiveStaffFlags(db, orgId)).filter((r) => parseJson<Record<string, boolean>>(r.flags, {})[flag] === true).map((r) => r.id);
}
