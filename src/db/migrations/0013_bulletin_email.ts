import type { Kysely } from 'kysely';

/**
 * 每日通报 by email (002:L108): users get an email address (optional), and each organisation's
 * scheduled daily bulletin is recorded once per day — the row is the "sent exactly once" fact when
 * several app nodes run the background round together.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('email', 'text').execute();
  await db.schema
    .createTable('daily_bulletin_runs')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'bigint', (c) => c.notNull())
    .addColumn('node', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('daily_bulletin_runs_pk', ['org_id', 'date'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
