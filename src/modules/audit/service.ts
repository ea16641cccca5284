import type { AppContext, Executor } from '../../shared/context.js';
import type { Actor } from '../../shared/access.js';
import { actorKindOf, requireRole } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import { canonicalJson, parseJson } from '../../shared/json.js';
import { chunks } from '../../db/chunks.js';
import { auditEntryHash, keyedChain } from './chain.js';
import { auditKeysOf } from './keys.js';
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
  const key = auditKeysOf(ctx).mac;
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
      chain_version: keyedChain,
    };
    const entry = { ...row, hash: auditEntryHash(row, key) };
    head = { seq: entry.seq, hash: entry.hash };
    return entry;
  });
  await repo.insertAuditEntries(trx, ctx.db, rows);
}

/**
 * Records listed by one audit entry of a batch: an entry stays a few dozen kilobytes, so verifying
 * the chain (a thousand entries a read) holds a bounded amount in memory.
 */
export const RECORDS_PER_AUDIT_ENTRY = 100;

/**
 * The audit records of a batch of like changes (a month's ledger lines, the sweep's firings): a
 * lone change gets the entry it would get on its own (`single`); more are listed a hundred to an
 * entry of `entity`, named `batchId` — `batchId:1`, `batchId:2`… when there are several — each
 * saying what its part holds (`view`). Thousands of changes are then dozens of entries to chain,
 * not thousands, and each still names every change.
 */
export function batchAuditRecords<T>(options: { action: string; entity: string; batchId: string; items: T[]; single: (item: T) => AuditRecord; view: (part: T[]) => unknown }): AuditRecord[] {
  const { action, entity, batchId, items } = options;
  // The audit search finds a record listed in a batch entry by this ending (findAuditEntries).
  if (!entity.endsWith(repo.BATCH_ENTITY_SUFFIX)) throw new Error(`a batch entry's entity ends in ${repo.BATCH_ENTITY_SUFFIX}: ${entity}`);
  if (items.length <= 1) return items.map(options.single);
  const parts = [...chunks(items, RECORDS_PER_AUDIT_ENTRY)];
  return parts.map((part, i) => ({ action, entity, entityId: parts.length === 1 ? batchId : `${batchId}:${i + 1}`, after: options.view(part) }));
}

/** The filters of the audit list (the organisation is the caller's), paged. */
export type ListAuditOptions = Omit<repo.AuditFilter, 'orgId' | 'limit' | 'offset'> & { page: number; pageSize: number };

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

/** How many records a batch entry lists (its view's count); null for an entry of one record. */
function listedCountOf(entity: string, after: unknown): number | null {
  const count = (after as { count?: unknown } | null)?.count;
  return entity.endsWith(repo.BATCH_ENTITY_SUFFIX) && typeof count === 'number' ? count : null;
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
        // A person's display name (never an id); 公众 / 系统 are the screens' words for the others.
        actorKind: actorKindOf(r.actor_id, r.actor_label),
        actorName: r.actor_id ? (r.actor_name ?? r.actor_label) : null,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        entityName: entityNameOf(before, after),
        listedCount: listedCountOf(r.entity, after),
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
