import type { AppContext, Executor } from '../../shared/context.js';
import type { Actor } from '../../shared/access.js';
import { requireRole } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import { canonicalJson, parseJson } from '../../shared/json.js';
import { auditEntryHash, genesisHash } from './chain.js';
import * as repo from './repository.js';

export interface AuditRecord {
  action: string; // create | update | delete | import | login | …
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one entry to the tamper-evident log. Call it inside the mutation's own
 * transaction: the record and its audit entry are written together or not at all.
 */
export async function appendAudit(ctx: AppContext, trx: Executor, actor: Actor, record: AuditRecord): Promise<void> {
  await appendAudits(ctx, trx, [{ actor, record }]);
}

/** Appends entries in the order given, chained one to the next, holding the chain's head once (the deadline sweep writes hundreds per batch). */
export async function appendAudits(ctx: AppContext, trx: Executor, entries: { actor: Actor; record: AuditRecord }[]): Promise<void> {
  if (entries.length === 0) return;
  let head = await repo.lockAuditHead(trx, ctx.db.dialect);
  const rows = entries.map(({ actor, record }) => {
    const row = {
      seq: head.seq + 1,
      id: newId(ctx.clock.now()),
      org_id: actor.orgId || null,
      actor_id: actor.userId || null,
      actor_label: actor.username,
      at: ctx.clock.now(),
      action: record.action,
      entity: record.entity,
      entity_id: record.entityId,
      before_json: record.before === undefined ? null : canonicalJson(record.before),
      after_json: record.after === undefined ? null : canonicalJson(record.after),
      prev_hash: head.hash,
    };
    const entry = { ...row, hash: auditEntryHash(row) };
    head = { seq: entry.seq, hash: entry.hash };
    return entry;
  });
  await repo.insertAuditEntries(trx, rows);
}

export interface ListAuditOptions {
  actorId?: string;
  actor?: string;
  entity?: string;
  entityId?: string;
  from?: number;
  to?: number;
  sort?: 'at' | 'actor' | 'entity' | 'action';
  order?: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

/** Fields that name a record, best first: what a reader recognises instead of its id. */
const nameFields = ['name', 'displayName', 'title', 'trackingNo', 'date', 'year'] as const;
const codeFields = ['code', 'badgeNo', 'username'] as const;

/** A readable name for the entry's record (门诊部（H-OPD）, 张丽（H1003）…), when the entry carries one. */
export function entityNameOf(before: unknown, after: unknown): string | null {
  for (const side of [after, before]) {
    if (typeof side !== 'object' || side === null || Array.isArray(side)) continue;
    const record = side as Record<string, unknown>;
    const name = nameFields.map((k) => record[k]).find((v) => typeof v === 'string' || typeof v === 'number');
    const code = codeFields.map((k) => record[k]).find((v) => typeof v === 'string');
    if (name !== undefined) return code && code !== name ? `${name}（${code}）` : String(name);
    if (code) return code;
  }
  return null;
}

export async function listAuditEntries(ctx: AppContext, actor: Actor, options: ListAuditOptions) {
  requireRole(actor, ['admin', 'quality_office']);
  const { rows, total } = await repo.findAuditEntries(ctx.db.kysely, {
    orgId: actor.orgId,
    actorId: options.actorId,
    actor: options.actor,
    entity: options.entity,
    entityId: options.entityId,
    from: options.from,
    to: options.to,
    sort: options.sort,
    order: options.order,
    limit: options.pageSize,
    offset: (options.page - 1) * options.pageSize,
  });
  return {
    items: rows.map((r) => {
      const before = parseJson(r.before_json, null);
      const after = parseJson(r.after_json, null);
      return {
        seq: Number(r.seq),
        id: r.id,
        at: new Date(Number(r.at)).toISOString(),
        actorId: r.actor_id,
        actor: r.actor_label,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        entityName: entityNameOf(before, after),
        before,
        after,
        hash: r.hash,
      };
    }),
    total,
    page: options.page,
    pageSize: options.pageSize,
  };
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  /** The first entry whose link or content does not match, when the chain is broken. */
  firstBroken: { seq: number; reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap' | 'head_mismatch' } | null;
}

/** Walks the whole chain from the genesis hash; reports the first broken link. */
export async function verifyAuditChain(ctx: AppContext): Promise<ChainReport> {
  let prevHash = genesisHash;
  let prevSeq = 0;
  let checked = 0;
  for (;;) {
    const batch = await repo.readAuditBatch(ctx.db.kysely, prevSeq, 1000);
    if (batch.length === 0) break;
    for (const row of batch) {
      const seq = Number(row.seq);
      if (seq !== prevSeq + 1) return { ok: false, checked, firstBroken: { seq: prevSeq + 1, reason: 'sequence_gap' } };
      if (row.prev_hash !== prevHash) return { ok: false, checked, firstBroken: { seq, reason: 'prev_hash_mismatch' } };
      const { hash, ...rest } = row;
      if (auditEntryHash({ ...rest, seq, at: Number(row.at) }) !== hash) {
        return { ok: false, checked, firstBroken: { seq, reason: 'hash_mismatch' } };
      }
      prevHash = hash;
      prevSeq = seq;
      checked++;
    }
  }
  const head = await repo.readAuditHead(ctx.db.kysely);
  if (head.seq !== prevSeq || head.hash !== prevHash) {
    // Entries were deleted from the end: the head remembers what the last one was.
    return { ok: false, checked, firstBroken: { seq: prevSeq + 1, reason: 'head_mismatch' } };
  }
  return { ok: true, checked, firstBroken: null };
}

/** The HTTP face of verification: only the organisation's administrators and quality office. */
export async function verifyAuditChainAs(ctx: AppContext, actor: Actor): Promise<ChainReport> {
  requireRole(actor, ['admin', 'quality_office']);
  return verifyAuditChain(ctx);
}
