import type { Kysely } from 'kysely';

/** 好差评: one-time rating tokens, ratings, daily rollups (statistics never scan raw ratings), served counts. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rating_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('staff_id', 'text', (c) => c.references('staff.id'))
    .addColumn('service_item_id', 'text')
    .addColumn('transaction_ref', 'text')
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('ratings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.references('staff.id'))
    .addColumn('service_item_id', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('token_id', 'text', (c) => c.unique())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('indicators', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('reasons', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('comment', 'text')
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('idempotency_key', 'text')
    .addColumn('rated_at', 'bigint', (c) => c.notNull())
    .addColumn('rated_date', 'text', (c) => c.notNull())
    .addColumn('excluded', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('case_id', 'text')
    .addUniqueConstraint('ratings_org_idempotency_uq', ['org_id', 'idempotency_key'])
    .execute();
  await db.schema.createIndex('ratings_org_date_ix').on('ratings').columns(['org_id', 'rated_date']).execute();

  await db.schema
    .createTable('rating_rollups')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull()) // '' for ratings of the window, not a person
    .addColumn('date', 'text', (c) => c.notNull())
    // Several rows per window and day, picked at random: concurrent ratings of one busy window do not queue on one row lock.
    .addColumn('slot', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('c1', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('c2', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('c3', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('c4', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('c5', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('excluded', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('rating_rollups_pk', ['org_id', 'unit_id', 'staff_id', 'date', 'slot'])
    .execute();
  await db.schema.createIndex('rating_rollups_org_date_ix').on('rating_rollups').columns(['org_id', 'date']).execute();

  await db.schema
    .createTable('served_counts')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('served', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('served_counts_pk', ['org_id', 'unit_id', 'staff_id', 'date'])
    .execute();
  await db.schema.createIndex('served_counts_org_date_ix').on('served_counts').columns(['org_id', 'date']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
