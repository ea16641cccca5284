import { sql, type ExpressionBuilder, type Kysely, type RawBuilder } from 'kysely';
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
 * binds thousands of parameters; SQLite: multi-row VALUES of `rowsPerStatement` (in-process, where
 * that is the cheaper of the two). For large batches (a month's 50,000 ledger lines: npm run
 * bench -- payroll). Every row has the same keys; values are text, safe integers or null.
 */
export async function insertMany(db: Kysely<any>, dialect: DialectName, table: string, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  if (dialect !== 'postgres') {
    for (const c of chunks(rows)) await db.insertInto(table).values(c).execute();
    return;
  }
  const list = sql.join(Object.keys(rows[0]).map((c) => sql.id(c)));
  for (const c of chunks(rows, 1_000)) {
    await sql`insert into ${sql.table(table)} (${list}) select ${list} from jsonb_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(c)}::jsonb)`.execute(db);
  }
}
