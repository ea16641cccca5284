import type { Kysely } from 'kysely';

/**
 * 服务承诺 (RULES §9; 000:L5; ISO 10001 codes of conduct = published commitments): what an
 * organisation promises the public, the unit answerable for it, the supervision phone, and an
 * optional measure from the catalogue in code (src/modules/commitments/measures.ts) with a target.
 *
 * The target is stored in hundredths (95 % → 9500, "at most 5 complaints" → 500) so thresholds
 * stay exact integers on both databases. unit_id has no foreign key: a deleted unit must not make
 * the unit module fail on a table it does not know; the commitment then shows no unit.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('commitments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('unit_id', 'text') // the responsible unit; null = the organisation as a whole
    .addColumn('text_zh', 'text', (c) => c.notNull())
    .addColumn('text_en', 'text')
    .addColumn('promise_zh', 'text', (c) => c.notNull())
    .addColumn('promise_en', 'text')
    .addColumn('supervision_phone', 'text', (c) => c.notNull())
    .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('measure', 'text')
    .addColumn('target_op', 'text')
    .addColumn('target_hundredths', 'bigint')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('commitments_org_order_ix').on('commitments').columns(['org_id', 'published', 'sort_order']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
