import type { Kysely } from 'kysely';

/**
 * Indicator competitions (考核指标, 竞赛评分; issue 18 item 3, RULES §7): a competition of the
 * organisation, run on a preset of its policy pack for a period, with the preset's definition
 * copied at creation (later edits of the pack do not rescore a competition already run); the
 * units taking part, each with an optional target group (city ≥ 90, county ≥ 85); and the raw
 * figures per unit, indicator and input as exact decimal text, imported or computed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('competitions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('preset', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    // 'open' (figures may change) or 'published' (the results stand and other modules read them)
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('published_at', 'bigint')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('competitions_org_period_ix').on('competitions').columns(['org_id', 'period', 'created_at']).execute();

  await db.schema
    .createTable('competition_units')
    .addColumn('competition_id', 'text', (c) => c.notNull().references('competitions.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('target_code', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('competition_units_pk', ['competition_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('competition_values')
    .addColumn('competition_id', 'text', (c) => c.notNull().references('competitions.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('input', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    // 'entered' (PUT), 'imported' (xlsx) or 'computed' (from Youzhi's own records)
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('competition_values_pk', ['competition_id', 'unit_id', 'indicator', 'input'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
