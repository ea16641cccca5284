/**
 * The sanctions ledger and payroll (奖惩台账, RULES §5). The sanctions module posts a fine or reward
 * here once it is final; the ledger files it in the payroll month after the month it became final
 * (pack `payroll.lagMonths`, in the organisation's time zone), never in a closed month, and a later
 * reversal becomes a correction line in the next open month. The ledger imports nothing from the
 * sanctions module (sanctions calls the ledger).
 */
import type { AppContext, Executor } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { managers, orgManagers, requireRole, type Actor } from '../../shared/access.js';
import { pageOf, pageWindow } from '../../shared/page.js';
import { newId } from '../../shared/ids.js';
import { fieldIssue, invalidFields } from '../../shared/issues.js';
import { localDate, localMonth, shiftMonth } from '../../shared/months.js';
import { parseJson } from '../../shared/json.js';
import { businessHoursOf, payrollLagMonths } from '../../policy/index.js';
import type { LedgerEntriesTable } from '../../db/types.js';
import { appendAudit, appendAudits, batchAuditRecords } from '../audit/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { requireStaffInOrg, staffWorksUnder } from '../staff/service.js';
import { loadUnitInScope } from '../units/service.js';
import * as repo from './repository.js';

/** Outcome codes that reach the ledger besides the amount. */
export const NOTICE_PRAISE = 'notice_praise';
export const NOTICE_CRITICISM = 'notice_criticism';
export const DISQUALIFY_YEAR_AWARDS = 'disqualify_year_awards';

export interface PostLedgerEntryOptions {
  orgId: string;
  sanctionId: string;
  staffId: string | null;
  unitId: string | null;
  direction: 'fine' | 'reward';
  /** Never negative: the direction says which way it goes. 0 for an outcome-only sanction. */
  amountFen: number;
  outcomes: string[];
  ruleCode: string;
  citation: string;
  summary: string;
  /** Epoch ms when the sanction became final (the appeal window passed or the appeal was decided). */
  finalAt: number;
}

/** The organisation's UTC offset and payroll lag. */
async function payrollSettings(ctx: AppContext, orgId: string, db: Executor) {
  const pack = await policyForOrganisation(ctx, orgId, db);
  return { offset: businessHoursOf(pack).utcOffsetMinutes, lag: payrollLagMonths(pack) };
}

/** The first month from `from` on that is not closed: a line never goes into a closed month. */
async function firstOpenMonth(trx: Executor, orgId: string, from: string): Promise<string> {
  const closed = new Set(await repo.findClosedMonthsFrom(trx, orgId, from));
  let month = from;
  while (closed.has(month)) month = shiftMonth(month, 1);
  return month;
}

/**
 * Takes the month for a new line: its row exists and is locked (PostgreSQL) so that a close
 * running at the same time either sees the line or runs first, and the line then moves on.
 */
async function claimOpenMonth(ctx: AppContext, trx: Executor, orgId: string, from: string): Promise<string> {
  for (let month = await firstOpenMonth(trx, orgId, from); ; month = shiftMonth(month, 1)) {
    await repo.ensurePayrollMonth(trx, orgId, month, ctx.clock.now());
    const row = await repo.lockPayrollMonth(trx, ctx.db.dialect, orgId, month);
    if (row?.status === 'open') return month;
  }
}

function checkPostOptions(o: PostLedgerEntryOptions): void {
  const issues = [];
  if (!o.sanctionId) issues.push(fieldIssue('sanctionId', { zh: '缺少奖惩编号', en: 'The sanction id is missing' }));
  if (!o.staffId && !o.unitId) issues.push(fieldIssue('staffId', { zh: '须指明人员或单位', en: 'Name a staff member or a unit' }));
  if (!Number.isSafeInteger(o.amountFen) || o.amountFen < 0) issues.push(fieldIssue('amountFen', { zh: '金额须为非负整数（分）', en: 'The amount must be a whole, non-negative number of fen' }));
  if (o.direction !== 'fine' && o.direction !== 'reward') issues.push(fieldIssue('direction', { zh: '须为罚款或奖励', en: 'Must be fine or reward' }));
  if (!Number.isFinite(o.finalAt)) issues.push(fieldIssue('finalAt', { zh: '生效时间无效', en: 'Invalid final time' }));
  if (!o.ruleCode) issues.push(fieldIssue('ruleCode', { zh: '缺少规则', en: 'The rule is missing' }));
  if (issues.length) throw invalidFields(...issues);
}

/** What a repeated post must agree on to be the same post. */
const sameEntry = (row: LedgerEntriesTable, o: PostLedgerEntryOptions) =>
  row.direction === o.direction && Math.abs(Number(row.amount_fen)) === o.amountFen && row.rule_code === o.ruleCode && Number(row.final_at) === o.finalAt;

/**
 * Files a final fine or reward in its payroll month. Idempotent on (sanction, target): posting
 * the same sanction again returns the month it is in; posting it with a different amount is a
 * conflict. Runs in the caller's transaction and is audited there.
 */
export async function postLedgerEntry(ctx: AppContext, trx: Executor, actor: Actor, o: PostLedgerEntryOptions): Promise<{ payrollMonth: string }> {
  return (await postLedgerEntries(ctx, trx, actor, [o]))[0];
}

/**
 * Files many final sanctions of one organisation at once (a sweep that finalises a month's
 * sanctions, the demo, the bench): the same rules as `postLedgerEntry`, with one lookup of the
 * people, units and months for the whole batch, and audit entries (`ledger_batch`) that list the
 * batch's lines a hundred at a time (a batch of one is audited as a single line, `ledger_entry`).
 * All or nothing.
 */
export async function postLedgerEntries(ctx: AppContext, trx: Executor, actor: Actor, list: PostLedgerEntryOptions[]): Promise<{ payrollMonth: string }[]> {
  if (list.length === 0) return [];
  const orgId = list[0].orgId;
  list.forEach((o) => {
    checkPostOptions(o);
    if (o.orgId !== orgId) throw invalidFields(fieldIssue('orgId', { zh: '一批记录须属于同一单位', en: 'A batch belongs to one organisation' }));
  });
  const keyOf = (o: { sanctionId: string; staffId: string | null; unitId: string | null }) => `${o.sanctionId}|${o.staffId ?? ''}:${o.unitId ?? ''}`;
  const existing = new Map((await repo.findEntryLinesOfSanctions(trx, orgId, list.map((o) => o.sanctionId))).map((r) => [`${r.sanction_id}|${r.target_key}`, r]));
  const staffScopes = await repo.findStaffScopes(trx, orgId, list.flatMap((o) => (o.staffId ? [o.staffId] : [])));
  const unitPaths = await repo.findUnitPaths(trx, orgId, list.flatMap((o) => (o.unitId ? [o.unitId] : [])));
  const { offset, lag } = await payrollSettings(ctx, orgId, trx);
  const months = new Map<string, string>();
  const now = ctx.clock.now();
  const rows: LedgerEntriesTable[] = [];
  const out: { payrollMonth: string }[] = [];
  for (const [index, o] of list.entries()) {
    const key = keyOf(o);
    const done = existing.get(key);
    if (done) {
      if (!sameEntry(done, o)) throw new AppError('ledger_entry_differs', { details: { sanctionId: o.sanctionId, payrollMonth: done.payroll_month } });
      out.push({ payrollMonth: done.payroll_month });
      continue;
    }
    const field = list.length === 1 ? '' : `${index}.`;
    if (o.staffId && !staffScopes.has(o.staffId)) throw invalidFields(fieldIssue(`${field}staffId`, { zh: '人员不存在', en: 'No such staff member' }));
    if (o.unitId && !unitPaths.has(o.unitId)) throw invalidFields(fieldIssue(`${field}unitId`, { zh: '单位不存在', en: 'No such unit' }));
    const scope = o.unitId ? { unitId: o.unitId, path: unitPaths.get(o.unitId)! } : staffScopes.get(o.staffId!)!;
    const finalMonth = localMonth(o.finalAt, offset);
    const due = shiftMonth(finalMonth, lag);
    let payrollMonth = months.get(due);
    if (!payrollMonth) {
      payrollMonth = await claimOpenMonth(ctx, trx, orgId, due);
      months.set(due, payrollMonth);
    }
    const notice = o.outcomes.includes(NOTICE_PRAISE) ? 'praise' : o.outcomes.includes(NOTICE_CRITICISM) ? 'criticism' : null;
    const row: LedgerEntriesTable = {
      id: newId(now),
      org_id: orgId,
      sanction_id: o.sanctionId,
      line_kind: 'entry',
      target_key: key.slice(o.sanctionId.length + 1),
      staff_id: o.staffId,
      unit_id: o.unitId,
      scope_unit_id: scope.unitId,
      unit_path: scope.path,
      direction: o.direction,
      amount_fen: o.direction === 'fine' ? -o.amountFen : o.amountFen,
      outcomes: JSON.stringify(o.outcomes),
      notice,
      disqualifies_year: o.outcomes.includes(DISQUALIFY_YEAR_AWARDS) ? Number(finalMonth.slice(0, 4)) : null,
      rule_code: o.ruleCode,
      citation: o.citation,
      summary: o.summary,
      final_at: o.finalAt,
      final_month: finalMonth,
      payroll_month: payrollMonth,
      corrects_id: null,
      reason: null,
      created_at: now,
      created_by: actor.userId || null,
    };
    rows.push(row);
    // The same sanction and target twice in one batch is one line.
    existing.set(key, row);
    out.push({ payrollMonth });
  }
  await repo.insertEntries(trx, ctx.db, rows);
  const records = batchAuditRecords({ action: 'post', entity: 'ledger_batch', batchId: newId(now), items: rows, single: (row) => ({ action: 'post', entity: 'ledger_entry', entityId: row.id, after: auditView(row) }), view: batchAuditView });
  await appendAudits(ctx, trx, records.map((record) => ({ actor, record })));
  return out;
}

/**
 * A batch's audit entry: every line of its part, by id, with what the line says (the same fields
 * as a single line's entry) and the part's totals. An entry per hundred lines, not per line: a
 * month of 50,000 lines is 500 entries to chain, not 50,000 (npm run bench -- payroll).
 */
function batchAuditView(rows: LedgerEntriesTable[]) {
  const amounts = rows.map((r) => Number(r.amount_fen));
  return {
    count: rows.length,
    finesFen: amounts.reduce((a, x) => a + Math.min(0, x), 0),
    rewardsFen: amounts.reduce((a, x) => a + Math.max(0, x), 0),
    payrollMonths: [...new Set(rows.map((r) => r.payroll_month))].sort(),
    lines: rows.map((row) => ({ id: row.id, ...auditView(row) })),
  };
}

/**
 * Reverses a sanction's lines: each gets a correction line of the opposite amount, in the first
 * open month from the later of its own month and the month of `at` — a closed month is never
 * edited. Reversing twice changes nothing; a sanction with no lines is not found.
 */
export async function reverseLedgerEntry(ctx: AppContext, trx: Executor, actor: Actor, o: { orgId: string; sanctionId: string; reason: string; at: number }): Promise<void> {
  if (!o.reason?.trim()) throw invalidFields(fieldIssue('reason', { zh: '请填写撤销原因', en: 'Give the reason for the reversal' }));
  const lines = await repo.findEntriesOfSanction(trx, o.orgId, o.sanctionId);
  const entries = lines.filter((r) => r.line_kind === 'entry');
  if (entries.length === 0) throw new AppError('not_found', { details: { entity: 'ledger_entry', sanctionId: o.sanctionId } });
  const { offset } = await payrollSettings(ctx, o.orgId, trx);
  const atMonth = localMonth(o.at, offset);
  for (const entry of entries) {
    if (lines.some((r) => r.corrects_id === entry.id)) continue;
    const month = await claimOpenMonth(ctx, trx, o.orgId, entry.payroll_month > atMonth ? entry.payroll_month : atMonth);
    const now = ctx.clock.now();
    const row: LedgerEntriesTable = {
      ...entry,
      id: newId(now),
      line_kind: 'correction',
      amount_fen: -Number(entry.amount_fen),
      payroll_month: month,
      corrects_id: entry.id,
      reason: o.reason.trim(),
      created_at: now,
      created_by: actor.userId || null,
    };
    await repo.insertEntries(trx, ctx.db, [row]);
    await appendAudit(ctx, trx, actor, { action: 'reverse', entity: 'ledger_entry', entityId: row.id, after: auditView(row) });
  }
}

/** 取消当年评优: who lost the year's awards, by a sanction that became final in that year and stands. */
export async function listDisqualifications(ctx: AppContext, o: { orgId: string; year: number }): Promise<{ staffId: string | null; unitId: string | null; sanctionId: string; finalAt: number }[]> {
  const rows = await repo.findDisqualifications(ctx.db.kysely, o.orgId, o.year);
  return rows.map((r) => ({ staffId: r.staff_id, unitId: r.unit_id, sanctionId: r.sanction_id, finalAt: Number(r.final_at) }));
}

function auditView(row: LedgerEntriesTable) {
  return {
    sanctionId: row.sanction_id,
    lineKind: row.line_kind,
    staffId: row.staff_id,
    unitId: row.unit_id,
    direction: row.direction,
    amountFen: Number(row.amount_fen),
    outcomes: parseJson<string[]>(row.outcomes, []),
    ruleCode: row.rule_code,
    finalMonth: row.final_month,
    payrollMonth: row.payroll_month,
    reason: row.reason,
  };
}

// ---- statements ------------------------------------------------------------------------------

/** A ledger line as the API shows it: amounts are signed fen, fines negative and rewards positive. */
export function presentLine(row: repo.EntryRow, offset: number) {
  return {
    id: row.id,
    sanctionId: row.sanction_id,
    lineKind: row.line_kind as 'entry' | 'correction',
    direction: row.direction as 'fine' | 'reward',
    amountFen: Number(row.amount_fen),
    staff: row.staff_id ? { id: row.staff_id, name: row.staff_name ?? '', badgeNo: row.badge_no ?? '' } : null,
    unit: row.scope_unit_id ? { id: row.scope_unit_id, name: row.unit_name ?? '', target: row.unit_id !== null } : null,
    ruleCode: row.rule_code,
    summary: row.summary,
    citation: row.citation,
    outcomes: parseJson<string[]>(row.outcomes, []),
    finalAt: new Date(Number(row.final_at)).toISOString(),
    finalDate: localDate(Number(row.final_at), offset),
    finalMonth: row.final_month,
    payrollMonth: row.payroll_month,
    correctsId: row.corrects_id,
    reason: row.reason,
  };
}
export type LedgerLine = ReturnType<typeof presentLine>;

/** Fines (≤ 0), rewards (≥ 0) and their net, in fen. */
export function totalsOf(parts: { lines: number; finesFen: number; rewardsFen: number }[]) {
  const finesFen = parts.reduce((a, p) => a + p.finesFen, 0);
  const rewardsFen = parts.reduce((a, p) => a + p.rewardsFen, 0);
  return { lines: parts.reduce((a, p) => a + p.lines, 0), finesFen, rewardsFen, netFen: finesFen + rewardsFen };
}

type LedgerScope = { staffId?: string; unitPath?: string; subject: { kind: 'staff' | 'unit' | 'organisation'; id: string; name: string } };

/**
 * Whose lines the caller asks for, checked: everyone sees their own; unit heads the people and
 * units of their subtree; the office and administrators the whole organisation.
 */
async function resolveLedgerScope(ctx: AppContext, actor: Actor, q: { staffId?: string; unitId?: string }): Promise<LedgerScope> {
  const staffId = q.staffId ?? (!q.unitId && actor.role === 'staff' ? (actor.staffId ?? undefined) : undefined);
  if (staffId) {
    if (staffId !== actor.staffId) {
      requireRole(actor, managers);
      if (actor.scopePath && !(await staffWorksUnder(ctx, staffId, actor.scopePath))) {
        await requireStaffInOrg(ctx, actor.orgId, staffId).catch(() => {
          throw new AppError('not_found', { details: { entity: 'staff', id: staffId } });
        });
        throw new AppError('out_of_scope');
      }
    }
    const staff = await requireStaffInOrg(ctx, actor.orgId, staffId).catch(() => {
      throw new AppError('not_found', { details: { entity: 'staff', id: staffId } });
    });
    return { staffId, subject: { kind: 'staff', id: staffId, name: `${staff.name}（${staff.badgeNo}）` } };
  }
  requireRole(actor, managers);
  if (q.unitId) {
    const unit = await loadUnitInScope(ctx, actor, q.unitId);
    return { unitPath: unit.path, subject: { kind: 'unit', id: unit.id, name: unit.name } };
  }
  if (actor.scopePath && actor.unitId) {
    const unit = await loadUnitInScope(ctx, actor, actor.unitId);
    return { unitPath: unit.path, subject: { kind: 'unit', id: unit.id, name: unit.name } };
  }
  return { subject: { kind: 'organisation', id: actor.orgId, name: '' } };
}

/** 奖惩明细: a person's, a unit's or the caller's lines of one payroll month, with the month's totals. */
export async function getLedgerStatement(ctx: AppContext, actor: Actor, q: { month: string; staffId?: string; unitId?: string; page: number; pageSize: number }) {
  const scope = await resolveLedgerScope(ctx, actor, q);
  const { offset } = await payrollSettings(ctx, actor.orgId, ctx.db.kysely);
  const filter = { orgId: actor.orgId, staffId: scope.staffId, unitPath: scope.unitPath, payrollMonth: q.month };
  const [rows, totals, month] = await Promise.all([
    repo.findEntries(ctx.db.kysely, filter, pageWindow(q)),
    repo.entryTotals(ctx.db.kysely, filter),
    repo.findPayrollMonth(ctx.db.kysely, actor.orgId, q.month),
  ]);
  const t = totalsOf(totals);
  return { month: q.month, status: month?.status === 'closed' ? ('closed' as const) : ('open' as const), subject: scope.subject, ...pageOf(rows.map((r) => presentLine(r, offset)), t.lines, q), totals: t };
}

/** A person's statement of a year: every line of the year's payroll months, with each month's totals and the year's. */
export async function getStaffStatement(ctx: AppContext, actor: Actor, staffId: string, year: number) {
  const scope = await resolveLedgerScope(ctx, actor, { staffId });
  const { offset } = await payrollSettings(ctx, actor.orgId, ctx.db.kysely);
  const filter = { orgId: actor.orgId, staffId, monthFrom: `${year}-01`, monthTo: `${year}-12` };
  const [rows, months] = await Promise.all([repo.findEntries(ctx.db.kysely, filter, { limit: 5000, offset: 0 }), repo.entryTotals(ctx.db.kysely, filter)]);
  return {
    year,
    staff: scope.subject,
    months: months.map((m) => ({ month: m.month, ...totalsOf([m]) })),
    lines: rows.map((r) => presentLine(r, offset)),
    totals: totalsOf(months),
  };
}

// ---- payroll months --------------------------------------------------------------------------

function presentMonth(month: string, row: { status: string; closed_at: number | null; closed_by: string | null; version: number } | undefined, totals: repo.MonthTotals | undefined) {
  return {
    month,
    status: row?.status === 'closed' ? ('closed' as const) : ('open' as const),
    closedAt: row?.closed_at ? new Date(Number(row.closed_at)).toISOString() : null,
    closedBy: row?.closed_by ?? null,
    version: row?.version ?? 1,
    people: totals?.people ?? 0,
    ...totalsOf([totals ?? { lines: 0, finesFen: 0, rewardsFen: 0 }]),
  };
}

/** 工资月份: the months with lines or closed, newest first, with their totals (fixed at the close). */
export async function listPayrollMonths(ctx: AppContext, actor: Actor) {
  requireRole(actor, orgManagers);
  const rows = await repo.findPayrollMonths(ctx.db.kysely, actor.orgId);
  const open = rows.filter((r) => r.status !== 'closed').map((r) => r.month);
  const live = await repo.monthTotals(ctx.db.kysely, actor.orgId, open);
  const { offset } = await payrollSettings(ctx, actor.orgId, ctx.db.kysely);
  return {
    current: localMonth(ctx.clock.now(), offset),
    items: rows.map((r) =>
      presentMonth(r.month, r, r.status === 'closed' ? { lines: Number(r.lines), people: Number(r.people), finesFen: Number(r.fines_fen), rewardsFen: Number(r.rewards_fen) } : live.get(r.month)),
    ),
  };
}

/**
 * 结账: the office closes a payroll month once it has handed it to payroll. Its totals are fixed;
 * no line is added to it or changed afterwards (a later line goes to the next open month).
 */
export async function closePayrollMonth(ctx: AppContext, actor: Actor, month: string) {
  requireRole(actor, orgManagers);
  const { offset } = await payrollSettings(ctx, actor.orgId, ctx.db.kysely);
  if (month > localMonth(ctx.clock.now(), offset)) throw new AppError('payroll_month_not_due', { details: { month } });
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    await repo.ensurePayrollMonth(trx, actor.orgId, month, now);
    const row = await repo.lockPayrollMonth(trx, ctx.db.dialect, actor.orgId, month);
    if (!row || row.status === 'closed') throw new AppError('payroll_month_closed', { details: { month } });
    const totals = (await repo.monthTotals(trx, actor.orgId, [month])).get(month) ?? { lines: 0, people: 0, finesFen: 0, rewardsFen: 0 };
    const changes = { lines: totals.lines, people: totals.people, fines_fen: totals.finesFen, rewards_fen: totals.rewardsFen, closed_at: now, closed_by: actor.username };
    if (!(await repo.closePayrollMonthIfVersion(trx, actor.orgId, month, row.version, changes))) throw new AppError('payroll_month_closed', { details: { month } });
    const view = presentMonth(month, { ...row, ...changes, status: 'closed', version: row.version + 1 }, totals);
    await appendAudit(ctx, trx, actor, { action: 'close', entity: 'payroll_month', entityId: `${actor.orgId}:${month}`, before: { month, status: 'open' }, after: view });
    return view;
  });
}

export interface PostAwardRewardOptions {
  orgId: string;
  /** The winning nomination: one reward line per nomination and target (posting again is a no-op). */
  nominationId: string;
  staffId: string | null;
  unitId: string | null;
  amountFen: number;
  /** E.g. `notice_praise`, `red_flag` (流动红旗). */
  outcomes: string[];
  ruleCode: string;
  citation: string;
  summary: string;
  /** Epoch ms of the announcement: the reward is final then (no appeal against an award). */
  awardedAt: number;
}

/** The award key of a nomination's ledger line (the ledger's `sanction_id` column holds it). */
export const awardLedgerKey = (nominationId: string) => `award:${nominationId}`;

/**
 * Rewards of an announced award round (评选, RULES §6: collective 1,000 元, individual 500 元,
 * Huizhou 200 元) into the ledger, final at the announcement, in the caller's transaction, with the
 * same month rules and idempotency as a sanction's line.
 */
export async function postAwardRewards(ctx: AppContext, trx: Executor, actor: Actor, list: PostAwardRewardOptions[]): Promise<{ payrollMonth: string }[]> {
  return postLedgerEntries(
    ctx,
    trx,
    actor,
    list.map((o) => ({
      orgId: o.orgId,
      sanctionId: awardLedgerKey(o.nominationId),
      staffId: o.staffId,
      unitId: o.unitId,
      direction: 'reward' as const,
      amountFen: o.amountFen,
      outcomes: o.outcomes,
      ruleCode: o.ruleCode,
      citation: o.citation,
      summary: o.summary,
      finalAt: o.awardedAt,
    })),
  );
}
