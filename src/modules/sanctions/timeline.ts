import type { AppContext, Executor } from '../../shared/context.js';
import type { Actor } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import type { SanctionsTable } from '../../db/types.js';
import { appendAudit } from '../audit/service.js';
import * as repo from './repository.js';

/** One step of a sanction: on its timeline and in the audit log, in the caller's transaction. */
export async function recordStep(
  ctx: AppContext,
  trx: Executor,
  actor: Actor,
  step: { row: SanctionsTable; action: string; to: string | null; amountFen?: number | null; note?: string | null; before?: unknown; after?: unknown },
) {
  const now = ctx.clock.now();
  await repo.insertEvent(trx, {
    id: newId(now),
    sanction_id: step.row.id,
    org_id: step.row.org_id,
    at: now,
    actor_id: actor.userId || null,
    actor_label: actor.username,
    action: step.action,
    from_status: step.action === 'propose' ? null : step.row.status,
    to_status: step.to,
    amount_fen: step.amountFen ?? null,
    note: step.note ?? null,
  });
  await appendAudit(ctx, trx, actor, { action: step.action, entity: 'sanction', entityId: step.row.id, before: step.before, after: step.after ?? { status: step.to, amountFen: step.amountFen ?? null, note: step.note ?? null } });
}
