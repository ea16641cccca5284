import type { Kysely } from 'kysely';

/**
 * Closed inspection rounds and their band facts (档次, 003:L341, L343; issue 14 item 6). Closing a
 * quarter (or a year) stores each unit's result once — score on the 100-point scale in whole
 * thousandths, rank, band codes, the pack version and citation — so later inspections never change
 * a closed round, and the sanctions that turn bands into money read the same facts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('inspection_rounds')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    // '2026-Q3' or '2026'.
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('period_kind', 'text', (c) => c.notNull())
    .addColumn('pack_version', 'integer', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('citation', 'text', (c) => c.notNull())
    .addColumn('units', 'integer', (c) => c.notNull())
    .addColumn('closed_by', 'text')
    .addColumn('closed_by_label', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('inspection_rounds_pk', ['org_id', 'period'])
    .execute();

  await db.schema
    .createTable('inspection_band_facts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('period_kind', 'text', (c) => c.notNull())
    // First and last local date of the period, for range reads ('2026-07-01', '2026-09-30').
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('score_milli', 'integer', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('ranked', 'integer', (c) => c.notNull())
    // JSON array of band codes: reward | docked | docked_more | excellent_outlet.
    .addColumn('bands', 'text', (c) => c.notNull())
    // The round's inspection the score comes from (a quarter), or null (a year's average).
    .addColumn('inspection_id', 'text')
    .addColumn('rounds', 'integer', (c) => c.notNull())
    .addColumn('pack_version', 'integer', (c) => c.notNull())
    .addColumn('citation', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('inspection_band_facts_unit_uq', ['org_id', 'period', 'unit_id'])
    .execute();
  await db.schema.createIndex('inspection_band_facts_range_ix').on('inspection_band_facts').columns(['org_id', 'period_from']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
