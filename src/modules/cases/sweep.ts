import type { AppContext } from '../../shared/context.js';
import { systemActor } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import type { CaseClock, CaseEscalationsTable, CasesTable } from '../../db/types.js';
import { evaluateClock, withFiredLevels, type EscalationLevel } from '../../engines/sla/index.js';
import { CalendarYearMissingError, type WorkCalendar } from '../../engines/calendar/index.js';
import { appendAudit } from '../audit/service.js';
import { calendarForOrganisation } from '../calendar/service.js';
import { clockRow, evaluatedClockRow, runOf } from './clocks.js';
import * as repo from './repository.js';
import { newSweepRound, SweepBatch, type Addressees, type SweepRound } from './sweep-batch.js';
import { escalationText } from './reminder-text.js';
import { businessHoursOf, type PolicyPack } from '../../policy/index.js';

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
  // PostgreSQL: several transactions at once, so this process works out one batch while the
  // database writes another. Each takes its own share of the cases, so a case's clocks never meet
  // in two of them (its timeline, its row). SQLite has one writer: one at a time.
  const workers = ctx.db.dialect === 'postgres' ? ctx.config.sweepWorkers : 1;
  const round = newSweepRound();
  const shares = await Promise.allSettled(Array.from({ length: workers }, (_, index) => sweepShare(ctx, { node, limit, share: { index, of: workers }, round }, report)));
  const failed = shares.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return report;
}

/** Claims and checks this share's due clocks batch by batch, one transaction each, until none are left. */
async function sweepShare(ctx: AppContext, options: { node: string; limit: number; share: repo.CaseShare; round: SweepRound }, report: SweepReport): Promise<void> {
  const { node, limit, share, round } = options;
  for (;;) {
    const claimed = await ctx.db.kysely.transaction().execute(async (trx) => {
      const now = ctx.clock.now();
      const work = await repo.claimDueClocks(trx, ctx.db.dialect, { now, limit, share });
      const batch = new SweepBatch(ctx, trx, work, round);
      await batch.loadOrganisations();
      const checks: ClockCheck[] = [];
      for (const row of work.clocks) {
        const check = evaluateDueClock(batch, row, { now, node });
        if (check) checks.push(check);
      }
      // The exactly-once guard for the whole batch: a level fires here only if this insert wrote its row.
      const written = await repo.recordFirings(trx, ctx.db, checks.flatMap((c) => c.firings));
      for (const check of checks) await applyClockCheck(batch, check, written, now, report);
      await batch.write(now);
      return work.clocks.length;
    });
    report.checked += claimed;
    if (claimed < limit) return;
  }
}

interface ClockCheck {
  row: CaseClock;
  kase: repo.SweepCase;
  run: ReturnType<typeof runOf>;
  fired: Set<string>;
  status: ReturnType<typeof evaluateClock>;
  /** Levels due now and not fired yet. */
  due: EscalationLevel[];
  /** The firing row of each due level, in the same order (recordFirings answers which it wrote). */
  firings: CaseEscalationsTable[];
  /** The pack in force: the labels of the case type and clock the reminder names. */
  pack: PolicyPack;
}

/** Where a claimed clock stands now; null when there is nothing more to do with it in this batch. */
function evaluateDueClock(batch: SweepBatch, row: CaseClock, firing: { now: number; node: string }): ClockCheck | null {
  const { now, node } = firing;
  const definition = batch.definitionOf(row);
  const run = runOf(row);
  const { cal, pack } = batch.organisation(row.org_id);
  const fired = batch.firedLevels(row);
  let status;
  try {
    status = evaluateClock(cal, definition, run, now, fired);
  } catch (e) {
    // A pause pushed the deadline into a year with no schedule: it waits for one (期限待定).
    if (!(e instanceof CalendarYearMissingError)) throw e;
    batch.saveClock(evaluatedClockRow(cal, row, run, now, fired), row);
    return null;
  }
  const kase = batch.caseOf(row.case_id);
  if (!kase) return null;
  const due = status.escalations.filter((e) => e.due).map((timing) => definition.escalations.find((e) => e.id === timing.id)!);
  const firings = due.map((level) => ({ case_id: row.case_id, clock_id: row.clock_id, run: row.run, level_id: level.id, fired_at: now, fired_by: node }));
  return { row, kase, run, fired, status, due, firings, pack };
}

const lateAt = (lateness: string | null) => lateness === 'overdue' || lateness === 'severely_overdue';

/**
 * Fires the check's due levels (those this batch's firing rows wrote) and records a lateness change.
 * A lateness change at the instant a level fires — at close of business, the clock turning overdue
 * and the level anchored there telling the unit head — is one timeline entry: the level's, naming
 * the lateness (data.lateness) rather than a second entry of the same minute saying it again.
 */
async function applyClockCheck(batch: SweepBatch, c: ClockCheck, written: Set<CaseEscalationsTable>, now: number, report: SweepReport) {
  const { row, kase, status, fired } = c;
  const latenessChanged = status.lateness !== row.lateness;
  const firing = c.due.filter((_, i) => written.has(c.firings[i]));
  // Turning (severely) overdue as levels fire: the entry of the last level fired names it — the
  // most severe of them, the one anchored where the clock now stands.
  const withLevel = latenessChanged && lateAt(status.lateness) && firing.length > 0;
  for (const [i, level] of firing.entries()) {
    fired.add(level.id);
    report.fired++;
    await fireLevel(batch, c, level, now, withLevel && i === firing.length - 1 ? { lateness: status.lateness, dueAt: status.dueAt } : null);
    batch.auditFiring({ orgId: kase.org_id, caseId: kase.id, caseType: kase.type, trackingNo: kase.tracking_no, clockId: row.clock_id, levelId: level.id, actions: level.actions });
  }
  if (latenessChanged) {
    report.latenessChanges++;
    // 整改超期: a rectification's clock passes its deadline (once per run of the clock: the lateness is stored with it).
    if (kase.type === 'rectification' && lateAt(status.lateness) && !lateAt(row.lateness)) {
      batch.emit({ orgId: kase.org_id, type: 'rectification.overdue', data: { caseId: kase.id, caseType: kase.type, trackingNo: kase.tracking_no, status: kase.status, unitId: kase.unit_id, clockId: row.clock_id, lateness: status.lateness, dueAt: status.dueAt === null ? null : new Date(status.dueAt).toISOString() } });
    }
    if (!withLevel) batch.addEvent({ id: newId(now), case_id: kase.id, org_id: kase.org_id, at: now, actor_id: null, actor_label: 'deadline-sweep', action: status.lateness, from_status: kase.status, to_status: kase.status, note: latenessLabels[status.lateness] ?? null, public_note: null, data: JSON.stringify({ clockId: row.clock_id, dueAt: status.dueAt }), public: 0 });
  }
  // The levels just fired count now: the next check moves past them.
  batch.saveClock(clockRow(row, c.run, withFiredLevels(status, now, fired)), row);
}

/** A clock's lateness as it changed in this check, recorded with the level fired at the same instant. */
interface LatenessChange {
  lateness: string;
  dueAt: number;
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
        await repo.lockClockChecks(trx, ctx.db.dialect, { orgId, caseId: row.case_id });
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

async function recipientsOf(batch: SweepBatch, kase: repo.SweepCase, level: EscalationLevel): Promise<string[]> {
  const ids: string[] = [];
  for (const r of level.recipients) {
    if (r === 'assignee') {
      if (kase.assignee_id) ids.push(kase.assignee_id);
    } else if (r === 'unit_head') ids.push(...(await batch.unitHeadIds(kase.org_id, kase.unit_path)));
    else if (r === 'quality_office') ids.push(...(await batch.userIdsWithRole(kase.org_id, 'quality_office')));
    else if (r && typeof r === 'object' && 'role' in r) ids.push(...(await batch.userIdsWithRole(kase.org_id, String((r as { role: string }).role))));
  }
  return [...new Set(ids)];
}

/**
 * Who a level tells. When its recipients resolve to nobody (no assignee yet, no head above the
 * unit, nobody holding the named role), the quality office is told instead: a level that fires
 * must reach someone. The event data records the fallback.
 */
async function addresseesOf(batch: SweepBatch, kase: repo.SweepCase, level: EscalationLevel): Promise<Addressees> {
  const recipients = await recipientsOf(batch, kase, level);
  if (recipients.length) return { recipients };
  return { recipients: await batch.userIdsWithRole(kase.org_id, 'quality_office'), fallback: 'quality_office' };
}

/** The level's actions: notify its recipients, raise the priority, reassign to the unit head; its entry names a lateness change of the same instant. */
async function fireLevel(batch: SweepBatch, c: ClockCheck, level: EscalationLevel, now: number, lateness: LatenessChange | null) {
  const { kase, row: clock, pack } = c;
  const { recipients, fallback } = await batch.addresseesOf(level, kase, () => addresseesOf(batch, kase, level));
  const text = escalationText({
    typeLabel: Object.hasOwn(pack.cases, kase.type) ? pack.cases[kase.type].label : undefined,
    clockLabel: batch.clockLabel(pack, kase.type, clock.clock_id),
    trackingNo: kase.tracking_no,
    title: kase.title,
    dueAt: clock.due_at === null ? null : Number(clock.due_at),
    utcOffsetMinutes: businessHoursOf(pack).utcOffsetMinutes,
    level,
  });
  const changes: Partial<Pick<CasesTable, 'priority' | 'assignee_id'>> = {};
  if (level.actions.includes('raise_priority')) {
    const i = priorities.indexOf(kase.priority as (typeof priorities)[number]);
    changes.priority = priorities[Math.min(priorities.length - 1, Math.max(0, i) + 1)];
  }
  if (level.actions.includes('reassign')) {
    const heads = await batch.unitHeadIds(kase.org_id, kase.unit_path);
    if (heads[0] && heads[0] !== kase.assignee_id) changes.assignee_id = heads[0];
  }
  // The sweep wins over a concurrent edit only by bumping the version the editor read (written with the batch).
  if (Object.keys(changes).length) batch.changeCase(kase, changes);
  if (level.actions.includes('notify') && recipients.length) {
    batch.notify({ orgId: kase.org_id, userIds: recipients, caseId: kase.id, subject: text.subject, body: text.body });
  }
  batch.addEvent({
    id: newId(now),
    case_id: kase.id,
    org_id: kase.org_id,
    at: now,
    actor_id: null,
    actor_label: 'deadline-sweep',
    action: 'escalate',
    from_status: kase.status,
    to_status: kase.status,
    note: text.note,
    public_note: null,
    // One literal of fixed shape (JSON leaves out what is undefined), not spreads: a thousand a batch.
    data: JSON.stringify({ clockId: clock.clock_id, levelId: level.id, recipients, recipientsFallback: fallback, actions: level.actions, priority: changes.priority, assignee_id: changes.assignee_id, lateness: lateness?.lateness, dueAt: lateness?.dueAt }),
    public: 0,
  });
}
