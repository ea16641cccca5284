import type { AppContext, Executor } from '../../shared/context.js';
import type { Actor } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import { appendAudit } from '../audit/service.js';
import { getStaff } from '../staff/service.js';
import * as repo from './repository.js';

export interface RecordIncidentOptions {
  orgId: string;
  staffId: string;
  unitId: string | null;
  sourceType: string;
  sourceId: string;
  kind: string;
  verdict: string | null;
  summary: string;
  occurredAt: number;
}

/**
 * 差错投诉个人档案: a verified complaint (later: an inspection finding) enters the person's file,
 * which awards and sanctions read. Recorded in the caller's transaction; re-verification replaces it.
 */
export async function recordIncident(ctx: AppContext, trx: Executor, actor: Actor, options: RecordIncidentOptions) {
  const now = ctx.clock.now();
  const row = {
    id: newId(now),
    org_id: options.orgId,
    staff_id: options.staffId,
    unit_id: options.unitId,
    source_type: options.sourceType,
    source_id: options.sourceId,
    kind: options.kind,
    verdict: options.verdict,
    summary: options.summary,
    occurred_at: options.occurredAt,
    created_at: now,
  };
  await repo.insertIncident(trx, row);
  await appendAudit(ctx, trx, actor, { action: 'record', entity: 'staff_incident', entityId: `${options.sourceType}:${options.sourceId}`, after: { staffId: row.staff_id, kind: row.kind, verdict: row.verdict } });
}

/** A complaint found unsubstantiated on re-verification leaves the file again. */
export async function withdrawIncident(ctx: AppContext, trx: Executor, actor: Actor, sourceType: string, sourceId: string) {
  await repo.deleteIncident(trx, sourceType, sourceId);
  await appendAudit(ctx, trx, actor, { action: 'withdraw', entity: 'staff_incident', entityId: `${sourceType}:${sourceId}` });
}

/** The incident file of one staff member, for whoever may see that person. */
export async function listIncidents(ctx: AppContext, actor: Actor, staffId: string, options: { from?: number; to?: number } = {}) {
  const staff = await getStaff(ctx, actor, staffId);
  const rows = await repo.findIncidents(ctx.db.kysely, staffId, options.from, options.to);
  return {
    staff: { id: staff.id, badgeNo: staff.badgeNo, name: staff.name, units: staff.units },
    items: rows.map((r) => ({ id: r.id, sourceType: r.source_type, sourceId: r.source_id, kind: r.kind, verdict: r.verdict, summary: r.summary, occurredAt: new Date(Number(r.occurred_at)).toISOString() })),
  };
}
