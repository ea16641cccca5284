import { sql } from 'kysely';
import type { Db } from './connect.js';

/**
 * The schema as data, for the operations that handle every table alike (copying between databases,
 * counting rows after a restore): names, columns, and the foreign keys that fix the copy order.
 */
export interface TableInfo {
  name: string;
  columns: string[];
  /** Tables this one references (itself excluded). */
  references: string[];
  /** Columns referencing this same table (units.parent_id): rows must follow their parent. */
  selfReferences: string[];
}

const internal = (name: string) => name.startsWith('kysely_') || name.startsWith('sqlite_');

interface ForeignKey {
  table: string;
  column: string;
  references: string;
}

/** Every application table with its columns and foreign keys (migration bookkeeping excluded). */
export async function describeTables(db: Db): Promise<TableInfo[]> {
  const tables = (await db.kysely.introspection.getTables()).filter((t) => !t.isView && !internal(t.name));
  const keys = await foreignKeys(db, tables.map((t) => t.name));
  return tables.map((t) => {
    const own = keys.filter((k) => k.table === t.name);
    return {
      name: t.name,
      columns: t.columns.map((c) => c.name),
      references: [...new Set(own.filter((k) => k.references !== t.name).map((k) => k.references))],
      selfReferences: own.filter((k) => k.references === t.name).map((k) => k.column),
    };
  });
}

async function foreignKeys(db: Db, tables: string[]): Promise<ForeignKey[]> {
  if (db.dialect === 'postgres') {
    const { rows } = await sql<ForeignKey>`
      select c.conrelid::regclass::text as "table", a.attname as "column", c.confrelid::regclass::text as "references"
      from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'f' and c.connamespace = 'public'::regnamespace`.execute(db.kysely);
    return rows;
  }
  const keys: ForeignKey[] = [];
  for (const table of tables) {
    const { rows } = await sql<{ table: string; from: string }>`select "table", "from" from pragma_foreign_key_list(${table})`.execute(db.kysely);
    keys.push(...rows.map((r) => ({ table, column: r.from, references: r.table })));
  }
  return keys;
}

/** Tables in an order where every table comes after the tables it references. */
export function referenceOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const ordered: TableInfo[] = [];
  const visit = (t: TableInfo, path: Set<string>) => {
    if (done.has(t.name)) return;
    if (path.has(t.name)) throw new Error(`foreign keys form a cycle through ${t.name}`);
    path.add(t.name);
    for (const r of t.references) {
      const referenced = byName.get(r);
      if (referenced) visit(referenced, path);
    }
    path.delete(t.name);
    done.add(t.name);
    ordered.push(t);
  };
  for (const t of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(t, new Set());
  return ordered;
}

/** Rows per table. */
export async function countRows(db: Db, tables: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const table of tables) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db.kysely);
    counts.set(table, Number(rows[0]?.n ?? 0));
  }
  return counts;
}
