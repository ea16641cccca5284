import type { AppContext, Executor } from '../../shared/context.js';
import type { Actor } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import type { NotificationsTable } from '../../db/types.js';
import { retryDelayMs, type RetrySchedule } from '../../db/outbox.js';
import { loggingAdapter, type ChannelAdapter, type ExternalChannel } from './adapters.js';
import * as repo from './repository.js';

export type { ExternalChannel } from './adapters.js';

export interface NotifyUsersOptions {
  orgId: string;
  userIds: string[];
  subject: string;
  body: string;
  caseId?: string | null;
}

/** Puts a message in each user's in-app inbox (站内信), inside the caller's transaction. */
export async function notifyUsers(ctx: AppContext, trx: Executor, options: NotifyUsersOptions): Promise<void> {
  await notifyUsersOfEach(ctx, trx, [options]);
}

/** Several inbox messages in one write (the deadline sweep's batch). */
export async function notifyUsersOfEach(ctx: AppContext, trx: Executor, messages: NotifyUsersOptions[]): Promise<void> {
  const now = ctx.clock.now();
  const rows: NotificationsTable[] = messages.flatMap((options) =>
    [...new Set(options.userIds)].map((userId) => ({
      id: newId(now),
      org_id: options.orgId,
      channel: 'inbox',
      user_id: userId,
      address: null,
      subject: options.subject,
      body: options.body,
      case_id: options.caseId ?? null,
      status: 'sent',
      attempts: 0,
      next_attempt_at: null,
      last_error: null,
      created_at: now,
      sent_at: now,
      read_at: null,
    })),
  );
  await repo.insertNotifications(trx, ctx.db, rows);
}

export interface NotifyAddressOptions {
  orgId: string;
  channel: ExternalChannel;
  address: string;
  subject: string;
  body: string;
  caseId?: string | null;
}

/** Queues a message to a phone or email address in the outbox; the delivery job sends it with retries. */
export async function notifyAddress(ctx: AppContext, trx: Executor, options: NotifyAddressOptions): Promise<void> {
  const now = ctx.clock.now();
  await repo.insertNotifications(trx, ctx.db, [
    {
      id: newId(now),
      org_id: options.orgId,
      channel: options.channel,
      user_id: null,
      address: options.address,
      subject: options.subject,
      body: options.body,
      case_id: options.caseId ?? null,
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      last_error: null,
      created_at: now,
      sent_at: null,
      read_at: null,
    },
  ]);
}

/** Retry schedule: 1, 5, 30 minutes, 2 and 6 hours; then the message is marked failed. */
export const retryDelaysMs = [60_000, 300_000, 1_800_000, 7_200_000, 21_600_000];
const retrySchedule: RetrySchedule = { kind: 'steps', delaysMs: retryDelaysMs };

export type AdapterRegistry = Partial<Record<string, ChannelAdapter>>;

/**
 * Sends what is due in the outbox. Each message is claimed by compare-and-set on its attempt
 * count before sending, so several nodes running this at once never send a message twice.
 * A channel without a gateway goes to the logging adapter, and its messages are marked
 * `logged`: nobody received them, and the outbox must not say they were sent.
 */
export async function deliverPendingNotifications(ctx: AppContext, adapters: AdapterRegistry = {}, limit = 100): Promise<{ sent: number; logged: number; failed: number }> {
  const now = ctx.clock.now();
  const fallback = loggingAdapter(() => {});
  let sent = 0;
  let logged = 0;
  let failed = 0;
  for (const n of await repo.findPending(ctx.db.kysely, now, limit)) {
    // While we send, the row is hidden from other nodes for the lease; a node that dies holding it
    // leaves it to be sent again after the lease, with the same id for the gateway to drop.
    const claim = await repo.claimForDelivery(ctx.db.kysely, { id: n.id, attempts: n.attempts, now, until: now + ctx.config.outboxLeaseSeconds * 1000 });
    if (!claim) continue;
    const adapter = adapters[n.channel] ?? fallback;
    try {
      await adapter.send({ id: n.id, channel: n.channel, address: n.address ?? '', subject: n.subject, body: n.body });
      await repo.markDelivered(ctx.db.kysely, claim, ctx.clock.now(), adapter.logOnly ? 'logged' : 'sent');
      if (adapter.logOnly) logged++;
      else sent++;
    } catch (e) {
      const delay = retryDelayMs(retrySchedule, claim.attempts);
      await repo.markFailed(ctx.db.kysely, claim, (e as Error).message ?? String(e), delay === null ? null : now + delay);
      failed++;
    }
  }
  return { sent, logged, failed };
}

export async function listInbox(ctx: AppContext, actor: Actor, options: { unreadOnly: boolean; page: number; pageSize: number }) {
  const { rows, total, unread } = await repo.findInbox(ctx.db.kysely, actor.userId, options.unreadOnly, options.pageSize, (options.page - 1) * options.pageSize);
  return {
    items: rows.map((r) => ({ id: r.id, subject: r.subject, body: r.body, caseId: r.case_id, createdAt: new Date(Number(r.created_at)).toISOString(), read: r.read_at !== null })),
    total,
    unread,
    page: options.page,
    pageSize: options.pageSize,
  };
}

/** Marking one's own messages read is not audited: it changes nothing anyone else sees. */
export async function markInboxRead(ctx: AppContext, actor: Actor, ids: string[]) {
  return { updated: await repo.markRead(ctx.db.kysely, actor.userId, ids, ctx.clock.now()) };
}

/**
 * Generated demo history is history: its in-app messages up to `before` are marked read, so a new
 * user's inbox does not open on hundreds of unread notices from a simulated month. Not audited:
 * the system tidying its own demo, before anyone logs in.
 */
export async function markDemoHistoryRead(ctx: AppContext, orgId: string, before: number) {
  return repo.markOrganisationInboxRead(ctx.db.kysely, orgId, before, ctx.clock.now());
}
