import { sql, type RawBuilder } from 'kysely';

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

/** Row locks exist only on PostgreSQL; SQLite serialises writers itself. */
export function supportsRowLocks(dialect: DialectName): boolean {
  return dialect === 'postgres';
}

/** Unique-violation detection across drivers. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE' || err?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
