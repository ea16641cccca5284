/**
 * 按拼音排序: Chinese names in pinyin order, digits as numbers (2号窗口 before 10号窗口). One rule
 * for both databases: PostgreSQL orders by the `youzhi_pinyin` ICU collation (migration 0011);
 * SQLite has no ICU, so the page is chosen in JS with the same collation.
 */
import { sql, type RawBuilder } from 'kysely';
import type { DialectName } from './dialect.js';

export const pinyinCollator = new Intl.Collator('zh-CN-u-co-pinyin', { numeric: true });

export interface PageWindow {
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export interface NameOrderedQueries<T> {
  /** PostgreSQL: the page in SQL, ordered by `orderBy` (the name column in pinyin order). */
  inSql: (orderBy: RawBuilder<unknown>) => Promise<T[]>;
  /** SQLite: id and name of every matching row… */
  keys: () => Promise<{ id: string; name: string | null }[]>;
  /** …and the rows of the chosen ids. */
  byIds: (ids: string[]) => Promise<(T & { id: string })[]>;
}

/** One page of rows ordered by a name column (`column` as in SQL, e.g. `staff.name`), then by id. */
export async function pageOrderedByName<T>(column: string, dialect: DialectName, page: PageWindow, p: NameOrderedQueries<T>): Promise<T[]> {
  if (dialect === 'postgres') return p.inSql(sql`${sql.ref(column)} collate youzhi_pinyin`);
  const sign = page.order === 'desc' ? -1 : 1;
  const keys = await p.keys();
  keys.sort((a, b) => sign * pinyinCollator.compare(a.name ?? '', b.name ?? '') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ids = keys.slice(page.offset, page.offset + page.limit).map((k) => k.id);
  if (ids.length === 0) return [];
  const rows = new Map((await p.byIds(ids)).map((r) => [r.id, r]));
  return ids.map((id) => rows.get(id)).filter((r): r is T & { id: string } => r !== undefined);
}
