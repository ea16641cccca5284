import type { Kysely } from 'kysely';

/**
 * The coverage screens (plan, bands) read each unit's newest inspection of a quarter and the units
 * inspected this year: a covering index over the columns they read answers both from the index
 * alone (bench/inspections.ts: a province bank, 2,000 outlets, 50,000 inspections a year).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('inspections_org_round_ix').on('inspections').columns(['org_id', 'performed_at', 'unit_id', 'id', 'score_milli', 'max_milli']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
