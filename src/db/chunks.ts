/** Rows per multi-row statement: far below SQLite's and PostgreSQL's bound-parameter limits for the widest table. */
export const rowsPerStatement = 200;

/** Consecutive slices of at most `size` items: one multi-row insert, or one `in (…)` list, per slice. */
export function* chunks<T>(items: readonly T[], size = rowsPerStatement): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
