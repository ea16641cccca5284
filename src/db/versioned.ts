import type { Kysely } from 'kysely';
import type { Database } from './types.js';

/**
 * Optimistic locking, one statement each: a row is changed or deleted only while it still has the
 * version the caller read (a concurrent edit makes the call return false, the service answers 409).
 * Each module's repository calls these for its own tables.
 */

/** Tables whose rows carry a text `id` and an integer `version`. */
export type VersionedTable = { [T in keyof Database]: Database[T] extends { id: string; version: number } ? T : never }[keyof Database];

/** Kysely cannot follow a table name chosen by a type parameter: the statements are built on this loose view. */
type Loose = Kysely<Record<string, { id: string; version: number }>>;

/** Writes `changes` and bumps the version; false when the row is gone or its version moved on. */
export async function updateIfVersion<T extends VersionedTable>(db: Kysely<Database>, table: T, id: string, version: number, changes: Partial<Database[T]>): Promise<boolean> {
  const r = await (db as unknown as Loose)
    .updateTable(table as string)
    .set({ ...changes, version: version + 1 } as never)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Deletes the row; false when it is gone or its version moved on. */
export async function deleteIfVersion(db: Kysely<Database>, table: VersionedTable, id: string, version: number): Promise<boolean> {
  const r = await (db as unknown as Loose).deleteFrom(table as string).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}
