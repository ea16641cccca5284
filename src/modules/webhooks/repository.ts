import type { Executor } from '../../shared/context.js';
import type { WebhookDeliveriesTable, WebhookSubscriptionsTable } from '../../db/types.js';
import { chunks } from '../../db/chunks.js';
import { deleteIfVersion, updateIfVersion } from '../../db/versioned.js';
import { claimOutboxMessage, settleOutboxMessage, type OutboxClaim } from '../../db/outbox.js';

export async function insertSubscription(db: Executor, row: WebhookSubscriptionsTable) {
  await db.insertInto('webhook_subscriptions').values(row).execute();
}

export function findSubscription(db: Executor, id: string) {
  return db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findSubscriptionsOfOrg(db: Executor, orgId: string) {
  return db.selectFrom('webhook_subscriptions').selectAll().where('org_id', '=', orgId).orderBy('created_at').orderBy('id').execute();
}

/** The active subscriptions of these organisations (the emitter filters them by event). */
export function findActiveSubscriptions(db: Executor, orgIds: string[]) {
  return db.selectFrom('webhook_subscriptions').select(['id', 'org_id', 'events']).where('org_id', 'in', orgIds).where('active', '=', 1).execute();
}

export function updateSubscriptionIfVersion(db: Executor, id: string, version: number, changes: Partial<WebhookSubscriptionsTable>) {
  return updateIfVersion(db, 'webhook_subscriptions', id, version, changes);
}

/** The receiver answered 410 Gone: the subscription is switched off, whatever its version. */
export async function disableSubscription(db: Executor, id: string, reason: string, now: number) {
  const r = await db
    .updateTable('webhook_subscriptions')
    .set((eb) => ({ active: 0, disabled_reason: reason, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('active', '=', 1)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteSubscriptionIfVersion(db: Executor, id: string, version: number) {
  await db.deleteFrom('webhook_deliveries').where('subscription_id', '=', id).execute();
  return deleteIfVersion(db, 'webhook_subscriptions', id, version);
}

export async function insertDeliveries(db: Executor, rows: WebhookDeliveriesTable[]) {
  for (const some of chunks(rows)) await db.insertInto('webhook_deliveries').values(some).execute();
}

export function findDelivery(db: Executor, id: string) {
  return db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findDeliveriesOf(db: Executor, subscriptionId: string, limit: number, offset: number) {
  const base = db.selectFrom('webhook_deliveries').where('subscription_id', '=', subscriptionId);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await base.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
  return { rows, total: Number(total?.n ?? 0) };
}

/** The next number for a resend of this event to this subscription. */
export async function nextResendSeq(db: Executor, subscriptionId: string, eventId: string): Promise<number> {
  const r = await db
    .selectFrom('webhook_deliveries')
    .select((eb) => eb.fn.max('resend_seq').as('seq'))
    .where('subscription_id', '=', subscriptionId)
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  return Number(r?.seq ?? 0) + 1;
}

/** Pending deliveries whose time has come, of active subscriptions, oldest first. */
export function findDueDeliveries(db: Executor, now: number, limit: number) {
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_subscriptions as s', 's.id', 'd.subscription_id')
    .select(['d.id', 'd.attempts'])
    .where('d.status', '=', 'pending')
    .where('d.next_attempt_at', '<=', now)
    .where('s.active', '=', 1)
    .orderBy('d.next_attempt_at')
    .orderBy('d.id')
    .limit(limit)
    .execute();
}

/**
 * Claims the next attempt (compare-and-set on the attempt count, see db/outbox.ts): the one node
 * whose update changes the row sends it. The row is hidden from the others until `until` (the
 * lease), after which an attempt that never reported back (a node died mid-send) is due again.
 */
export function claimDelivery(db: Executor, options: { id: string; attempts: number; now: number; node: string; until: number }): Promise<OutboxClaim | null> {
  return claimOutboxMessage(db, 'webhook_deliveries', { id: options.id, attempts: options.attempts, now: options.now, leaseUntil: options.until, also: { claimed_by: options.node, claimed_until: options.until } });
}

export interface AttemptOutcome {
  status: 'pending' | 'delivered' | 'failed';
  nextAttemptAt: number | null;
  at: number;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** Records what the claimed attempt found; only the claimant of that attempt may. */
export function recordAttempt(db: Executor, claim: OutboxClaim & { node: string }, outcome: AttemptOutcome) {
  return settleOutboxMessage(
    db,
    'webhook_deliveries',
    claim,
    {
      status: outcome.status,
      next_attempt_at: outcome.nextAttemptAt,
      claimed_by: null,
      claimed_until: null,
      last_attempt_at: outcome.at,
      last_status_code: outcome.statusCode,
      last_error: outcome.error === null ? null : outcome.error.slice(0, 500),
      last_duration_ms: outcome.durationMs,
      delivered_at: outcome.status === 'delivered' ? outcome.at : null,
    },
    { claimed_by: claim.node },
  );
}
