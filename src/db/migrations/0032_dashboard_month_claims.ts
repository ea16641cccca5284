import type { Kysely } from 'kysely';

/**
 * Closed months of the quality dashboard are materialised by the background round, never by a
 * request (issue 20 item 5). Every node runs the round, so a node first claims the month it is
 * about to add up: the claim row is taken by compare-and-set on `claimed_until` (a lease, so a
 * node that dies mid-way does not hold the month for ever) and released when the month is written.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('dashboard_month_claims')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('dashboard_month_claims_pk', ['org_id', 'month'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
