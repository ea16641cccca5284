import { sql } from 'kysely';
import type { Executor } from '../../shared/context.js';
import type { ApiTokensTable, LoginThrottleTable, SessionsTable, UsersTable } from '../../db/types.js';

export async function findUserByUsername(db: Executor, username: string): Promise<UsersTable | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUserById(db: Executor, id: string): Promise<UsersTable | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function readLoginThrottles(db: Executor, keys: string[]): Promise<LoginThrottleTable[]> {
  return db.selectFrom('login_throttle').selectAll().where('key', 'in', keys).execute();
}

export async function writeLoginThrottle(db: Executor, row: LoginThrottleTable): Promise<void> {
  await db
    .insertInto('login_throttle')
    .values(row)
    .onConflict((oc) => oc.column('key').doUpdateSet({ failures: row.failures, window_started_at: row.window_started_at, locked_until: row.locked_until, updated_at: row.updated_at }))
    .execute();
}

export async function deleteLoginThrottles(db: Executor, keys: string[]): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', 'in', keys).execute();
}

/** Counters untouched since `before` have expired (windows and locks are far shorter). */
export async function deleteStaleLoginThrottles(db: Executor, before: number): Promise<void> {
  await db.deleteFrom('login_throttle').where('updated_at', '<', before).execute();
}

/** Every counter of a username: its own and those of each (username, client) pair. */
export async function deleteLoginThrottlesOf(db: Executor, userKey: string, pairPrefix: string): Promise<void> {
  await db
    .deleteFrom('login_throttle')
    .where((eb) => eb.or([eb('key', '=', userKey), eb(sql`substr(key, 1, ${pairPrefix.length})`, '=', pairPrefix)]))
    .execute();
}

export async function insertSession(db: Executor, row: SessionsTable) {
  await db.insertInto('sessions').values(row).execute();
}

export async function findSession(db: Executor, id: string, now: number) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id as sessionId', 'sessions.csrf_token', 'sessions.expires_at'])
    .selectAll('users')
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
}

export async function deleteSession(db: Executor, id: string) {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends a user's sessions, all of them or all but one (the one that changed the password). */
export async function deleteSessionsOfUser(db: Executor, userId: string, exceptId?: string) {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '<>', exceptId);
  await q.execute();
}

export async function deleteExpiredSessions(db: Executor, now: number) {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

export async function insertApiToken(db: Executor, row: ApiTokensTable) {
  await db.insertInto('api_tokens').values(row).execute();
}

/** A token that is neither revoked nor expired at `now`, with its user. */
export async function findActiveApiToken(db: Executor, tokenHash: string, now: number) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id as tokenId', 'api_tokens.scope as tokenScope'])
    .selectAll('users')
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', now)]))
    .executeTakeFirst();
}

export async function touchApiToken(db: Executor, id: string, now: number) {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}

export async function listApiTokens(db: Executor, orgId: string, userId?: string) {
  let q = db.selectFrom('api_tokens').innerJoin('users', 'users.id', 'api_tokens.user_id').selectAll('api_tokens').select('users.username').where('api_tokens.org_id', '=', orgId);
  if (userId) q = q.where('api_tokens.user_id', '=', userId);
  return q.orderBy('api_tokens.created_at', 'desc').execute();
}

export async function findApiToken(db: Executor, id: string) {
  return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function revokeApiToken(db: Executor, id: string, now: number) {
  await db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).execute();
}

export async function findUnitPath(db: Executor, unitId: string): Promise<string | undefined> {
  const row = await db.selectFrom('units').select('path').where('id', '=', unitId).executeTakeFirst();
  return row?.path;
}
