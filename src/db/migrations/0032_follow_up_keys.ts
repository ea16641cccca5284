import type { Kysely } from 'kysely';

/**
 * What each follow-up was opened for (issue 17): one row per follow-up with a key naming its
 * origin — a discharge (the patient's name and phone, the discharge date and the department), a
 * rating (its id) or another case (its id). The primary key makes "once" hold under concurrent
 * imports, retried ratings and a sweep run twice: the second insert fails, the transaction that
 * would have opened a second follow-up rolls back.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('follow_up_keys')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('follow_up_keys_pk', ['org_id', 'key'])
    .execute();
  await db.schema.createIndex('follow_up_keys_case_ix').on('follow_up_keys').column('case_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
