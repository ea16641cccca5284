import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Failed-login counters (登录限制) keyed by what they limit: one (username, client address) pair,
 * or a username from anywhere. A lock on the pair keeps a guesser out without locking the real
 * user out from their own desk; the slower per-username limit still bounds a distributed attack.
 * Replaces users.failed_logins / locked_until, which locked a username from everywhere (left in
 * place, unused: migrations run forward only).
 *
 * On PostgreSQL also the collation that sorts Chinese names by pinyin (按拼音排序), digits as
 * numbers (2号窗口 before 10号窗口): ICU's, or byte order where the server has no ICU. SQLite sorts
 * names in JS with the same rules (src/db/collation.ts).
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
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`do $$ begin
      if exists (select 1 from pg_collation where collprovider = 'i') then
        create collation if not exists youzhi_pinyin (provider = icu, locale = 'zh-u-co-pinyin-kn-true');
      else
        create collation if not exists youzhi_pinyin from "C";
      end if;
    end $$`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations run forward only');
}
