import type { AppContext, Executor } from '../../shared/context.js';
import { systemActor } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import type { CaseClocksTable, CasesTable } from '../../db/types.js';
import { evaluateClock, type EscalationLevel } from '../../engines/sla/index.js';
import { CalendarYearMissingError } from '../../engines/calendar/index.js';
import { appendAudit } from '../audit/service.js';
import { calendarForOrganisation } from '../calendar/service.js';
import { notifyUsers } from '../notifications/service.js';
import { nearestUnitHeadIds, userIdsWithRole } from '../users/service.js';
import { definitionOf, evaluatedClockRow, runOf } from './clocks.js';
import { caseTypeOf } from './registry.js';
import * as repo from './repository.js';

export interface SweepReport {
  checked: number;
  fired: number;
  latenessChanges: number;
  /** Pending deadlines (期限待定) that got their date because the year's schedule arrived. */
  deadlinesSet: number;
}

const priorities = ['normal', 'high', 'urgent'] as const;
const latenessLabels: Record<string, string> = { overdue: '超期', severely_overdue: '严重超期' };

/**
 * 到期扫描: finds the clocks whose next check has come, fires each escalation level that is due
 * and records lateness changes (after giving pending deadlines their date when the year's
 * schedule has arrived). Safe on many nodes at once: a firing is a row keyed by
 * (case, clock, run, level) inserted before its effects, in the same transaction — a second
 * node's insert finds the row and does nothing, so every level fires exactly once.
 */
export async function sweepDueClocks(ctx: AppContext, options: { node?: string; limit?: number } = {}): Promise<SweepReport> {
  const report: SweepReport = { checked: 0, fired: 0, latenessChanges: 0, deadlinesSet: await resolvePendingDeadlines(ctx) };
  const node = options.node ?? `pid:${process.pid}`;
  const limit = options.limit ?? ctx.config.sweepBatch;
  for (;;) {
    const batch = await ctx.db.kysely.transaction().execute(async (trx) => {
      const now = ctx.clock.now();
      const rows = await repo.claimDueClocks(trx, ctx.db.dialect, now, limit);
      for (const row of rows) await checkClock(ctx, trx, row, now, node, report);
      return rows.length;
    });
    report.checked += batch;
    if (batch < limit) return report;
  }
}

async function checkClock(ctx: AppContext, trx: Executor, row: CaseClocksTable, now: number, node: string, report: SweepReport) {
  const definition = definitionOf(row);
  const run = runOf(row);
  const cal = await calendarForOrganisation(ctx, row.org_id, trx);
  const fired = await repo.findFiredLevels(trx, row.case_id, row.clock_id, row.run);
  let status;
  try {
    status = evaluateClock(cal, definition, run, now, fired);
  } catch (e) {
    // A pause pushed the deadline into a year with no schedule: it waits for one (期限待定).
    if (!(e instanceof CalendarYearMissingError)) throw e;
    await repo.upsertClock(trx, evaluatedClockRow(cal, row, run, now, fired));
    return;
  }
  const kase = await repo.findCaseById(trx, row.case_id);
  if (!kase) return;
  const actor = systemActor(row.org_id, 'deadline-sweep');
  for (const timing of status.escalations.filter((e) => e.due)) {
    const level = definition.escalations.find((e) => e.id === timing.id)!;
    if (!(await repo.recordFiring(trx, { case_id: row.case_id, clock_id: row.clock_id, run: row.run, level_id: level.id, fired_at: now, fired_by: node }))) continue;
    fired.add(level.id);
    report.fired++;
    await fireLevel(ctx, trx, kase, row, level, now);
    await appendAudit(ctx, trx, actor, { action: 'escalate', entity: `case:${kase.type}`, entityId: kase.id, after: { clockId: row.clock_id, levelId: level.id, actions: level.actions } });
  }
  if (status.lateness !== row.lateness) {
    report.latenessChanges++;
    await repo.insertEvent(trx, { id: newId(now), case_id: kase.id, org_id: kase.org_id, at: now, actor_id: null, actor_label: 'deadline-sweep', action: status.lateness, from_status: kase.status, to_status: kase.status, note: latenessLabels[status.lateness] ?? null, public_note: null, data: JSON.stringify({ clockId: row.clock_id, dueAt: status.dueAt }), public: 0 });
  }
  await repo.upsertClock(trx, evaluatedClockRow(cal, row, run, now, fired));
}

/**
 * Gives a deadline to the clocks that waited for a year's holiday schedule (期限待定) once the
 * organisation's calendar has that year: the due date is recorded on the timeline and audited,
 * and running clocks are checked by the sweep at once (lateness, escalations already due).
 * Compare-and-set on pending_year, so nodes running it together record each deadline once.
 */
export async function resolvePendingDeadlines(ctx: AppContext): Promise<number> {
  let resolved = 0;
  for (const { orgId, year } of await repo.findPendingDeadlineOrgs(ctx.db.kysely)) {
    const cal = await calendarForOrganisation(ctx, orgId);
    if (cal.lastYear < year) continue;
    resolved += await ctx.db.kysely.transaction().execute(async (trx) => {
      const now = ctx.clock.now();
      const actor = systemActor(orgId, 'deadline-sweep');
      let n = 0;
      for (const row of await repo.findPendingClocks(trx, orgId, cal.lastYear)) {
        const fired = await repo.findFiredLevels(trx, row.case_id, row.clock_id, row.run);
        const evaluated = evaluatedClockRow(cal, row, runOf(row), now, fired);
        const next = evaluated.stopped_at === null && evaluated.pending_year === null ? { ...evaluated, lateness: row.lateness, next_check_at: now } : evaluated;
        if (!(await repo.resolvePendingClock(trx, next, row.pending_year as number))) continue;
        if (next.pending_year !== null) continue; // the deadline reaches a further missing year
        n++;
        const note = `${row.pending_year} 年法定节假日安排已导入，期限确定为 ${next.due_date}`;
        await repo.insertEvent(trx, { id: newId(now), case_id: row.case_id, org_id: orgId, at: now, actor_id: null, actor_label: 'deadline-sweep', action: 'deadline_set', from_status: null, to_status: null, note, public_note: note, data: JSON.stringify({ clockId: row.clock_id, dueDate: next.due_date }), public: 1 });
        await appendAudit(ctx, trx, actor, { action: 'deadline_set', entity: 'case_clock', entityId: `${row.case_id}:${row.clock_id}`, before: { pendingYear: row.pending_year }, after: { dueDate: next.due_date } });
      }
      return n;
    });
  }
  return resolved;
}

async function recipientsOf(ctx: AppContext, trx: Executor, kase: CasesTable, level: EscalationLevel): Promise<string[]> {
  const ids: string[] = [];
  for (const r of level.recipients) {
    if (r === 'assignee') {
      if (kase.assignee_id) ids.push(kase.assignee_id);
    } else if (r === 'unit_head') ids.push(...(await nearestUnitHeadIds(ctx, kase.org_id, kase.unit_path, trx)));
    else if (r === 'quality_office') ids.push(...(await userIdsWithRole(ctx, kase.org_id, 'quality_office', trx)));
    else if (r && typeof r === 'object' && 'role' in r) ids.push(...(await userIdsWithRole(ctx, kase.org_id, String((r as { role: string }).role), trx)));
  }
  return [...new Set(ids)];
}

/**
 * Who a level tells. When its recipients resolve to nobody (no assignee yet, no head above the
 * unit, nobody holding the named role), the quality office is told instead: a level that fires
 * must reach someone. The event data records the fallback.
 */
async function addresseesOf(ctx: AppContext, trx: Executor, kase: CasesTable, level: EscalationLevel): Promise<{ recipients: string[]; fallback?: 'quality_office' }> {
  const recipients = await recipientsOf(ctx, trx, kase, level);
  if (recipients.length) return { recipients };
  return { recipients: await userIdsWithRole(ctx, kase.org_id, 'quality_office', trx), fallback: 'quality_office' };
}

/** The level's actions: notify its recipients, raise the priority, reassign to the unit head. */
async function fireLevel(ctx: AppContext, trx: Executor, kase: CasesTable, clock: CaseClocksTable, level: EscalationLevel, now: number) {
  const { recipients, fallback } = await addresseesOf(ctx, trx, kase, level);
  const changes: Partial<CasesTable> = {};
  if (level.actions.includes('raise_priority')) {
    const i = priorities.indexOf(kase.priority as (typeof priorities)[number]);
    changes.priority = priorities[Math.min(priorities.length - 1, Math.max(0, i) + 1)];
  }
  if (level.actions.includes('reassign')) {
    const heads = await nearestUnitHeadIds(ctx, kase.org_id, kase.unit_path, trx);
    if (heads[0] && heads[0] !== kase.assignee_id) changes.assignee_id = heads[0];
  }
  if (Object.keys(changes).length) {
    // The sweep wins over a concurrent edit only by bumping the version the editor read.
    await trx.updateTable('cases').set({ ...changes, updated_at: now, version: kase.version + 1 }).where('id', '=', kase.id).execute();
    Object.assign(kase, changes, { version: kase.version + 1 });
  }
  if (level.actions.includes('notify') && recipients.length) {
    const typeLabel = caseTypeOf(kase.type)?.workflow.type ?? kase.type;
    await notifyUsers(ctx, trx, {
      orgId: kase.org_id,
      userIds: recipients,
      caseId: kase.id,
      subject: `【${level.when === 'before' ? '临期提醒' : '超期督办'}】${kase.tracking_no} ${kase.title}`,
      body: `${typeLabel} ${kase.tracking_no}（${clock.clock_id}）到期时间 ${new Date(Number(clock.due_at)).toISOString()}；升级级别 ${level.id}。`,
    });
  }
  await repo.insertEvent(trx, {
    id: newId(now),
    case_id: kase.id,
    org_id: kase.org_id,
    at: now,
    actor_id: null,
    actor_label: 'deadline-sweep',
    action: 'escalate',
    from_status: kase.status,
    to_status: kase.status,
    note: level.id,
    public_note: null,
    data: JSON.stringify({ clockId: clock.clock_id, levelId: level.id, recipients, ...(fallback ? { recipientsFallback: fallback } : {}), actions: level.actions, ...changes }),
    public: 0,
  });
}
