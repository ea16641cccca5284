/**
 * Outgoing webhooks (issue 19 item 7; PRODUCT module 11): an organisation's administrator
 * subscribes URLs to events; modules emit events inside the transaction of the change that
 * caused them (`emitEvents`, offered by index.ts), which queues one delivery per matching
 * subscription in the outbox; the background round (`deliverPendingWebhooks`) claims due
 * deliveries by compare-and-set and POSTs them signed, retrying with exponential backoff.
 */
import type { AppContext, Executor } from '../../shared/context.js';
import { AppError, requireVersion } from '../../shared/errors.js';
import { requireRole, systemActor, type Actor, type Role } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import { parseJson } from '../../shared/json.js';
import { pageOf, pageWindow } from '../../shared/page.js';
import { isUniqueViolation } from '../../db/dialect.js';
import { TtlCache } from '../../shared/ttl-cache.js';
import type { WebhookDeliveriesTable, WebhookSubscriptionsTable } from '../../db/types.js';
import { appendAudit } from '../audit/service.js';
import { pingEvent, webhookEventCatalogue, webhookEventTypes, type WebhookEvent, type WebhookEventType } from './events.js';
import { generateWebhookSecret, sealSecret, signedHeaders, unsealSecret } from './signing.js';
import { checkWebhookUrl } from './targets.js';
import { postWebhook } from './sender.js';
import * as repo from './repository.js';
import { retryDelayMs, type RetrySchedule } from '../../db/outbox.js';

/** Webhooks reach outside the installation with the organisation's data: its administrators manage them. */
const webhookAdmins: readonly Role[] = ['admin'];

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

function installationSecret(ctx: AppContext): string {
  if (!ctx.config.secret) throw new Error('the installation secret is not loaded');
  return ctx.config.secret;
}

function presentSubscription(row: WebhookSubscriptionsTable) {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: parseJson<string[]>(row.events, []),
    active: Number(row.active) === 1,
    disabledReason: row.disabled_reason,
    secretHint: `whsec_…${row.secret_hint}`,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: Number(row.version),
  };
}

/** What the audit log keeps of a subscription: never the secret. */
const audited = (row: WebhookSubscriptionsTable) => ({ url: row.url, description: row.description, events: parseJson<string[]>(row.events, []), active: Number(row.active) === 1 });

function presentDelivery(row: WebhookDeliveriesTable) {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status,
    attempts: Number(row.attempts),
    nextAttemptAt: row.status === 'pending' ? iso(row.next_attempt_at) : null,
    lastAttemptAt: iso(row.last_attempt_at),
    lastStatusCode: row.last_status_code === null ? null : Number(row.last_status_code),
    lastError: row.last_error,
    lastDurationMs: row.last_duration_ms === null ? null : Number(row.last_duration_ms),
    deliveredAt: iso(row.delivered_at),
    createdAt: iso(row.created_at),
    resendOf: row.resend_of,
    payload: parseJson<unknown>(row.payload, null),
  };
}

async function loadSubscription(ctx: AppContext, actor: Actor, id: string, db: Executor = ctx.db.kysely): Promise<WebhookSubscriptionsTable> {
  requireRole(actor, webhookAdmins);
  const row = await repo.findSubscription(db, id);
  if (!row || row.org_id !== actor.orgId) throw new AppError('not_found', { details: { entity: 'webhook', id } });
  return row;
}

/** The event catalogue, for the screen's checkboxes: stable codes with their names. */
export function listWebhookEventTypes() {
  return webhookEventTypes.map((code) => ({ code, label: webhookEventCatalogue[code] }));
}

export async function listWebhooks(ctx: AppContext, actor: Actor) {
  requireRole(actor, webhookAdmins);
  const rows = await repo.findSubscriptionsOfOrg(ctx.db.kysely, actor.orgId);
  return { items: rows.map(presentSubscription), events: listWebhookEventTypes() };
}

export async function getWebhook(ctx: AppContext, actor: Actor, id: string) {
  return presentSubscription(await loadSubscription(ctx, actor, id));
}

export interface CreateWebhookInput {
  url: string;
  description?: string | null;
  events: WebhookEventType[];
  active?: boolean;
}

/** A new subscription; the answer carries its secret, the only time it is shown. */
export async function createWebhook(ctx: AppContext, actor: Actor, input: CreateWebhookInput) {
  requireRole(actor, webhookAdmins);
  const url = checkWebhookUrl(input.url, ctx.config.webhookAllowList);
  const now = ctx.clock.now();
  const secret = generateWebhookSecret();
  const row: WebhookSubscriptionsTable = {
    id: newId(now),
    org_id: actor.orgId,
    url,
    description: input.description ?? null,
    events: JSON.stringify([...new Set(input.events)]),
    secret_sealed: sealSecret(installationSecret(ctx), secret),
    secret_hint: secret.slice(-4),
    active: input.active === false ? 0 : 1,
    disabled_reason: null,
    created_by: actor.userId || null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await repo.insertSubscription(trx, row);
    await appendAudit(ctx, trx, actor, { action: 'create', entity: 'webhook', entityId: row.id, after: audited(row) });
  });
  wantedCache.clear();
  return { ...presentSubscription(row), secret };
}

export interface UpdateWebhookInput {
  version: number;
  url?: string;
  description?: string | null;
  events?: WebhookEventType[];
  active?: boolean;
  /** A new secret replaces the old one at once; the answer shows it, once. */
  rotateSecret?: boolean;
}

export async function updateWebhook(ctx: AppContext, actor: Actor, id: string, input: UpdateWebhookInput) {
  requireRole(actor, webhookAdmins);
  const url = input.url === undefined ? undefined : checkWebhookUrl(input.url, ctx.config.webhookAllowList);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const current = await loadSubscription(ctx, actor, id, trx);
    requireVersion(current.version, input.version);
    const now = ctx.clock.now();
    const changes: Partial<WebhookSubscriptionsTable> = { updated_at: now };
    if (url !== undefined) changes.url = url;
    if (input.description !== undefined) changes.description = input.description;
    if (input.events !== undefined) changes.events = JSON.stringify([...new Set(input.events)]);
    if (input.active !== undefined) {
      changes.active = input.active ? 1 : 0;
      if (input.active) changes.disabled_reason = null;
    }
    const secret = input.rotateSecret ? generateWebhookSecret() : null;
    if (secret) {
      changes.secret_sealed = sealSecret(installationSecret(ctx), secret);
      changes.secret_hint = secret.slice(-4);
    }
    if (!(await repo.updateSubscriptionIfVersion(trx, id, input.version, changes))) throw new AppError('version_conflict');
    const after: WebhookSubscriptionsTable = { ...current, ...changes, version: input.version + 1 };
    await appendAudit(ctx, trx, actor, { action: secret ? 'rotate_secret' : 'update', entity: 'webhook', entityId: id, before: audited(current), after: audited(after) });
    wantedCache.clear();
    return { ...presentSubscription(after), ...(secret ? { secret } : {}) };
  });
}

/** Removes the subscription and its delivery log; what was still pending is not sent. */
export async function deleteWebhook(ctx: AppContext, actor: Actor, id: string, version: number) {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const current = await loadSubscription(ctx, actor, id, trx);
    requireVersion(current.version, version);
    if (!(await repo.deleteSubscriptionIfVersion(trx, id, version))) throw new AppError('version_conflict');
    await appendAudit(ctx, trx, actor, { action: 'delete', entity: 'webhook', entityId: id, before: audited(current) });
  });
  wantedCache.clear();
}

export async function listWebhookDeliveries(ctx: AppContext, actor: Actor, id: string, query: { page: number; pageSize: number }) {
  await loadSubscription(ctx, actor, id);
  const { limit, offset } = pageWindow(query);
  const { rows, total } = await repo.findDeliveriesOf(ctx.db.kysely, id, limit, offset);
  return pageOf(rows.map(presentDelivery), total, query);
}

// ---------------------------------------------------------------------------------------------
// The outbox.

function payloadOf(eventId: string, type: string, orgId: string, at: number, data: Record<string, unknown>): string {
  return JSON.stringify({ id: eventId, type, createdAt: new Date(at).toISOString(), organisationId: orgId, data });
}

function deliveryRow(options: { orgId: string; subscriptionId: string; eventId: string; eventType: string; payload: string; now: number; resendOf?: string; resendSeq?: number }): WebhookDeliveriesTable {
  return {
    id: newId(options.now),
    org_id: options.orgId,
    subscription_id: options.subscriptionId,
    event_id: options.eventId,
    event_type: options.eventType,
    payload: options.payload,
    resend_of: options.resendOf ?? null,
    resend_seq: options.resendSeq ?? 0,
    status: 'pending',
    attempts: 0,
    next_attempt_at: options.now,
    claimed_by: null,
    claimed_until: null,
    last_attempt_at: null,
    last_status_code: null,
    last_error: null,
    last_duration_ms: null,
    delivered_at: null,
    created_at: options.now,
  };
}

/**
 * Queues events for every active subscription of their organisation that wants them, inside the
 * caller's transaction: the change and its deliveries are written together or not at all. Not
 * audited of its own: the change that caused the event is.
 */
export async function emitEvents(ctx: AppContext, trx: Executor, events: readonly WebhookEvent[]): Promise<void> {
  if (events.length === 0) return;
  const subscriptions = await repo.findActiveSubscriptions(trx, [...new Set(events.map((e) => e.orgId))]);
  if (subscriptions.length === 0) return;
  const wanted = subscriptions.map((s) => ({ id: s.id, orgId: s.org_id, events: new Set(parseJson<string[]>(s.events, [])) }));
  const now = ctx.clock.now();
  const rows: WebhookDeliveriesTable[] = [];
  for (const event of events) {
    const targets = wanted.filter((s) => s.orgId === event.orgId && s.events.has(event.type));
    if (targets.length === 0) continue;
    const eventId = newId(now);
    const payload = payloadOf(eventId, event.type, event.orgId, now, event.data);
    for (const s of targets) rows.push(deliveryRow({ orgId: event.orgId, subscriptionId: s.id, eventId, eventType: event.type, payload, now }));
  }
  await repo.insertDeliveries(trx, rows);
}

/**
 * The event codes an organisation's active subscriptions want, cached a few seconds per process:
 * a hot path (a rating's one-statement insert) asks before taking the slower transactional path
 * that queues the event. A change of subscription clears this process's cache at once; other
 * nodes see it within `wantedTtlMs`.
 */
const wantedTtlMs = 5_000;
const wantedCache = new TtlCache<string, ReadonlySet<string>>(wantedTtlMs);

export async function webhookEventsWanted(ctx: AppContext, orgId: string): Promise<ReadonlySet<string>> {
  const cached = wantedCache.get(orgId);
  if (cached) return cached;
  const wanted = new Set((await repo.findActiveSubscriptions(ctx.db.kysely, [orgId])).flatMap((s) => parseJson<string[]>(s.events, [])));
  wantedCache.set(orgId, wanted);
  return wanted;
}

export async function emitEvent(ctx: AppContext, trx: Executor, event: WebhookEvent): Promise<void> {
  await emitEvents(ctx, trx, [event]);
}

/** A `ping` to one subscription (the test button), sent at once; the answer is the delivery after that attempt. */
export async function testWebhook(ctx: AppContext, actor: Actor, id: string) {
  const delivery = await ctx.db.kysely.transaction().execute(async (trx) => {
    const sub = await loadSubscription(ctx, actor, id, trx);
    const now = ctx.clock.now();
    const eventId = newId(now);
    const row = deliveryRow({ orgId: sub.org_id, subscriptionId: sub.id, eventId, eventType: pingEvent, payload: payloadOf(eventId, pingEvent, sub.org_id, now, { subscriptionId: sub.id, message: 'ping' }), now });
    await repo.insertDeliveries(trx, [row]);
    await appendAudit(ctx, trx, actor, { action: 'test', entity: 'webhook', entityId: sub.id, after: { deliveryId: row.id, eventId } });
    return row;
  });
  return attemptNow(ctx, delivery);
}

/**
 * Sends a delivery's event again as a new delivery (its own id, so a receiver that de-duplicates
 * by delivery id takes it), attempted at once; the original stays in the log as it was.
 */
export async function resendWebhookDelivery(ctx: AppContext, actor: Actor, deliveryId: string) {
  requireRole(actor, webhookAdmins);
  const row = await ctx.db.kysely
    .transaction()
    .execute(async (trx) => {
      const original = await repo.findDelivery(trx, deliveryId);
      if (!original || original.org_id !== actor.orgId) throw new AppError('not_found', { details: { entity: 'webhook_delivery', id: deliveryId } });
      const now = ctx.clock.now();
      const resendSeq = await repo.nextResendSeq(trx, original.subscription_id, original.event_id);
      const copy = deliveryRow({ orgId: original.org_id, subscriptionId: original.subscription_id, eventId: original.event_id, eventType: original.event_type, payload: original.payload, now, resendOf: original.id, resendSeq });
      await repo.insertDeliveries(trx, [copy]);
      await appendAudit(ctx, trx, actor, { action: 'resend', entity: 'webhook_delivery', entityId: copy.id, after: { resendOf: original.id, eventId: original.event_id, eventType: original.event_type, subscriptionId: original.subscription_id } });
      return copy;
    })
    .catch((e: unknown) => {
      // Two resends of one delivery at the same moment: the second takes the same number.
      if (isUniqueViolation(e)) throw new AppError('conflict', { details: { reason: 'resent concurrently' } });
      throw e;
    });
  return attemptNow(ctx, row);
}

/** One attempt of a just-queued delivery, claimed like the job claims it (the job may have taken it first). */
async function attemptNow(ctx: AppContext, row: WebhookDeliveriesTable) {
  await attemptDelivery(ctx, { id: row.id, attempts: 0 }, `request:${process.pid}`);
  return presentDelivery((await repo.findDelivery(ctx.db.kysely, row.id)) ?? row);
}

/** Base delay of the first retry; each further one doubles it (30 s, 1 min, 2 min, 4 min…), ±20 % jitter, at most 12 hours. */
export const webhookRetryBaseMs = 30_000;
const retrySchedule = (maxAttempts: number): RetrySchedule => ({ kind: 'doubling', firstMs: webhookRetryBaseMs, maxMs: 12 * 3_600_000, jitter: 0.2, maxAttempts });

/** The wait before the next attempt, after `attemptsMade` failed ones (the attempt limit aside). */
export function webhookRetryDelayMs(attemptsMade: number, random: () => number = Math.random): number {
  return retryDelayMs(retrySchedule(Infinity), attemptsMade, random) as number;
}

export interface WebhookDeliveryReport {
  delivered: number;
  retrying: number;
  failed: number;
}

type AttemptResult = 'delivered' | 'retrying' | 'failed' | 'skipped';

/**
 * Claims one attempt of a delivery (compare-and-set on its attempt count), sends it and records
 * the outcome: 2xx delivered; 410 Gone failed and the subscription switched off; anything else
 * (another status, no answer, a timeout) retried after `webhookRetryDelayMs` until the configured
 * number of attempts, then failed; a target that may not be reached fails at once.
 */
async function attemptDelivery(ctx: AppContext, due: { id: string; attempts: number }, node: string, random: () => number = Math.random): Promise<AttemptResult> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const lease = Math.max(60_000, ctx.config.webhookTimeoutMs * 2);
  const claimed = await repo.claimDelivery(db, { id: due.id, attempts: due.attempts, now, node, until: now + lease });
  if (!claimed) return 'skipped';
  const claim = { ...claimed, node };
  const delivery = await repo.findDelivery(db, due.id);
  const sub = delivery && (await repo.findSubscription(db, delivery.subscription_id));
  if (!delivery || !sub) return 'skipped';
  let secret: string;
  try {
    secret = unsealSecret(installationSecret(ctx), sub.secret_sealed);
  } catch {
    await repo.recordAttempt(db, claim, { status: 'failed', nextAttemptAt: null, at: ctx.clock.now(), statusCode: null, error: 'the secret cannot be unsealed (installation secret changed?): rotate it', durationMs: 0 });
    return 'failed';
  }
  const headers = signedHeaders({ secret, deliveryId: delivery.id, eventType: delivery.event_type, timestampSeconds: Math.floor(ctx.clock.now() / 1000), body: delivery.payload });
  const sent = await postWebhook({ url: sub.url, headers, body: delivery.payload, timeoutMs: ctx.config.webhookTimeoutMs, allowList: ctx.config.webhookAllowList });
  const at = ctx.clock.now();
  const ok = sent.statusCode !== null && sent.statusCode >= 200 && sent.statusCode < 300;
  const gone = sent.statusCode === 410;
  // 410 Gone and a target that may not be reached are final; otherwise the schedule decides (none left: failed).
  const delay = ok || gone || sent.notAllowed ? null : retryDelayMs(retrySchedule(ctx.config.webhookMaxAttempts), claim.attempts, random);
  const status = ok ? 'delivered' : delay === null ? 'failed' : 'pending';
  const nextAttemptAt = delay === null ? null : at + delay;
  if (!(await repo.recordAttempt(db, claim, { status, nextAttemptAt, at, statusCode: sent.statusCode, error: sent.error, durationMs: sent.durationMs }))) return 'skipped';
  if (gone) {
    await db.transaction().execute(async (trx) => {
      if (await repo.disableSubscription(trx, sub.id, 'gone', at)) {
        await appendAudit(ctx, trx, systemActor(sub.org_id, 'webhooks'), { action: 'disable', entity: 'webhook', entityId: sub.id, before: audited(sub), after: { ...audited(sub), active: false, reason: 'the receiver answered 410 Gone' } });
      }
    });
  }
  return ok ? 'delivered' : status === 'failed' ? 'failed' : 'retrying';
}

/**
 * The background round's webhook step: every due delivery of an active subscription, a few at a
 * time. Several nodes may run it at once; each attempt is sent by the one node whose claim won.
 */
export async function deliverPendingWebhooks(ctx: AppContext, options: { node?: string; limit?: number; concurrency?: number; random?: () => number } = {}): Promise<WebhookDeliveryReport> {
  const node = options.node ?? `pid:${process.pid}`;
  const due = await repo.findDueDeliveries(ctx.db.kysely, ctx.clock.now(), options.limit ?? 100);
  const report: WebhookDeliveryReport = { delivered: 0, retrying: 0, failed: 0 };
  let next = 0;
  const worker = async () => {
    while (next < due.length) {
      const result = await attemptDelivery(ctx, due[next++], node, options.random);
      if (result !== 'skipped') report[result]++;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, due.length)) }, worker));
  return report;
}
