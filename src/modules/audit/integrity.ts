import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AppContext, Executor } from '../../shared/context.js';
import { requireRole, systemActor, type Actor } from '../../shared/access.js';
import type { AuditLogTable } from '../../db/types.js';
import { auditEntryHash, genesisHash, keyedChain } from './chain.js';
import { appendCheckpoint, checkpointEveryMinutes, checkpointFileName, checkpointSigned, readCheckpoints, readLastCheckpoint, signCheckpoint, type Checkpoint } from './checkpoints.js';
import { auditKeysOf } from './keys.js';
import { appendAudits } from './service.js';
import * as repo from './repository.js';

export type BreakReason =
  | 'hash_mismatch'
  | 'prev_hash_mismatch'
  | 'sequence_gap'
  | 'head_mismatch'
  /** Entries from here on are not under the key: written before the upgrade and not yet re-keyed (the rest of the chain is intact). */
  | 'unkeyed'
  /** An entry not under the key after keyed ones: rewritten without the key. */
  | 'downgraded'
  /** A published checkpoint names an entry the log no longer has (the tail was cut and the head rolled back). */
  | 'checkpoint_missing'
  /** The log's hash at a published checkpoint differs from the checkpoint's (the log was rewritten). */
  | 'checkpoint_mismatch'
  /** A checkpoint that is not signed by this installation (seq: the line number, for a line that is no checkpoint at all). */
  | 'checkpoint_invalid';

export interface ChainReport {
  ok: boolean;
  /** Entries verified before the first break (of the caller's organisation, through the API). */
  checked: number;
  /** The first entry whose link or content does not match, when the chain is broken. */
  firstBroken: { seq: number; reason: BreakReason } | null;
  /** Published checkpoints the log still reproduces. */
  checkpoints: number;
}

export const checkpointFileOf = (ctx: AppContext) => path.join(ctx.config.dataDir, checkpointFileName);

interface WalkOptions {
  /** Where to start: the genesis, or an entry already trusted (a checkpoint). */
  from?: { seq: number; hash: string };
  /** Count only this organisation's entries (the whole chain is still verified: its links run through every organisation). */
  orgId?: string;
  checkpoints?: (Checkpoint | null)[];
}

/**
 * Walks the chain from `from` to the head as it stood when the walk began (entries appended
 * meanwhile are not judged), recomputing every hash under the audit key; reports the first break.
 */
async function walkChain(ctx: AppContext, db: Executor, options: WalkOptions = {}): Promise<ChainReport & { head: { seq: number; hash: string } }> {
  const key = auditKeysOf(ctx);
  const head = await repo.readAuditHead(db);
  let prevHash = options.from?.hash ?? genesisHash;
  let prevSeq = options.from?.seq ?? 0;
  let checked = 0;
  let matched = 0;
  let firstUnkeyed: number | null = null;
  let keyedSeen = false;
  const result = (firstBroken: ChainReport['firstBroken']) => ({ ok: firstBroken === null, checked, firstBroken, checkpoints: matched, head });

  const published = new Map<number, string>();
  for (const [i, c] of (options.checkpoints ?? []).entries()) {
    if (!c || !checkpointSigned(c, key.publicKey)) return result({ seq: c?.seq ?? i + 1, reason: 'checkpoint_invalid' });
    published.set(c.seq, c.hash);
  }
  if (options.from && options.from.seq > 0) {
    // The starting entry must still be the one that was trusted.
    const [row] = await repo.readAuditBatch(db, options.from.seq - 1, options.from.seq, 1);
    if (!row) return result({ seq: options.from.seq, reason: 'checkpoint_missing' });
    if (row.hash !== options.from.hash) return result({ seq: options.from.seq, reason: 'checkpoint_mismatch' });
  }
  for (;;) {
    // A few hundred at a time: an entry may list a hundred ledger lines (postLedgerEntries), a thousand such is tens of MB.
    const batch = await repo.readAuditBatch(db, prevSeq, head.seq, 250);
    if (batch.length === 0) break;
    for (const row of batch) {
      const seq = Number(row.seq);
      if (seq !== prevSeq + 1) return result({ seq: prevSeq + 1, reason: 'sequence_gap' });
      if (row.prev_hash !== prevHash) return result({ seq, reason: 'prev_hash_mismatch' });
      if (Number(row.chain_version) === keyedChain) keyedSeen = true;
      else if (keyedSeen) return result({ seq, reason: 'downgraded' });
      else firstUnkeyed ??= seq;
      if (auditEntryHash(entryOf(row), key.mac) !== row.hash) return result({ seq, reason: 'hash_mismatch' });
      const expected = published.get(seq);
      if (expected !== undefined) {
        if (expected !== row.hash) return result({ seq, reason: 'checkpoint_mismatch' });
        matched++;
      }
      prevHash = row.hash;
      prevSeq = seq;
      if (!options.orgId || row.org_id === options.orgId) checked++;
    }
  }
  if (head.seq !== prevSeq || head.hash !== prevHash) {
    // Entries were deleted from the end: the head remembers what the last one was.
    return result({ seq: prevSeq + 1, reason: 'head_mismatch' });
  }
  const beyond = [...published.keys()].filter((s) => s > head.seq);
  if (beyond.length) return result({ seq: Math.min(...beyond), reason: 'checkpoint_missing' });
  if (firstUnkeyed !== null) return result({ seq: firstUnkeyed, reason: 'unkeyed' });
  return result(null);
}

function entryOf(row: AuditLogTable): Omit<AuditLogTable, 'hash'> {
  const { hash: _hash, ...rest } = row;
  return { ...rest, seq: Number(row.seq), at: Number(row.at) };
}

/** Walks the whole chain from the genesis hash; with checkpoints, also checks that the log still reproduces each one. */
export async function verifyAuditChain(ctx: AppContext, options: { checkpoints?: (Checkpoint | null)[] } = {}): Promise<ChainReport> {
  const { head: _head, ...report } = await walkChain(ctx, ctx.db.kysely, options);
  return report;
}

/**
 * The HTTP face of verification: only the organisation's administrators and quality office; the
 * count is of their organisation's entries; the checkpoints published in the data directory are checked too.
 */
export async function verifyAuditChainAs(ctx: AppContext, actor: Actor): Promise<ChainReport> {
  requireRole(actor, ['admin', 'quality_office']);
  const { head: _head, ...report } = await walkChain(ctx, ctx.db.kysely, { orgId: actor.orgId, checkpoints: readCheckpoints(checkpointFileOf(ctx)) });
  return report;
}

/**
 * Publishes a checkpoint of the current head to the data directory — unless the head has not
 * moved, or (`minIntervalMinutes`) the last one is recent. Only what still chains on from the last
 * published checkpoint is signed: a log rewritten in between is reported, never vouched for.
 */
export async function publishCheckpoint(ctx: AppContext, options: { minIntervalMinutes?: number } = {}): Promise<{ checkpoint: Checkpoint | null; published: boolean; broken: ChainReport['firstBroken'] }> {
  const file = checkpointFileOf(ctx);
  const last = readLastCheckpoint(file);
  const head = await repo.readAuditHead(ctx.db.kysely);
  const now = ctx.clock.now();
  const unchanged = head.seq === 0 || (last !== null && last.seq === head.seq && last.hash === head.hash);
  const recent = last !== null && options.minIntervalMinutes !== undefined && now - Date.parse(last.at) < options.minIntervalMinutes * 60_000;
  if (unchanged || recent) return { checkpoint: last, published: false, broken: null };
  const walked = await walkChain(ctx, ctx.db.kysely, { from: last ?? undefined });
  if (!walked.ok) return { checkpoint: last, published: false, broken: walked.firstBroken };
  const checkpoint = signCheckpoint(auditKeysOf(ctx), { seq: walked.head.seq, hash: walked.head.hash, at: new Date(now).toISOString() });
  appendCheckpoint(file, checkpoint);
  return { checkpoint, published: true, broken: null };
}

/** The background round's checkpoint: at most one per `checkpointEveryMinutes`, when the log moved. */
export function publishScheduledCheckpoint(ctx: AppContext) {
  return publishCheckpoint(ctx, { minIntervalMinutes: checkpointEveryMinutes });
}

/** The latest published checkpoint (for printing), without publishing one. */
export function latestCheckpoint(ctx: AppContext): Checkpoint | null {
  return readLastCheckpoint(checkpointFileOf(ctx));
}

/** 审计校验点 for the organisation's administrators and quality office: the public key and the latest checkpoints, newest first. */
export async function listCheckpoints(ctx: AppContext, actor: Actor, options: { limit: number }) {
  requireRole(actor, ['admin', 'quality_office']);
  const all = readCheckpoints(checkpointFileOf(ctx)).filter((c): c is Checkpoint => c !== null);
  return { publicKey: auditKeysOf(ctx).publicKey, items: all.slice(-options.limit).reverse(), total: all.length };
}

/** Publishes a checkpoint now (the verify screen's button, `youzhi audit checkpoint`). */
export async function publishCheckpointAs(ctx: AppContext, actor: Actor) {
  requireRole(actor, ['admin', 'quality_office']);
  return publishCheckpoint(ctx);
}

/**
 * Once, on the first start after the chain became keyed: entries written before (plain SHA-256)
 * are verified as before and, when the chain is intact, re-keyed from the first of them to the
 * head, under the head's lock; a `rekey` entry records the old head, and a checkpoint is published.
 * A broken legacy chain is left as it is, so verification keeps pointing at the break instead of
 * a re-keyed forgery. Once this installation has published a checkpoint it never re-keys again:
 * unkeyed entries then are a rewrite by someone without the key (`unkeyed` / `downgraded`), not
 * history to adopt.
 */
export async function keyLegacyAuditEntries(ctx: AppContext): Promise<{ rekeyed: number; broken: ChainReport['firstBroken'] }> {
  const from = await repo.firstUnkeyedSeq(ctx.db.kysely, keyedChain);
  if (from === null) return { rekeyed: 0, broken: null };
  if (fs.existsSync(checkpointFileOf(ctx))) return { rekeyed: 0, broken: { seq: from, reason: 'unkeyed' } };
  const result = await rekeyFrom(ctx);
  if (result.rekeyed) await publishCheckpoint(ctx);
  return result;
}

async function rekeyFrom(ctx: AppContext): Promise<{ rekeyed: number; broken: ChainReport['firstBroken'] }> {
  const key = auditKeysOf(ctx).mac;
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const head = await repo.lockAuditHead(trx, ctx.db.dialect);
    const from = await repo.firstUnkeyedSeq(trx, keyedChain);
    if (from === null) return { rekeyed: 0, broken: null };
    const walked = await walkChain(ctx, trx);
    if (walked.firstBroken && walked.firstBroken.reason !== 'unkeyed') return { rekeyed: 0, broken: walked.firstBroken };
    let prev = from === 1 ? { seq: 0, hash: genesisHash } : { seq: from - 1, hash: (await repo.readAuditBatch(trx, from - 2, from - 1, 1))[0].hash };
    let rekeyed = 0;
    for (;;) {
      const batch = await repo.readAuditBatch(trx, prev.seq, head.seq, 1000);
      if (batch.length === 0) break;
      for (const row of batch) {
        const entry = { ...entryOf(row), prev_hash: prev.hash, chain_version: keyedChain };
        const hash = auditEntryHash(entry, key);
        await repo.rehashAuditEntry(trx, entry.seq, { prev_hash: entry.prev_hash, hash, chain_version: keyedChain });
        prev = { seq: entry.seq, hash };
        rekeyed++;
      }
    }
    await repo.setAuditHead(trx, prev);
    await appendAudits(ctx, trx, [{ actor: systemActor('', 'system'), record: { action: 'rekey', entity: 'audit_log', entityId: 'chain', before: head, after: { seq: prev.seq, hash: prev.hash, rekeyed, from } } }]);
    return { rekeyed, broken: null };
  });
}

/**
 * Whether this process holds the secret the audit chain is keyed with. The first process of an
 * installation records a check value; a node started with another secret (its own secret.key
 * instead of the shared YOUZHI_SECRET) would break the chain with its first entry, so it must not start.
 */
export async function auditKeyMatches(ctx: AppContext): Promise<boolean> {
  const check = createHmac('sha256', auditKeysOf(ctx).mac).update('youzhi-audit-key-check-v1').digest('hex');
  return (await repo.claimAuditKeyCheck(ctx.db.kysely, check)) === check;
}
