import type { Kysely } from 'kysely';

/**
 * Facts the sanctions sweep could not price yet (issue 15): a rule refusing with
 * `policy_value_missing` until the organisation sets its placeholder amount, or lacking a fact.
 * One row per (source, rule), kept until a sweep proposes it (or the fact or the mapping is gone);
 * the sweep retries every row on every run, so a fact is proposed once its value is set.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sanction_unpriced')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('rule_code', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('missing', 'text', (c) => c.notNull())
    .addColumn('first_at', 'bigint', (c) => c.notNull())
    .addColumn('tried_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sanction_unpriced_pk', ['org_id', 'source_type', 'source_id', 'rule_code'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
