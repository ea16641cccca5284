import { sql, type Kysely } from 'kysely';
import { openDb, type Db } from './connect.js';
import { migrateToLatest } from './migrate.js';
import { countRows, describeTables, referenceOrder, type TableInfo } from './tables.js';

/**
 * Moving an installation up from its SQLite file to PostgreSQL (`youzhi migrate-data`). Like the
 * migrations, this copies every table whole, beside the modules' repositories: it moves rows, it
 * does not decide anything about them. One transaction on the target, so a failed copy leaves it
 * empty and the command can run again.
 */
export interface CopyProgress {
  table: string;
  /** 1-based position of the table, of `tables`. */
  index: number;
  tables: number;
  copied: number;
  total: number;
}

export interface CopyOptions {
  /** Rows per INSERT (capped so one statement stays under PostgreSQL's 65,535 parameters). */
  batchRows?: number;
  onProgress?: (progress: CopyProgress) => void;
}

export interface CopyReport {
  tables: { name: string; rows: number }[];
  rows: number;
}

export class TargetNotEmptyError extends Error {}

export async function copySqliteToPostgres(source: Db, target: Db, options: CopyOptions = {}): Promise<CopyReport> {
  if (source.dialect !== 'sqlite' || !source.sqlite || target.dialect !== 'postgres') throw new Error('migrate-data copies a SQLite database into PostgreSQL');
  await migrateToLatest(source);
  await migrateToLatest(target);
  const tables = referenceOrder(await describeTables(source));
  const targetTables = new Map((await describeTables(target)).map((t) => [t.name, t]));
  for (const t of tables) {
    const other = targetTables.get(t.name);
    const missing = other ? t.columns.filter((c) => !other.columns.includes(c)) : ['(table)'];
    if (missing.length) throw new Error(`the target's table ${t.name} lacks ${missing.join(', ')}: are both at the same Youzhi version?`);
  }
  const names = tables.map((t) => t.name);
  const seeded = await migrationSeededRows(names);
  const present = await countRows(target, names);
  const occupied = names.filter((n) => (present.get(n) ?? 0) > (seeded.get(n) ?? 0));
  if (occupied.length) throw new TargetNotEmptyError(`the target database is not empty (${occupied.slice(0, 5).map((n) => `${n}: ${present.get(n)} rows`).join(', ')}); migrate-data copies into an empty database only`);
  const expected = await countRows(source, names);

  await target.kysely.transaction().execute(async (trx) => {
    // Rows the migrations themselves wrote (the audit head) give way to the source's own.
    for (const t of [...tables].reverse()) if (present.get(t.name)) await sql`delete from ${sql.table(t.name)}`.execute(trx);
    for (const [i, t] of tables.entries()) {
      const total = expected.get(t.name) ?? 0;
      await copyTable(source, trx, t, { ...options, onProgress: (copied) => options.onProgress?.({ table: t.name, index: i + 1, tables: tables.length, copied, total }) });
    }
  });

  const copied = await countRows(target, names);
  const differing = names.filter((n) => copied.get(n) !== expected.get(n));
  if (differing.length) throw new Error(`row counts differ after the copy: ${differing.map((n) => `${n} ${expected.get(n)} → ${copied.get(n)}`).join(', ')}`);
  const report = tables.map((t) => ({ name: t.name, rows: expected.get(t.name) ?? 0 }));
  return { tables: report, rows: report.reduce((sum, t) => sum + t.rows, 0) };
}

async function copyTable(source: Db, trx: Kysely<any>, table: TableInfo, options: { batchRows?: number; onProgress: (copied: number) => void }) {
  const columns = table.columns;
  const perStatement = Math.max(1, Math.min(options.batchRows ?? 1000, Math.floor(60_000 / columns.length)));
  const select = source.sqlite!.prepare(`select ${columns.map((c) => `"${c}"`).join(', ')} from "${table.name}"`);
  const rows: Iterable<Record<string, unknown>> = table.selfReferences.length
    ? parentsFirst(select.all() as Record<string, unknown>[], table)
    : (select.iterate() as Iterable<Record<string, unknown>>);
  let batch: Record<string, unknown>[] = [];
  let copied = 0;
  const flush = async () => {
    if (!batch.length) return;
    await trx.insertInto(table.name).values(batch).execute();
    copied += batch.length;
    batch = [];
    options.onProgress(copied);
  };
  // better-sqlite3 iterates synchronously; the awaits between rows only touch the target.
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= perStatement) await flush();
  }
  await flush();
  if (copied === 0) options.onProgress(0);
}

/** A self-referencing table's rows (units.parent_id) ordered so each follows the row it points at. */
function parentsFirst(rows: Record<string, unknown>[], table: TableInfo): Record<string, unknown>[] {
  const key = table.columns.includes('id') ? 'id' : null;
  if (!key) return rows;
  const placed = new Set<unknown>();
  const ordered: Record<string, unknown>[] = [];
  let pending = rows;
  while (pending.length) {
    const ready = pending.filter((r) => table.selfReferences.every((c) => r[c] === null || r[c] === r[key] || placed.has(r[c])));
    // A reference to a row that does not exist would fail the foreign key anyway: let PostgreSQL say so.
    const next = ready.length ? ready : pending;
    for (const r of next) {
      placed.add(r[key]);
      ordered.push(r);
    }
    pending = ready.length ? pending.filter((r) => !placed.has(r[key])) : [];
  }
  return ordered;
}

/** Rows a freshly migrated database already holds (the audit head), measured on a scratch database. */
async function migrationSeededRows(tables: string[]): Promise<Map<string, number>> {
  const scratch = openDb({ sqliteFile: ':memory:' });
  try {
    await migrateToLatest(scratch);
    return await countRows(scratch, tables);
  } finally {
    await scratch.close();
  }
}
