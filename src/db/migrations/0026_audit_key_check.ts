import type { Kysely } from 'kysely';

/**
 * A check value of the audit key beside the chain's head: the first process to start writes it,
 * every later one compares. Nodes of one deployment must share the installation secret — one with
 * its own secret.key would append entries under another key and break the chain for everyone.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_head').addColumn('key_check', 'text').execute();
}
