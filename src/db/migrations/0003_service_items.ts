import type { Kysely } from 'kysely';

/**
 * 办事指南: the service items an organisation publishes (002:L69, L99) — responsible body, legal
 * basis, conditions, procedure, required materials, statutory and committed limits, fees and fee
 * basis, complaint channels. Applications (受理) check their materials against an item.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('service_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.references('units.id')) // the window/unit that handles it, if any
    .addColumn('responsible_body', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('conditions', 'text', (c) => c.notNull())
    .addColumn('procedure', 'text', (c) => c.notNull())
    .addColumn('materials', 'text', (c) => c.notNull().defaultTo('[]')) // JSON [{ code, name, required }]
    .addColumn('statutory_limit_days', 'integer', (c) => c.notNull())
    .addColumn('committed_limit_days', 'integer', (c) => c.notNull())
    .addColumn('fees', 'text', (c) => c.notNull())
    .addColumn('fee_basis', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('complaint_channels', 'text', (c) => c.notNull().defaultTo('[]')) // JSON string[]
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('service_items_org_code_uq', ['org_id', 'code'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
