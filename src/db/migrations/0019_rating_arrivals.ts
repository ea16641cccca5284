import type { Kysely } from 'kysely';

/**
 * Where the ratings of a standing QR code came from (扫码评价来源): the device (a first-party cookie,
 * hashed) and the client address (hashed), so one phone rates a window once per interval and a
 * burst from one address is flagged to the quality office. One row per rating made on the page.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rating_arrivals')
    .addColumn('rating_id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('device', 'text')
    .addColumn('client', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rating_arrivals_device_ix').on('rating_arrivals').columns(['unit_id', 'device', 'at']).execute();
  await db.schema.createIndex('rating_arrivals_client_ix').on('rating_arrivals').columns(['unit_id', 'client', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rating_arrivals').execute();
}
