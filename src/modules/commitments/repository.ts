import type { Executor } from '../../shared/context.js';
import type { CommitmentsTable } from '../../db/types.js';
import { deleteIfVersion, updateIfVersion } from '../../db/versioned.js';

export async function insertCommitment(db: Executor, row: CommitmentsTable) {
  await db.insertInto('commitments').values(row).execute();
}

export async function findCommitmentById(db: Executor, id: string) {
  return db.selectFrom('commitments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCommitments(db: Executor, f: { orgId: string; published?: boolean; q?: string; limit: number; offset: number }) {
  let q = db.selectFrom('commitments').where('org_id', '=', f.orgId);
  if (f.published !== undefined) q = q.where('published', '=', f.published ? 1 : 0);
  if (f.q) q = q.where((eb) => eb.or([eb('text_zh', 'like', `%${f.q}%`), eb('promise_zh', 'like', `%${f.q}%`)]));
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await q.selectAll().orderBy('sort_order').orderBy('created_at').orderBy('id').limit(f.limit).offset(f.offset).execute();
  return { rows, total: Number(total?.n ?? 0) };
}

export function updateCommitmentIfVersion(db: Executor, id: string, version: number, changes: Partial<CommitmentsTable>): Promise<boolean> {
  return updateIfVersion(db, 'commitments', id, version, changes);
}

export function deleteCommitmentIfVersion(db: Executor, id: string, version: number): Promise<boolean> {
  return deleteIfVersion(db, 'commitments', id, version);
}
