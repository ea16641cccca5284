import { createHmac } from 'node:crypto';
import { sha256Hex } from '../../shared/ids.js';
import { canonicalJson } from '../../shared/json.js';
import type { AuditLogTable } from '../../db/types.js';

/** The chain version new entries are written with: 1 = HMAC-SHA256 under the audit key. */
export const keyedChain = 1;

/**
 * Each entry's hash covers its content and the previous hash: editing or deleting any entry breaks
 * the chain. Keyed entries (version 1) are an HMAC under the audit key, so the chain cannot be
 * recomputed without the installation secret; version 0 is the plain SHA-256 of entries written
 * before the chain was keyed (verified, then re-keyed, on the first start after the upgrade).
 */
export function auditEntryHash(row: Omit<AuditLogTable, 'hash'>, key: Buffer): string {
  const body = canonicalJson({
    seq: Number(row.seq),
    id: row.id,
    orgId: row.org_id,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    at: Number(row.at),
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    before: row.before_json,
    after: row.after_json,
  });
  const text = `${row.prev_hash}\n${body}`;
  return Number(row.chain_version) === keyedChain ? createHmac('sha256', key).update(text).digest('hex') : sha256Hex(text);
}

export const genesisHash = '0'.repeat(64);
