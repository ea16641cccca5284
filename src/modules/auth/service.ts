import type { AppContext, Executor } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { isUnitScoped, requireRole, type Actor, type Role, type TokenScope } from '../../shared/access.js';
import { newId, randomToken, sha256Hex } from '../../shared/ids.js';
import { appendAudit } from '../audit/service.js';
import type { ApiTokensTable, UsersTable } from '../../db/types.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import * as repo from './repository.js';
import { afterFailure, lockedUntil, loginThrottle, pairKey, pairKeyPrefix, usernameKey, type ThrottleCounter } from './throttle.js';

export { loginThrottle } from './throttle.js';
export { hashPassword, verifyPassword } from './passwords.js';
export { requireStrongPassword } from './password-policy.js';

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

export interface LoginAttempt {
  username: string;
  password: string;
  /** The client's address as the server sees it (behind a trusted proxy: X-Forwarded-For, see YOUZHI_TRUST_PROXY). */
  client: string;
}

type FailureReason = 'unknown_user' | 'inactive' | 'wrong_password' | 'locked';

export async function logIn(ctx: AppContext, attempt: LoginAttempt): Promise<LoginResult> {
  const now = ctx.clock.now();
  const { username, client } = attempt;
  const keys = [pairKey(username, client), usernameKey(username)];
  const counters = await repo.readLoginThrottles(ctx.db.kysely, keys);
  const until = lockedUntil(counters.map(counterOf), now);
  const user = await repo.findUserByUsername(ctx.db.kysely, username);
  if (until) {
    await recordFailedLogin(ctx, attempt, user, 'locked', null);
    throw new AppError('account_locked', { details: { retryAfterSeconds: Math.ceil((until - now) / 1000) } });
  }
  if (!user || !user.active) {
    await verifyPassword(await dummyPasswordHash(), attempt.password);
    await recordFailedLogin(ctx, attempt, user, user ? 'inactive' : 'unknown_user', counters);
    throw new AppError('invalid_credentials');
  }
  if (!(await verifyPassword(user.password_hash, attempt.password))) {
    await recordFailedLogin(ctx, attempt, user, 'wrong_password', counters);
    throw new AppError('invalid_credentials');
  }
  const sessionToken = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = now + ctx.config.sessionHours * 3_600_000;
  const actor = await actorForUser(ctx, user, 'session');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    // Success from this address forgives its failures; the per-username window runs out by itself.
    await repo.deleteLoginThrottles(trx, [pairKey(username, client)]);
    await repo.insertSession(trx, { id: sha256Hex(sessionToken), user_id: user.id, csrf_token: csrfToken, created_at: now, expires_at: expiresAt });
    await appendAudit(ctx, trx, actor, { action: 'login', entity: 'user', entityId: user.id, after: { client } });
  });
  return { sessionToken, csrfToken, expiresAt, actor };
}

function counterOf(row: { failures: number; window_started_at: number; locked_until: number | null }): ThrottleCounter {
  return { failures: Number(row.failures), windowStartedAt: Number(row.window_started_at), lockedUntil: row.locked_until === null ? null : Number(row.locked_until) };
}

/**
 * Counts a failed login against the (username, client) pair and the username, and audits it:
 * the actor is the username that was tried (never the password), in the user's organisation
 * when the username exists. Attempts refused by a lock are audited but not counted again.
 */
async function recordFailedLogin(ctx: AppContext, attempt: LoginAttempt, user: UsersTable | undefined, reason: FailureReason, counters: { key: string; failures: number; window_started_at: number; locked_until: number | null }[] | null) {
  const now = ctx.clock.now();
  const { username, client } = attempt;
  const actor: Actor = { userId: '', orgId: user?.org_id ?? '', role: 'staff', username, staffId: null, unitId: null, scopePath: '/-/', via: 'session' };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (counters) {
      const rules = [
        { key: pairKey(username, client), rule: loginThrottle.perClient },
        { key: usernameKey(username), rule: loginThrottle.perUsername },
      ];
      for (const { key, rule } of rules) {
        const row = counters.find((c) => c.key === key);
        const next = afterFailure(row && counterOf(row), rule, now);
        await repo.writeLoginThrottle(trx, { key, failures: next.failures, window_started_at: next.windowStartedAt, locked_until: next.lockedUntil, updated_at: now });
      }
      await repo.deleteStaleLoginThrottles(trx, now - 24 * 3_600_000);
    }
    await appendAudit(ctx, trx, actor, { action: 'login_failed', entity: 'user', entityId: user?.id ?? username, after: { reason, client } });
  });
}

/** After an administrator sets a new password, earlier failures no longer count against the user. */
export async function forgiveFailedLogins(trx: Executor, username: string): Promise<void> {
  await repo.deleteLoginThrottlesOf(trx, usernameKey(username), pairKeyPrefix(username));
}

export async function logOut(ctx: AppContext, actor: Actor, sessionToken: string): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, sha256Hex(sessionToken));
    await appendAudit(ctx, trx, actor, { action: 'logout', entity: 'user', entityId: actor.userId });
  });
}

/**
 * Ends the user's sessions: after an administrator's reset (or a change of role or scope) all of
 * them; after a change of one's own password all but the session that made it.
 */
export async function endSessionsOf(trx: Executor, userId: string, options: { keepSessionToken?: string } = {}): Promise<void> {
  await repo.deleteSessionsOfUser(trx, userId, options.keepSessionToken ? sha256Hex(options.keepSessionToken) : undefined);
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
  const row = await repo.findActiveApiToken(ctx.db.kysely, sha256Hex(token), ctx.clock.now());
  if (!row || !row.active) return null;
  const { tokenId, tokenScope, ...user } = row;
  await repo.touchApiToken(ctx.db.kysely, tokenId, ctx.clock.now());
  return { ...(await actorForUser(ctx, user as UsersTable, 'token')), tokenScope: tokenScope as TokenScope };
}

export interface CreateApiTokenOptions {
  userId: string;
  name: string;
  /** Default `full`: what the user may do. */
  scope?: TokenScope;
  /** Valid for this many days; no expiry when absent. */
  expiresInDays?: number;
}

/** Creates an API token; the secret is returned once and only its hash is stored. */
export async function createApiToken(ctx: AppContext, actor: Actor, options: CreateApiTokenOptions) {
  // A leaked token must not mint more of itself: tokens are made by a logged-in person (or the CLI).
  if (actor.via === 'token') throw new AppError('forbidden', { message: { zh: 'API 令牌不能创建令牌，请登录后创建', en: 'An API token cannot create tokens; log in to create one' } });
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
    scope: options.scope ?? 'full',
    expires_at: options.expiresInDays ? now + options.expiresInDays * 86_400_000 : null,
  };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await repo.insertApiToken(trx, row);
    await appendAudit(ctx, trx, actor, { action: 'create', entity: 'api_token', entityId: row.id, after: { name: row.name, userId: user.id, prefix: row.prefix, scope: row.scope, expiresAt: row.expires_at } });
  });
  return { token: secret, ...presentToken(row, user.username) };
}

function presentToken(row: Omit<ApiTokensTable, 'token_hash' | 'org_id'>, username?: string) {
  const iso = (ms: number | null) => (ms == null ? null : new Date(Number(ms)).toISOString());
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    userId: row.user_id,
    username,
    scope: row.scope as TokenScope,
    createdAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
  };
}

/** Admins see every token of the organisation; everyone else sees their own. */
export async function listApiTokens(ctx: AppContext, actor: Actor) {
  const rows = await repo.listApiTokens(ctx.db.kysely, actor.orgId, actor.role === 'admin' ? undefined : actor.userId);
  return { items: rows.map((r) => presentToken(r, r.username)) };
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

/** A user as clients see it: never includes the password hash (the users module presents users with it too). */
export function presentUser(row: UsersTable) {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    role: row.role,
    unitId: row.unit_id,
    staffId: row.staff_id,
    active: row.active === 1,
    version: row.version,
  };
}

/** The caller's own account (GET /api/v1/auth/me and the answer to a login). */
export async function ownAccount(ctx: AppContext, actor: Actor) {
  const row = await repo.findUserById(ctx.db.kysely, actor.userId);
  if (!row || row.org_id !== actor.orgId) throw new AppError('not_found', { details: { entity: 'user', id: actor.userId } });
  return presentUser(row);
}
