import type { Kysely } from 'kysely';
import type { Database } from './types.js';

/**
 * The outbox mechanism, one home for both outboxes (the notification outbox and the webhook
 * deliveries): a row per message, `pending` while it waits, with its attempt count and the instant
 * of its next attempt. Several nodes send from it at once, so every attempt is
 *
 *   claimed   by compare-and-set on the attempt count, which hides the row for a lease: the one
 *             node whose update changes the row sends; a node that dies mid-send leaves the row
 *             due again once the lease has passed (sent again, with the same id for the receiver
 *             to drop);
 *   settled   by the claimant of that attempt only (same attempt count): sent, or after a failure
 *             pending again at the time the retry schedule gives, or failed when it gives none.
 *
 * Each module's repository calls these for its own table (as with db/versioned.ts).
 */

/** Tables that are outboxes: a text `id`, a `status` ('pending' while due), `attempts`, `next_attempt_at`. */
export type OutboxTable = { [T in keyof Database]: Database[T] extends { id: string; status: string; attempts: number; next_attempt_at: number | null } ? T : never }[keyof Database];

/** Kysely cannot follow a table name chosen by a type parameter: the statements are built on this loose view. */
type Loose = Kysely<Record<string, { id: string; status: string; attempts: number; next_attempt_at: number | null } & Record<string, unknown>>>;

/** An attempt a node holds: `attempts` counts it. */
export interface OutboxClaim {
  id: string;
  attempts: number;
}

/**
 * Claims the next attempt of a due message: its attempt count goes from `attempts` (as read) to one
 * more, and it is hidden until `leaseUntil`. `also` are the table's own columns set with the claim
 * (who holds it). Null when another node claimed it first or it is no longer due.
 */
export async function claimOutboxMessage<T extends OutboxTable>(
  db: Kysely<Database>,
  table: T,
  due: { id: string; attempts: number; now: number; leaseUntil: number; also?: Partial<Database[T]> },
): Promise<OutboxClaim | null> {
  const r = await (db as unknown as Loose)
    .updateTable(table as string)
    .set({ ...due.also, attempts: due.attempts + 1, next_attempt_at: due.leaseUntil } as never)
    .where('id', '=', due.id)
    .where('status', '=', 'pending')
    .where('attempts', '=', due.attempts)
    .where('next_attempt_at', '<=', due.now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1 ? { id: due.id, attempts: due.attempts + 1 } : null;
}

/**
 * Records the outcome of a claimed attempt: `changes` carry the status (and next attempt) and the
 * table's own columns. Only the claimant of that attempt may (`holder`: the table's own columns
 * naming it, when it has them); false when the lease passed and another attempt was claimed since.
 */
export async function settleOutboxMessage<T extends OutboxTable>(
  db: Kysely<Database>,
  table: T,
  claim: OutboxClaim,
  changes: Partial<Database[T]> & { status: string; next_attempt_at: number | null },
  holder: Partial<Record<keyof Database[T] & string, string>> = {},
): Promise<boolean> {
  let q = (db as unknown as Loose)
    .updateTable(table as string)
    .set(changes as never)
    .where('id', '=', claim.id)
    .where('attempts', '=', claim.attempts);
  for (const [column, value] of Object.entries(holder)) q = q.where(column, '=', value as string);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * When a failed message is tried again: after a fixed list of waits (the n-th failure waits the
 * n-th; past the list it has failed), or doubling from a first wait up to a cap, with jitter, for
 * at most `maxAttempts` attempts.
 */
export type RetrySchedule =
  | { kind: 'steps'; delaysMs: readonly number[] }
  | { kind: 'doubling'; firstMs: number; maxMs: number; /** ± this fraction of the wait */ jitter: number; maxAttempts: number };

/** The wait before the next attempt after `attemptsMade` attempts (the last one failed); null: give up, the message has failed. */
export function retryDelayMs(schedule: RetrySchedule, attemptsMade: number, random: () => number = Math.random): number | null {
  if (schedule.kind === 'steps') return schedule.delaysMs[attemptsMade - 1] ?? null;
  if (attemptsMade >= schedule.maxAttempts) return null;
  const base = Math.min(schedule.maxMs, schedule.firstMs * 2 ** Math.max(0, attemptsMade - 1));
  return Math.round(base * (1 - schedule.jitter + 2 * schedule.jitter * random()));
}
