import type { Kysely } from 'kysely';

/**
 * The coverage screens (plan, bands) read each unit's newest inspection of a quarter and the units
 * inspected this year: with (org, unit, time, id) both are one index probe per unit, whatever the
 * year's volume (bench/inspections.ts: a province bank, 2,000 outlets, 50,000 inspections a year).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('inspections_org_unit_round_ix').on('inspections').columns(['org_id', 'unit_id', 'performed_at', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
