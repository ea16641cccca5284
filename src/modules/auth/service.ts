import type { AppContext } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { isUnitScoped, requireRole, type Actor, type Role } from '../../shared/access.js';
import { newId, randomToken, sha256Hex } from '../../shared/ids.js';
import { appendAudit } from '../audit/service.js';
import type { UsersTable } from '../../db/types.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import * as repo from './repository.js';

/** 登录限制: after this many wrong passwords the account waits `lockMinutes`. */
export const loginThrottle = { maxFailures: 5, lockMinutes: 15 } as const;

export async function actorForUser(ctx: AppContext, user: UsersTable, via: Actor['via']): Promise<Actor> {
  const role = user.role as Role;
  let scopePath: string | null = null;
  if (isUnitScoped(role)) {
    // A scoped user without a unit sees nothing rather than everything.
    scopePath = (user.unit_id && (await repo.findUnitPath(ctx.db.kysely, user.unit_id))) || '/-/';
  }
  return {
    userId: user.id,
    orgId: user.org_id,
    role,
    username: user.username,
    staffId: user.staff_id,
    unitId: user.unit_id,
    scopePath,
    via,
  };
}

export interface LoginResult {
  sessionToken: string;
  csrfToken: string;
  expiresAt: number;
  actor: Actor;
}

export async function logIn(ctx: AppContext, options: { username: string; password: string }): Promise<LoginResult> {
  const now = ctx.clock.now();
  const user = await repo.findUserByUsername(ctx.db.kysely, options.username);
  if (!user || !user.active) {
    await verifyPassword(await dummyPasswordHash(), options.password);
    throw new AppError('invalid_credentials');
  }
  if (user.locked_until && user.locked_until > now) {
    throw new AppError('account_locked', { details: { retryAfterSeconds: Math.ceil((user.locked_until - now) / 1000) } });
  }
  if (!(await verifyPassword(user.password_hash, options.password))) {
    const failures = user.failed_logins + 1;
    const lockedUntil = failures >= loginThrottle.maxFailures ? now + loginThrottle.lockMinutes * 60_000 : null;
    await repo.recordFailedLogin(ctx.db.kysely, user.id, lockedUntil ? 0 : failures, lockedUntil);
    throw new AppError('invalid_credentials');
  }
  const sessionToken = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = now + ctx.config.sessionHours * 3_600_000;
  const actor = await actorForUser(ctx, user, 'session');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await repo.clearFailedLogins(trx, user.id);
    await repo.insertSession(trx, { id: sha256Hex(sessionToken), user_id: user.id, csrf_token: csrfToken, created_at: now, expires_at: expiresAt });
    await appendAudit(ctx, trx, actor, { action: 'login', entity: 'user', entityId: user.id });
  });
  return { sessionToken, csrfToken, expiresAt, actor };
}

export async function logOut(ctx: AppContext, actor: Actor, sessionToken: string): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, sha256Hex(sessionToken));
    await appendAudit(ctx, trx, actor, { action: 'logout', entity: 'user', entityId: actor.userId });
  });
}

export async function resolveSession(ctx: AppContext, sessionToken: string): Promise<{ actor: Actor; csrfToken: string } | null> {
  const row = await repo.findSession(ctx.db.kysely, sha256Hex(sessionToken), ctx.clock.now());
  if (!row || !row.active) return null;
  const { sessionId: _s, csrf_token, expires_at: _e, ...user } = row;
  return { actor: await actorForUser(ctx, user as UsersTable, 'session'), csrfToken: csrf_token };
}

const tokenPattern = /^yz_[A-Za-z0-9_-]{20,}$/;

export async function resolveApiToken(ctx: AppContext, token: string): Promise<Actor | null> {
  if (!tokenPattern.test(token)) return null;
  const row = await repo.findActiveApiToken(ctx.db.kysely, sha256Hex(token));
  if (!row || !row.active) return null;
  const { tokenId, ...user } = row;
  await repo.touchApiToken(ctx.db.kysely, tokenId, ctx.clock.now());
  return actorForUser(ctx, user as UsersTable, 'token');
}

export interface CreateApiTokenOptions {
  userId: string;
  name: string;
}

/** Creates an API token; the secret is returned once and only its hash is stored. */
export async function createApiToken(ctx: AppContext, actor: Actor, options: CreateApiTokenOptions) {
  const user = await repo.findUserById(ctx.db.kysely, options.userId);
  if (!user || user.org_id !== actor.orgId) throw new AppError('not_found');
  if (user.id !== actor.userId) requireRole(actor, ['admin']);
  const secret = `yz_${randomToken(30)}`;
  const now = ctx.clock.now();
  const row = {
    id: newId(now),
    user_id: user.id,
    org_id: user.org_id,
    name: options.name,
    token_hash: sha256Hex(secret),
    prefix: secret.slice(0, 9),
    created_at: now,
    last_used_at: null,
    revoked_at: null,
  };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await repo.insertApiToken(trx, row);
    await appendAudit(ctx, trx, actor, { action: 'create', entity: 'api_token', entityId: row.id, after: { name: row.name, userId: user.id, prefix: row.prefix } });
  });
  return { token: secret, ...presentToken(row, user.username) };
}

function presentToken(row: { id: string; name: string; prefix: string; user_id: string; created_at: number; last_used_at: number | null; revoked_at: number | null }, username?: string) {
  const iso = (ms: number | null) => (ms == null ? null : new Date(Number(ms)).toISOString());
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    userId: row.user_id,
    username,
    createdAt: iso(row.created_at),
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
  };
}

/** Admins see every token of the organisation; everyone else sees their own. */
export async function listApiTokens(ctx: AppContext, actor: Actor) {
  const rows = await repo.listApiTokens(ctx.db.kysely, actor.orgId, actor.role === 'admin' ? undefined : actor.userId);
  return { items: rows.map((r) => presentToken(r)) };
}

export async function revokeApiToken(ctx: AppContext, actor: Actor, tokenId: string): Promise<void> {
  const row = await repo.findApiToken(ctx.db.kysely, tokenId);
  if (!row || row.org_id !== actor.orgId) throw new AppError('not_found');
  if (row.user_id !== actor.userId) requireRole(actor, ['admin']);
  if (row.revoked_at) return;
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await repo.revokeApiToken(trx, tokenId, ctx.clock.now());
    await appendAudit(ctx, trx, actor, { action: 'revoke', entity: 'api_token', entityId: tokenId, before: { revokedAt: null }, after: { revokedAt: ctx.clock.now() } });
  });
}
