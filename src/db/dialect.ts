import { sql, type ExpressionBuilder, type Kysely, type RawBuilder } from 'kysely';
import type SqliteDatabase from 'better-sqlite3';
import { chunks } from './chunks.js';

/** The few places where SQLite and PostgreSQL differ, in one file. */
export type DialectName = 'sqlite' | 'postgres';

/** Case-insensitive LIKE: SQLite's LIKE already ignores ASCII case; PostgreSQL needs ILIKE. */
export function likeOperator(dialect: DialectName): 'like' | 'ilike' {
  return dialect === 'postgres' ? 'ilike' : 'like';
}

/** Escape % and _ so a user's search text matches literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function likeEscapeClause(): RawBuilder<unknown> {
  return sql`escape '\\'`;
}

/** A search condition: `text` appears, literally and ignoring case, in any of `columns`. */
export function searchAny(dialect: DialectName, text: string, columns: readonly string[]) {
  const op = likeOperator(dialect);
  const pattern = sql`${likePattern(text)} ${likeEscapeClause()}`;
  return <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>) => eb.or(columns.map((c) => eb(sql.ref(c), op, pattern)));
}

/** Row locks exist only on PostgreSQL; SQLite serialises writers itself. */
export function supportsRowLocks(dialect: DialectName): boolean {
  return dialect === 'postgres';
}

/** A row still referenced elsewhere (foreign key), across drivers. */
export function isForeignKeyViolation(e: unknown): boolean {
  const err = e as { code?: string };
  return err?.code === '23503' || err?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** Unique-violation detection across drivers. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE' || err?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Runs `fn`; a unique-key violation becomes `error()` (e.g. a 409 naming the field), anything else is rethrown as it is. */
export async function onUniqueViolation<T>(fn: () => Promise<T>, error: () => Error): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isUniqueViolation(e)) throw error();
    throw e;
  }
}

/**
 * Serialises one-time work (first-start seeding) across app processes sharing a PostgreSQL
 * database; call inside a transaction. SQLite runs in one process and needs no lock.
 */
export async function lockForSeeding(trx: Kysely<any>, dialect: DialectName, key: number): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${key})`.execute(trx);
}

/**
 * Inserts many rows of one table. PostgreSQL: a thousand rows per statement as one JSON parameter
 * (jsonb_populate_recordset, typed by the table's own columns), so the server neither parses nor
 * binds thousands of parameters; SQLite: multi-row VALUES. Inside a transaction on SQLite, given
 * the better-sqlite3 handle (`raw`), the statements are prepared once per table, columns and row
 * count and run directly on the handle — the transaction holds Kysely's one connection, so nothing
 * interleaves — which spares building, compiling and preparing a statement of thousands of
 * parameters per slice. For large batches (a month's 50,000 ledger lines: npm run bench --
 * payroll). Every row has the same keys; values are text, safe integers or null.
 */
export async function insertMany(db: Kysely<any>, dialect: DialectName, table: string, rows: readonly object[], raw?: SqliteDatabase.Database): Promise<void> {
  if (rows.length === 0) return;
  if (dialect !== 'postgres') {
    if (raw && db.isTransaction) {
      const columns = Object.keys(rows[0]);
      // Within SQLite's 32,766 bound parameters per statement.
      const perStatement = Math.max(1, Math.min(500, Math.floor(32_000 / columns.length)));
      for (const c of chunks(rows, perStatement)) {
        const values: unknown[] = [];
        for (const row of c) for (const col of columns) values.push((row as Record<string, unknown>)[col]);
        preparedInsert(raw, table, columns, c.length).run(values);
      }
      return;
    }
    for (const c of chunks(rows)) await db.insertInto(table).values(c).execute();
    return;
  }
  const list = sql.join(Object.keys(rows[0]).map((c) => sql.id(c)));
  for (const c of chunks(rows, 1_000)) {
    await sql`insert into ${sql.table(table)} (${list}) select ${list} from jsonb_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(c)}::jsonb)`.execute(db);
  }
}

const preparedInserts = new WeakMap<SqliteDatabase.Database, Map<string, SqliteDatabase.Statement>>();

/** `insert into table (columns) values (?, …), …` for `count` rows, prepared once per handle. */
function preparedInsert(raw: SqliteDatabase.Database, table: string, columns: string[], count: number): SqliteDatabase.Statement {
  let byShape = preparedInserts.get(raw);
  if (!byShape) preparedInserts.set(raw, (byShape = new Map()));
  const key = `${table}|${columns.join(',')}|${count}`;
  let statement = byShape.get(key);
  if (!statement) {
    const row = `(${columns.map(() => '?').join(', ')})`;
    statement = raw.prepare(`insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${Array.from({ length: count }, () => row).join(', ')}`);
    byShape.set(key, statement);
  }
  return statement;
}
