import type { Executor } from '../../shared/context.js';
import { sql } from 'kysely';
import { insertMany, likeEscapeClause, likePattern, likeSuffixPattern, type DialectName } from '../../db/dialect.js';
import type { Db } from '../../db/connect.js';
import type { AuditLogTable } from '../../db/types.js';
import { chunks } from '../../db/chunks.js';

export async function lockAuditHead(db: Executor, dialect: DialectName): Promise<{ seq: number; hash: string }> {
  let query = db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
  if (dialect === 'postgres') query = query.forUpdate();
  const head = await query.executeTakeFirstOrThrow();
  return { seq: Number(head.seq), hash: head.hash };
}

/** Entries in chain order; the head moves to the last (inside the transaction holding it). */
export async function insertAuditEntries(db: Executor, handle: Pick<Db, 'dialect' | 'sqlite'>, rows: AuditLogTable[]): Promise<void> {
  if (rows.length === 0) return;
  await insertMany(db, handle.dialect, 'audit_log', rows, handle.sqlite);
  const last = rows[rows.length - 1];
  await setAuditHead(db, { seq: last.seq, hash: last.hash });
}

/** How the entity of an entry listing a batch of records ends (batchAuditRecords). */
export const BATCH_ENTITY_SUFFIX = '_batch';

export interface AuditFilter {
  orgId: string;
  actorId?: string;
  actor?: string;
  entity?: string;
  entityId?: string;
  from?: number;
  to?: number;
  sort?: 'at' | 'actor' | 'entity' | 'action';
  order?: 'asc' | 'desc';
  limit: number;
  offset: number;
}

const sortColumns = { actor: 'actor_label', entity: 'entity', action: 'action' } as const;

export async function findAuditEntries(db: Executor, f: AuditFilter): Promise<{ rows: (AuditLogTable & { actor_name: string | null })[]; total: number }> {
  let q = db.selectFrom('audit_log').where('org_id', '=', f.orgId);
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  if (f.actor) q = q.where('actor_label', '=', f.actor);
  if (f.entity) q = q.where('entity', '=', f.entity);
  // A record is found on its own entries and on the batch entries that list it (a case's firings
  // in an escalation_batch, a ledger line in a ledger_batch): an id is a quoted value in their JSON.
  if (f.entityId) {
    const listed = sql<boolean>`entity like ${likeSuffixPattern(BATCH_ENTITY_SUFFIX)} ${likeEscapeClause()} and after_json like ${likePattern(`"${f.entityId}"`)} ${likeEscapeClause()}`;
    const entityId = f.entityId;
    q = q.where((eb) => eb.or([eb('entity_id', '=', entityId), listed]));
  }
  if (f.from !== undefined) q = q.where('at', '>=', f.from);
  if (f.to !== undefined) q = q.where('at', '<', f.to);
  const totalRow = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  // The sequence is the order of writing: `at` sorts by it (two entries may share a millisecond).
  const rows = await q
    .selectAll()
    .$call((w) => (f.sort && f.sort !== 'at' ? w.orderBy(sortColumns[f.sort], f.order ?? 'asc').orderBy('seq', 'desc') : w.orderBy('seq', f.order ?? 'desc')))
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  // Display names of the page's actors (one query; the log keeps ids and login names).
  const ids = [...new Set(rows.map((r) => r.actor_id).filter((id): id is string => !!id))];
  const people = ids.length ? await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute() : [];
  const names = new Map(people.map((u) => [u.id, u.display_name || null]));
  return { rows: rows.map((r) => ({ ...r, actor_name: r.actor_id ? (names.get(r.actor_id) ?? null) : null })), total: Number(totalRow?.n ?? 0) };
}

/** The chain in order up to `upToSeq`, a batch at a time, so verification of a long log stays in bounded memory. */
export async function readAuditBatch(db: Executor, afterSeq: number, upToSeq: number, limit: number): Promise<AuditLogTable[]> {
  return db.selectFrom('audit_log').selectAll().where('seq', '>', afterSeq).where('seq', '<=', upToSeq).orderBy('seq', 'asc').limit(limit).execute();
}

export async function readAuditHead(db: Executor): Promise<{ seq: number; hash: string }> {
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { seq: Number(head.seq), hash: head.hash };
}

/** The first entry written before the chain was keyed, if any is left. */
export async function firstUnkeyedSeq(db: Executor, keyedVersion: number): Promise<number | null> {
  const row = await db.selectFrom('audit_log').select((eb) => eb.fn.min('seq').as('seq')).where('chain_version', '<>', keyedVersion).executeTakeFirst();
  return row?.seq == null ? null : Number(row.seq);
}

/** Re-keying: an entry's link and hash recomputed under the audit key. */
export async function rehashAuditEntry(db: Executor, seq: number, change: { prev_hash: string; hash: string; chain_version: number }): Promise<void> {
  await db.updateTable('audit_log').set(change).where('seq', '=', seq).execute();
}

export async function setAuditHead(db: Executor, head: { seq: number; hash: string }): Promise<void> {
  await db.updateTable('audit_head').set(head).where('id', '=', 1).execute();
}

/** The stored check of the audit key, claimed by the first process when none is stored yet. */
export async function claimAuditKeyCheck(db: Executor, check: string): Promise<string> {
  await db.updateTable('audit_head').set({ key_check: check }).where('id', '=', 1).where('key_check', 'is', null).execute();
  const head = await db.selectFrom('audit_head').select('key_check').where('id', '=', 1).executeTakeFirstOrThrow();
  return head.key_check ?? check;
}
