import type { Kysely } from 'kysely';

/**
 * The audit chain becomes keyed (HMAC-SHA256 with a key derived from the installation secret,
 * which is not in the database): `chain_version` 1. Existing entries are marked 0 (plain
 * SHA-256); on the first start after this migration they are verified as before and, when
 * intact, re-keyed (src/modules/audit/rekey.ts) — a migration cannot do it, it has no secret.
 *
 * API tokens gain a scope (read | open311 | full) and an optional expiry; existing tokens keep
 * what they could do: `full`, no expiry.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('chain_version', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('api_tokens').addColumn('scope', 'text', (c) => c.notNull().defaultTo('full')).execute();
  await db.schema.alterTable('api_tokens').addColumn('expires_at', 'bigint').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
