import { sql, type ExpressionBuilder, type Kysely, type RawBuilder } from 'kysely';
import type SqliteDatabase from 'better-sqlite3';
import { chunks } from './chunks.js';
import { arrayParameter } from './pg-arrays.js';

/** The few places where SQLite and PostgreSQL differ, in one file. */
export type DialectName = 'sqlite' | 'postgres';

/** Case-insensitive LIKE: SQLite's LIKE already ignores ASCII case; PostgreSQL needs ILIKE. */
export function likeOperator(dialect: DialectName): 'like' | 'ilike' {
  return dialect === 'postgres' ? 'ilike' : 'like';
}

/** `text` with backslash, % and _ escaped, so LIKE matches it literally (with likeEscapeClause). */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Escape % and _ so a user's search text matches literally. */
export function likePattern(text: string): string {
  return `%${likeLiteral(text)}%`;
}

/** A LIKE pattern for texts ending in `suffix`, taken literally. */
export function likeSuffixPattern(suffix: string): string {
  return `%${likeLiteral(suffix)}`;
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

/**
 * PostgreSQL ended the transaction so that another could go on (deadlock_detected,
 * serialization_failure): nothing was written, and the same work again will go through.
 */
export function isWriteContention(e: unknown): boolean {
  const err = e as { code?: string };
  return err?.code === '40P01' || err?.code === '40001';
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
 * Inserts many rows of one table. PostgreSQL: thousands of rows per statement as one array parameter
 * per column (unnestRows, typed by the table's own columns), so the server neither parses nor
 * binds thousands of parameters. SQLite, inside a transaction and given the better-sqlite3 handle
 * (`raw`): one single-row statement, prepared once per table and columns, run for each row
 * directly on the handle — the transaction holds Kysely's one connection, so nothing interleaves —
 * with no statement of thousands of parameters to build, compile and prepare (a month's 50,000
 * ledger lines: npm run bench -- payroll; the sweep's rows: npm run bench -- sweep); otherwise
 * multi-row VALUES. Every row has the same keys; values are text, safe integers or null.
 */
export async function insertMany(db: Kysely<any>, dialect: DialectName, table: string, rows: readonly object[], raw?: SqliteDatabase.Database): Promise<void> {
  if (rows.length === 0) return;
  if (dialect !== 'postgres') {
    if (raw && db.isTransaction) {
      const columns = Object.keys(rows[0]);
      const statement = preparedInsert(raw, table, columns);
      // Bound by name from the row itself: no array of values per row.
      for (const row of rows) statement.run(row);
      return;
    }
    for (const c of chunks(rows)) await db.insertInto(table).values(c).execute();
    return;
  }
  const columns = Object.keys(rows[0]);
  const types = await columnTypesOf(db, table);
  for (const c of chunks(rows, rowsPerArrayStatement)) {
    await sql`insert into ${sql.table(table)} (${columnList(columns)}) select * from ${unnestRows(types, table, columns, c)}`.execute(db);
  }
}

/**
 * PostgreSQL: appends rows numbered within their group in the order given, each after the last
 * number its group has stored (a case's timeline: `seq` within `case_id`). The numbers are worked
 * out in the insert itself, each group's last one read through its index as the rows go in: a
 * sweep batch's thousand timeline entries need no round trip to read them first. A concurrent
 * writer of the same group meets the unique index on (group, number), as with numbers read first.
 */
export async function insertNumbered(db: Kysely<any>, table: string, numbering: { column: string; within: string }, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const types = await columnTypesOf(db, table);
  const [column, within] = [sql.id(numbering.column), sql.id(numbering.within)];
  const last = sql`(select max(t.${column}) from ${sql.table(table)} as t where t.${within} = v.${within})`;
  const values = sql.join(columns.map((c) => sql`v.${sql.id(c)}`));
  // A group's rows in a later statement see those of an earlier one: the transaction's own.
  for (const c of chunks(rows, rowsPerArrayStatement)) {
    await sql`insert into ${sql.table(table)} (${columnList(columns)}, ${column}) select ${values}, coalesce(${last}, 0) + row_number() over (partition by v.${within} order by v.ordinality) from ${unnestRows(types, table, columns, c, true)}`.execute(db);
  }
}

/**
 * Rows per statement when they travel as arrays (PostgreSQL): the parameters stay one per column
 * however many rows, so this bounds only a statement's size — a sweep batch's events or messages
 * in one statement, not two.
 */
const rowsPerArrayStatement = 5_000;

/** The SQL type of each column of a PostgreSQL table, read once per table and process (the schema is the migrations'). */
const columnTypes = new Map<string, Promise<Map<string, string>>>();

function columnTypesOf(db: Kysely<any>, table: string): Promise<Map<string, string>> {
  let types = columnTypes.get(table);
  if (!types) {
    types = sql<{ name: string; type: string }>`select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute where attrelid = ${table}::regclass and attnum > 0 and not attisdropped`
      .execute(db)
      .then((r) => new Map(r.rows.map((c) => [c.name, c.type])));
    columnTypes.set(table, types);
    types.catch(() => columnTypes.delete(table));
  }
  return types;
}

const columnList = (columns: readonly string[]) => sql.join(columns.map((c) => sql.id(c)));

/**
 * `(select … from unnest($1::text[], $2::bigint[], …) as u(…)) as v`: rows as one array parameter
 * per column, each typed by the table's own column. PostgreSQL parses each value once, by its type
 * — a JSON parameter is parsed as JSON and then each field again (a quarter less time to insert a
 * thousand timeline events) — and the statement has a handful of parameters, however many rows.
 * A column with one value in every row (the organisation, the instant, the actor of a sweep's
 * thousand events) is sent once, as a scalar, not a thousand times in an array.
 */
function unnestRows(types: Map<string, string>, table: string, columns: readonly string[], rows: readonly object[] | readonly unknown[][], withOrdinality = false) {
  const asArrays = Array.isArray(rows[0]);
  const values = columns.map((c, i) => {
    const column = new Array<unknown>(rows.length);
    for (let j = 0; j < rows.length; j++) column[j] = (asArrays ? (rows[j] as unknown[])[i] : (rows[j] as Record<string, unknown>)[c]) ?? null;
    return column;
  });
  const typeOf = (c: string) => {
    const type = types.get(c);
    if (!type) throw new Error(`${table} has no column ${c}`);
    return type;
  };
  const constant = values.map((vs) => rows.length > 1 && isScalar(vs[0]) && sameThroughout(vs));
  // unnest sets the number of rows: one column at least stays an array.
  if (constant.every(Boolean)) constant[0] = false;
  const arrays = columns.flatMap((c, i) => (constant[i] ? [] : [arrayParameter(typeOf(c), values[i])]));
  const selected = columns.map((c, i) => (constant[i] ? sql`${values[i][0]}::${sql.raw(typeOf(c))} as ${sql.id(c)}` : sql`u.${sql.id(c)}`));
  const arrayColumns = columns.filter((_, i) => !constant[i]);
  // With ordinality: each row's place in the list too (u.ordinality, from 1), for numbering in order.
  if (withOrdinality) return sql`(select ${sql.join(selected)}, u.ordinality from unnest(${sql.join(arrays)}) with ordinality as u(${columnList([...arrayColumns, 'ordinality'])})) as v`;
  return sql`(select ${sql.join(selected)} from unnest(${sql.join(arrays)}) as u(${columnList(arrayColumns)})) as v`;
}

function sameThroughout(values: unknown[]): boolean {
  const first = values[0];
  for (let i = 1; i < values.length; i++) if (values[i] !== first) return false;
  return true;
}

/** A value sent as it is: text, a number or null (a boolean or an object goes in the array literal's own form). */
const isScalar = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'number';

/**
 * Inserts the rows whose `conflict` key is not taken yet and answers those it wrote (the others
 * were there already: another node, an earlier retry). SQLite, inside a transaction and given the
 * handle: a prepared single-row `on conflict do nothing` per row, which reports whether it wrote;
 * PostgreSQL: thousands of rows a statement as one array parameter per column (as insertMany),
 * returning the keys it wrote; otherwise multi-row statements returning them.
 */
export async function insertNew<T extends object>(db: Kysely<any>, dialect: DialectName, table: string, conflict: (keyof T & string)[], rows: readonly T[], raw?: SqliteDatabase.Database): Promise<T[]> {
  if (rows.length === 0) return [];
  if (dialect !== 'postgres' && raw && db.isTransaction) {
    const statement = preparedInsert(raw, table, Object.keys(rows[0]), conflict);
    return rows.filter((row) => statement.run(row).changes === 1);
  }
  const keyOf = (r: Record<string, unknown>) => conflict.map((c) => String(r[c])).join('\u0000');
  const written: T[] = [];
  const columns = Object.keys(rows[0]);
  const types = dialect === 'postgres' ? await columnTypesOf(db, table) : null;
  for (const c of chunks(rows, types ? rowsPerArrayStatement : undefined)) {
    const returned: Record<string, unknown>[] = types
      ? (await sql<Record<string, unknown>>`insert into ${sql.table(table)} (${columnList(columns)}) select * from ${unnestRows(types, table, columns, c)} on conflict (${columnList(conflict)}) do nothing returning ${columnList(conflict)}`.execute(db)).rows
      : await db.insertInto(table).values(c).onConflict((oc) => oc.columns(conflict).doNothing()).returning(conflict).execute();
    // As many back as went in: every row was new (the usual case; no keys to match).
    if (returned.length === c.length) {
      written.push(...c);
      continue;
    }
    const keys = new Set(returned.map(keyOf));
    for (const r of c) if (keys.has(keyOf(r as Record<string, unknown>))) written.push(r);
  }
  return written;
}

/**
 * Sets `columns` on many rows of one table, each row found by `keys` and given its own values.
 * SQLite, inside a transaction and given the handle: one prepared single-row update per row (no
 * statement of thousands of parameters to build, no statement journal); PostgreSQL: thousands of
 * rows a statement as one array parameter per column, typed by the table's own columns; otherwise
 * `update … from (values …)`, a few hundred rows a statement.
 */
export async function updateMany(
  db: Kysely<any>,
  dialect: DialectName,
  table: string,
  shape: { keys: string[]; columns: string[]; /** more of the set clause, the same for every row */ also?: RawBuilder<unknown> },
  rows: readonly unknown[][],
  raw?: SqliteDatabase.Database,
): Promise<void> {
  if (rows.length === 0) return;
  const { keys, columns, also } = shape;
  if (dialect !== 'postgres' && raw && db.isTransaction) {
    const extra = also?.compile(db);
    const statement = preparedUpdate(raw, table, keys, columns, extra?.sql);
    // Rows are [keys…, columns…]; the statement takes the columns first.
    for (const r of rows) statement.run([...r.slice(keys.length), ...(extra?.parameters ?? []), ...r.slice(0, keys.length)]);
    return;
  }
  const names = [...keys, ...columns];
  const set = sql.join([...columns.map((c) => sql`${sql.ref(c)} = v.${sql.ref(c)}`), ...(also ? [also] : [])]);
  const match = sql.join(keys.map((k) => sql`${sql.table(table)}.${sql.ref(k)} = v.${sql.ref(k)}`), sql` and `);
  if (dialect === 'postgres') {
    // Thousands of rows as one array parameter per column, typed by the table's own columns (as insertMany does).
    const types = await columnTypesOf(db, table);
    for (const some of chunks(rows, rowsPerArrayStatement)) {
      await sql`update ${sql.table(table)} set ${set} from ${unnestRows(types, table, names, some)} where ${match}`.execute(db);
    }
    return;
  }
  for (const some of chunks(rows)) {
    const values = sql.join(some.map((r) => sql`(${sql.join(r.map((v) => sql`${v}`))})`));
    await sql`with v(${sql.join(names.map((n) => sql.ref(n)))}) as (values ${values}) update ${sql.table(table)} set ${set} from v where ${match}`.execute(db);
  }
}

const preparedUpdates = new WeakMap<SqliteDatabase.Database, Map<string, SqliteDatabase.Statement>>();

function preparedUpdate(raw: SqliteDatabase.Database, table: string, keys: string[], columns: string[], also?: string): SqliteDatabase.Statement {
  let byShape = preparedUpdates.get(raw);
  if (!byShape) preparedUpdates.set(raw, (byShape = new Map()));
  const key = `${table}|${keys.join(',')}|${columns.join(',')}|${also ?? ''}`;
  let statement = byShape.get(key);
  if (!statement) {
    const set = [...columns.map((c) => `"${c}" = ?`), ...(also ? [also] : [])].join(', ');
    statement = raw.prepare(`update "${table}" set ${set} where ${keys.map((k) => `"${k}" = ?`).join(' and ')}`);
    byShape.set(key, statement);
  }
  return statement;
}

const preparedInserts = new WeakMap<SqliteDatabase.Database, Map<string, SqliteDatabase.Statement>>();

/**
 * `insert into table (columns) values (@column, …)`, skipping a row whose `conflict` key is taken
 * when one is given; prepared once per handle, table, columns and conflict key.
 */
function preparedInsert(raw: SqliteDatabase.Database, table: string, columns: string[], conflict?: string[]): SqliteDatabase.Statement {
  let byShape = preparedInserts.get(raw);
  if (!byShape) preparedInserts.set(raw, (byShape = new Map()));
  const key = `${table}|${columns.join(',')}|${conflict?.join(',') ?? ''}`;
  let statement = byShape.get(key);
  if (!statement) {
    const skip = conflict ? ` on conflict (${conflict.map((c) => `"${c}"`).join(', ')}) do nothing` : '';
    statement = raw.prepare(`insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})${skip}`);
    byShape.set(key, statement);
  }
  return statement;
}
