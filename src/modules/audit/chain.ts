import { sha256Hex } from '../../shared/ids.js';
import { canonicalJson } from '../../shared/json.js';
import type { AuditLogTable } from '../../db/types.js';

/** Each entry's hash covers its content and the previous hash: editing or deleting any entry breaks the chain. */
export function auditEntryHash(row: Omit<AuditLogTable, 'hash'>): string {
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
  return sha256Hex(`${row.prev_hash}\n${body}`);
}

export const genesisHash = '0'.repeat(64);
