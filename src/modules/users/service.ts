import type { AppContext, Executor } from '../../shared/context.js';
import { AppError, requireVersion } from '../../shared/errors.js';
import { managers, requireRole, type Actor } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import { onUniqueViolation } from '../../db/dialect.js';
import type { UsersTable } from '../../db/types.js';
import { duplicateOf } from '../../shared/issues.js';
import { pageOf, sortedPageWindow } from '../../shared/page.js';
import { flag, patchOf } from '../../shared/patch.js';
import { appendAudit } from '../audit/service.js';
import { endSessionsOf, forgiveFailedLogins, hashPassword, presentUser, requireStrongPassword, verifyPassword } from '../auth/service.js';
import { loadUnitsInScope } from '../units/service.js';
import { getStaff } from '../staff/service.js';
import type { CreateUserInput, ListUsersQuery, UpdateUserInput } from './schema.js';
import * as repo from './repository.js';

export async function listUsers(ctx: AppContext, actor: Actor, query: ListUsersQuery) {
  requireRole(actor, ['admin']);
  const { rows, total } = await repo.findUsers(ctx.db.kysely, ctx.db.dialect, {
    orgId: actor.orgId,
    role: query.role,
    ...sortedPageWindow(query),
  });
  return pageOf(rows.map(presentUser), total, query);
}

async function loadUser(ctx: AppContext, actor: Actor, id: string, db: Executor) {
  const row = await repo.findUserById(db, id);
  if (!row || row.org_id !== actor.orgId) throw new AppError('not_found', { details: { entity: 'user', id } });
  return row;
}

export async function getUser(ctx: AppContext, actor: Actor, id: string) {
  if (actor.userId !== id) requireRole(actor, ['admin']);
  return presentUser(await loadUser(ctx, actor, id, ctx.db.kysely));
}

async function checkLinks(ctx: AppContext, actor: Actor, input: { unitId?: string | null; staffId?: string | null }, db: Executor) {
  if (input.unitId) await loadUnitsInScope(ctx, actor, [input.unitId], db);
  if (input.staffId) await getStaff(ctx, actor, input.staffId);
}

export async function createUser(ctx: AppContext, actor: Actor, input: CreateUserInput) {
  requireRole(actor, ['admin']);
  requireStrongPassword(input.password, input.username, 'body.password');
  await checkLinks(ctx, actor, input, ctx.db.kysely);
  const now = ctx.clock.now();
  const row: UsersTable = {
    id: newId(now),
    org_id: actor.orgId,
    username: input.username,
    password_hash: await hashPassword(input.password),
    role: input.role,
    display_name: input.displayName ?? input.username,
    email: input.email ?? null,
    staff_id: input.staffId ?? null,
    unit_id: input.unitId ?? null,
    active: 1,
    failed_logins: 0,
    locked_until: null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await onUniqueViolation(
    () =>
      ctx.db.kysely.transaction().execute(async (trx) => {
        await repo.insertUser(trx, row);
        await appendAudit(ctx, trx, actor, { action: 'create', entity: 'user', entityId: row.id, after: presentUser(row) });
      }),
    () => duplicateOf('username', { zh: '用户名', en: 'Username' }),
  );
  return presentUser(row);
}

export async function updateUser(ctx: AppContext, actor: Actor, id: string, input: UpdateUserInput) {
  requireRole(actor, ['admin']);
  if (input.password) requireStrongPassword(input.password, (await loadUser(ctx, actor, id, ctx.db.kysely)).username, 'body.password');
  await checkLinks(ctx, actor, input, ctx.db.kysely);
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await loadUser(ctx, actor, id, trx);
    requireVersion(row.version, input.version);
    if (id === actor.userId && (input.active === false || (input.role && input.role !== 'admin'))) {
      throw new AppError('forbidden', { message: { zh: '不能停用自己或取消自己的管理员角色', en: 'You cannot deactivate yourself or drop your own admin role' } });
    }
    const changes: Partial<UsersTable> = { updated_at: ctx.clock.now(), ...patchOf<UsersTable>(input, { role: 'role', displayName: 'display_name', email: 'email', unitId: 'unit_id', staffId: 'staff_id', active: ['active', flag] }) };
    if (passwordHash) Object.assign(changes, { password_hash: passwordHash, failed_logins: 0, locked_until: null });
    if (!(await repo.updateUserIfVersion(trx, id, input.version, changes))) throw new AppError('version_conflict');
    // A changed role or scope, or a password reset by the administrator, ends every session of the user.
    if (passwordHash || input.role || input.unitId !== undefined || input.active === false) await endSessionsOf(trx, id);
    if (passwordHash) await forgiveFailedLogins(trx, row.username);
    const after = { ...row, ...changes, version: input.version + 1 };
    await appendAudit(ctx, trx, actor, { action: 'update', entity: 'user', entityId: id, before: presentUser(row), after: { ...presentUser(after), passwordChanged: !!passwordHash } });
    return presentUser(after);
  });
}

/**
 * Changes the caller's own password with the current one. Every other session of the user ends
 * (someone who knew the old password is logged out); `sessionToken` is the session making the
 * change, which stays (absent when an API token calls: then all sessions end).
 */
export async function changeOwnPassword(ctx: AppContext, actor: Actor, input: { currentPassword: string; newPassword: string }, sessionToken?: string) {
  const row = await loadUser(ctx, actor, actor.userId, ctx.db.kysely);
  if (!(await verifyPassword(row.password_hash, input.currentPassword))) throw new AppError('wrong_password');
  requireStrongPassword(input.newPassword, row.username, 'body.newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (!(await repo.updateUserIfVersion(trx, row.id, row.version, { password_hash: passwordHash, updated_at: ctx.clock.now() }))) throw new AppError('version_conflict');
    await endSessionsOf(trx, row.id, { keepSessionToken: sessionToken });
    await appendAudit(ctx, trx, actor, { action: 'change_password', entity: 'user', entityId: row.id, after: { otherSessionsEnded: true } });
  });
}

export async function findUserByUsername(ctx: AppContext, username: string) {
  return repo.findUserByUsername(ctx.db.kysely, username);
}

/**
 * 可指派人员: who a manager may assign a case to — the organisation-wide offices, and the people
 * of the caller's own subtree (a unit head does not see other departments' staff).
 */
export async function listAssignableUsers(ctx: AppContext, actor: Actor) {
  requireRole(actor, managers);
  const rows = await repo.findAssignableUsers(ctx.db.kysely, actor.orgId);
  return {
    items: rows
      .filter((r) => actor.scopePath === null || r.role === 'quality_office' || r.role === 'admin' || (r.unit_path ?? '').startsWith(actor.scopePath))
      .map((r) => ({ id: r.id, displayName: r.display_name, username: r.username, role: r.role, unitId: r.unit_id, unitName: r.unit_name })),
  };
}

/** Who receives a notice: users of a role in the organisation (e.g. the quality office). */
export async function userIdsWithRole(ctx: AppContext, orgId: string, role: string, db: Executor = ctx.db.kysely) {
  return repo.findActiveUserIdsByRole(db, orgId, role);
}

/** Active users of these roles (who may be given an inspection assignment). */
export async function listActiveUsersWithRoles(ctx: AppContext, orgId: string, roles: readonly string[]) {
  const rows = await repo.findActiveUsersByRoles(ctx.db.kysely, orgId, roles);
  return rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name, role: r.role }));
}

/** The heads of the nearest unit above (or at) a unit that has one. */
export async function nearestUnitHeadIds(ctx: AppContext, orgId: string, unitPath: string, db: Executor = ctx.db.kysely): Promise<string[]> {
  const heads = await repo.findUnitHeadsFor(db, orgId, unitPath);
  if (heads.length === 0) return [];
  const nearest = heads[0].path;
  return heads.filter((h) => h.path === nearest).map((h) => h.id);
}

/** The active users of a staff member, with their email (null: in-app messages only). */
export async function usersOfStaff(ctx: AppContext, orgId: string, staffId: string, db: Executor = ctx.db.kysely) {
  return repo.findUsersOfStaff(db, orgId, staffId);
}

/** The heads of the nearest unit above (or at) a unit that has one: user, email and staff link. */
export async function nearestUnitHeadContacts(ctx: AppContext, orgId: string, unitPath: string, db: Executor = ctx.db.kysely) {
  return (await repo.findNearestUnitHeadContacts(db, orgId, unitPath)).map((r) => ({ userId: r.id, email: r.email, staffId: r.staff_id }));
}

/** Whether a user exists in the organisation and is active (for assignment). */
export async function findActiveUser(ctx: AppContext, orgId: string, userId: string, db: Executor = ctx.db.kysely) {
  const row = await repo.findUserById(db, userId);
  return row && row.org_id === orgId && row.active === 1 ? presentUser(row) : null;
}
