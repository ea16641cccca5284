import type { Kysely } from 'kysely';

/**
 * Competition standings propose the ABC bands (003:L341–343; issue 15): the sanctions sweep keeps,
 * per organisation, how far it has read the published competitions, as it does for verified
 * incidents (`verified_until`). Null until its first pass.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sanction_sweeps').addColumn('competitions_until', 'bigint').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
