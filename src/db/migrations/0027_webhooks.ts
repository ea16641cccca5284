import type { Kysely } from 'kysely';

/**
 * Outgoing webhooks (issue 19 item 7, module 11): an organisation's subscriptions — a URL, the
 * event codes it wants, its signing secret (encrypted with a key derived from the installation
 * secret, so a database dump alone does not reveal it) — and the outbox of deliveries, one row per
 * event and subscription (a resend is a row of its own), claimed by compare-and-set on the attempt
 * count so that two nodes never send one attempt twice.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('webhook_subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('secret_sealed', 'text', (c) => c.notNull())
    .addColumn('secret_hint', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('disabled_reason', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('webhook_subscriptions_org_ix').on('webhook_subscriptions').columns(['org_id', 'active']).execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('subscription_id', 'text', (c) => c.notNull().references('webhook_subscriptions.id'))
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('resend_of', 'text')
    .addColumn('resend_seq', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'bigint')
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'bigint')
    .addColumn('last_attempt_at', 'bigint')
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('last_duration_ms', 'integer')
    .addColumn('delivered_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  // The job's scan: what is pending and due, oldest first.
  await db.schema.createIndex('webhook_deliveries_due_ix').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('webhook_deliveries_subscription_ix').on('webhook_deliveries').columns(['subscription_id', 'created_at']).execute();
  // Once per event and subscription: the first delivery has resend_seq 0, each resend the next number.
  await db.schema.createIndex('webhook_deliveries_event_ux').on('webhook_deliveries').columns(['subscription_id', 'event_id', 'resend_seq']).unique().execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
