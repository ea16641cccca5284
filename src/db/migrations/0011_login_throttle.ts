import type { Kysely } from 'kysely';

/**
 * Failed-login counters (登录限制) keyed by what they limit: one (username, client address) pair,
 * or a username from anywhere. A lock on the pair keeps a guesser out without locking the real
 * user out from their own desk; the slower per-username limit still bounds a distributed attack.
 * Replaces users.failed_logins / locked_until, which locked a username from everywhere (left in
 * place, unused: migrations run forward only).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', 'bigint', (c) => c.notNull())
    .addColumn('locked_until', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_throttle_updated_ix').on('login_throttle').column('updated_at').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
