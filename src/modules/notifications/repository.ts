import { sql } from 'kysely';
import type { Executor } from '../../shared/context.js';
import type { NotificationsTable } from '../../db/types.js';
import { insertMany } from '../../db/dialect.js';
import type { Db } from '../../db/connect.js';
import { claimOutboxMessage, settleOutboxMessage, type OutboxClaim } from '../../db/outbox.js';

export async function insertNotifications(db: Executor, handle: Pick<Db, 'dialect' | 'sqlite'>, rows: NotificationsTable[]) {
  await insertMany(db, handle.dialect, 'notifications', rows, handle.sqlite);
}

/** Messages due for an attempt. The status is a literal, not a parameter: both databases then see the partial index on pending messages answers it. */
export async function findPending(db: Executor, now: number, limit: number) {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('status', '=', sql.lit('pending'))
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
}

/** Claims the next attempt of a due message (compare-and-set on the attempt count, see db/outbox.ts), hidden from other nodes until `until`. */
export function claimForDelivery(db: Executor, due: { id: string; attempts: number; now: number; until: number }): Promise<OutboxClaim | null> {
  return claimOutboxMessage(db, 'notifications', { id: due.id, attempts: due.attempts, now: due.now, leaseUntil: due.until });
}

/** `sent` through a gateway, or `logged` when the logging adapter only recorded it (by the claimant of the attempt). */
export function markDelivered(db: Executor, claim: OutboxClaim, now: number, status: 'sent' | 'logged') {
  return settleOutboxMessage(db, 'notifications', claim, { status, next_attempt_at: null, sent_at: now, last_error: null });
}

/** A failed attempt: pending again at `nextAttemptAt`, or failed when the schedule gives none. */
export function markFailed(db: Executor, claim: OutboxClaim, error: string, nextAttemptAt: number | null) {
  return settleOutboxMessage(db, 'notifications', claim, { status: nextAttemptAt === null ? 'failed' : 'pending', next_attempt_at: nextAttemptAt, last_error: error.slice(0, 500) });
}

export async function findInbox(db: Executor, userId: string, unreadOnly: boolean, limit: number, offset: number) {
  let q = db.selectFrom('notifications').where('user_id', '=', userId).where('channel', '=', 'inbox');
  if (unreadOnly) q = q.where('read_at', 'is', null);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const unread = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('channel', '=', 'inbox')
    .where('read_at', 'is', null)
    .executeTakeFirst();
  const rows = await q.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
  return { rows, total: Number(total?.n ?? 0), unread: Number(unread?.n ?? 0) };
}

export async function markRead(db: Executor, userId: string, ids: string[], now: number) {
  if (ids.length === 0) return 0;
  const r = await db.updateTable('notifications').set({ read_at: now }).where('user_id', '=', userId).where('id', 'in', ids).where('read_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Marks read every in-app message of an organisation created up to `before`. */
export async function markOrganisationInboxRead(db: Executor, orgId: string, before: number, now: number) {
  const r = await db.updateTable('notifications').set({ read_at: now }).where('org_id', '=', orgId).where('channel', '=', 'inbox').where('read_at', 'is', null).where('created_at', '<=', before).executeTakeFirst();
  return Number(r.numUpdatedRows);
}
