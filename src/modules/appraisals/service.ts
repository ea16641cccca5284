/**
 * Personal appraisal (个人考核, issue 21): periods of a template, one sheet per person per period
 * filled from the facts (002:L216), the head's judged scores (德能勤绩), the person's confirmation
 * or objection, the office's approval, stars and pay coefficients (星薪挂钩, 000:L115).
 * Who sees what: the person their own sheets; a unit head the sheets of their subtree (and their
 * own); the quality office and admins every sheet. Periods are run by the office and admins.
 */
import type { AppContext, Executor } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { managers, orgManagers, requireRole, unitInScope, type Actor } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import { pageOf, pageWindow } from '../../shared/page.js';
import { fieldIssue, invalidFields } from '../../shared/issues.js';
import { localDate } from '../../shared/months.js';
import type { AppraisalPeriodsTable, AppraisalSheetsTable } from '../../db/types.js';
import { AppraisalError, periodOf, type SheetTemplate } from '../../engines/appraisal/index.js';
import { businessHoursOf } from '../../policy/index.js';
import { appendAudit } from '../audit/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { loadUnitInScope } from '../units/service.js';
import { fillPeriod, templateOf } from './fill.js';
import { iso, presentItems, presentNote, presentPeriod, presentSheetSummary } from './present.js';
import { summaryOf } from './summary.js';
import { templateFor } from './template.js';
import type { CreatePeriodInput, ListPeriodsQuery, ListSheetsQuery } from './schema.js';
import * as repo from './repository.js';

/** Roles that see sheets at all (inspectors and supervisors do not). */
const readers = ['admin', 'quality_office', 'unit_head', 'staff'] as const;

/** The organisation's local date today. */
export async function todayOf(ctx: AppContext, orgId: string): Promise<string> {
  return localDate(ctx.clock.now(), businessHoursOf(await policyForOrganisation(ctx, orgId)).utcOffsetMinutes);
}

const periodWords = {
  weekly: { zh: '周', en: 'weekly', example: '2026-W47' },
  monthly: { zh: '月', en: 'monthly', example: '2026-11' },
  quarterly: { zh: '季度', en: 'quarterly', example: '2026-Q4' },
} as const;

/** The period a label names for the template, or 400 naming `body.period`. */
export function periodFor(template: SheetTemplate, label: string) {
  try {
    return periodOf(template.period, label);
  } catch (e) {
    if (!(e instanceof AppraisalError)) throw e;
    const w = periodWords[template.period];
    throw invalidFields(fieldIssue('body.period', { zh: `该考核表按${w.zh}考核，期间应为 ${w.example} 这样的格式`, en: `this template is ${w.en}: a period such as ${w.example}` }));
  }
}

/** A new period row of the template (not yet stored). */
export function newPeriodRow(ctx: AppContext, orgId: string, template: SheetTemplate, label: string, unitId: string | null, createdBy: string | null): AppraisalPeriodsTable {
  const p = periodFor(template, label);
  const now = ctx.clock.now();
  return {
    id: newId(now),
    org_id: orgId,
    template_code: template.code,
    template_version: template.version,
    template: JSON.stringify(template),
    kind: p.kind,
    label: p.label,
    from_date: p.from,
    to_date: p.to,
    unit_id: unitId,
    state: 'open',
    bottom_checked_at: null,
    created_by: createdBy,
    created_at: now,
    updated_at: now,
    version: 1,
  };
}

/** Stores the period and fills its sheets in the caller's transaction; false when it already exists. */
export async function createAndFill(ctx: AppContext, trx: Executor, actor: Actor, row: AppraisalPeriodsTable, scopePath: string | null): Promise<number | null> {
  if (!(await repo.insertPeriodIfNew(trx, row))) return null;
  const sheets = await fillPeriod(ctx, trx, row, scopePath);
  const { template: _, ...after } = row;
  await appendAudit(ctx, trx, actor, { action: 'fill', entity: 'appraisal_period', entityId: row.id, after: { ...after, sheets } });
  return sheets;
}

export async function createPeriod(ctx: AppContext, actor: Actor, input: CreatePeriodInput) {
  requireRole(actor, orgManagers);
  const template = await templateFor(ctx, actor.orgId, input.template);
  if (!template) throw invalidFields(fieldIssue('body.template', { zh: `政策包中没有考核表模板“${input.template}”`, en: `the policy pack has no appraisal template "${input.template}"` }));
  const row = newPeriodRow(ctx, actor.orgId, template, input.period, input.unitId ?? null, actor.userId || null);
  if (row.to_date >= (await todayOf(ctx, actor.orgId))) {
    throw invalidFields(fieldIssue('body.period', { zh: '该期间尚未结束，结束后才能填写考核表', en: 'the period has not ended yet; sheets are filled once it has' }));
  }
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const unit = input.unitId ? await loadUnitInScope(ctx, actor, input.unitId, trx) : null;
    const sheets = await createAndFill(ctx, trx, actor, row, unit?.path ?? null);
    if (sheets === null) throw new AppError('appraisal_period_exists', { details: { template: input.template, period: row.label } });
    return presentPeriod(row, sheets);
  });
}

async function loadPeriod(ctx: AppContext, actor: Actor, id: string, db: Executor = ctx.db.kysely) {
  const row = await repo.findPeriodById(db, actor.orgId, id);
  if (!row || row.org_id !== actor.orgId) throw new AppError('not_found', { details: { entity: 'appraisal-period', id } });
  return row;
}

export async function listPeriods(ctx: AppContext, actor: Actor, query: ListPeriodsQuery) {
  requireRole(actor, managers);
  const { rows, total } = await repo.findPeriods(ctx.db.kysely, { orgId: actor.orgId, template: query.template, state: query.state, ...pageWindow(query) });
  const counts = new Map((await repo.countSheetsOfPeriods(ctx.db.kysely, rows.map((r) => r.id), actor.scopePath)).map((c) => [c.period_id, Number(c.n)]));
  return pageOf(rows.map((r) => presentPeriod(r, counts.get(r.id) ?? 0)), total, query);
}

/** The period with the office's summary (a unit head's: their subtree's sheets). */
export async function getPeriod(ctx: AppContext, actor: Actor, id: string) {
  requireRole(actor, managers);
  const row = await loadPeriod(ctx, actor, id);
  const sheets = await repo.findSheetsOfPeriod(ctx.db.kysely, id, actor.scopePath);
  const summary = summaryOf(sheets.map((s) => ({ id: s.id, staffName: s.staff_name, state: s.state, total: s.total, stars: s.stars === null ? null : Number(s.stars), complete: Number(s.complete) === 1, vetoed: Number(s.vetoed) === 1 })));
  const t = templateOf(row);
  return { ...presentPeriod(row, sheets.length), summary, stars: t.stars.map((s) => ({ stars: s.stars, atLeast: s.atLeast, payCoefficient: s.payCoefficient, label: s.label, source: s.source ?? null, decision: s.decision ?? null })) };
}

/** Whether the caller may read the sheet: their own, their subtree's (unit heads), or any (office). */
export function requireMayRead(actor: Actor, sheet: Pick<AppraisalSheetsTable, 'org_id' | 'staff_id' | 'unit_path' | 'id'>) {
  if (sheet.org_id !== actor.orgId) throw new AppError('not_found', { details: { entity: 'appraisal-sheet', id: sheet.id } });
  requireRole(actor, readers);
  if (actor.staffId && actor.staffId === sheet.staff_id) return;
  if (actor.role === 'staff') throw new AppError('forbidden', { details: { reason: 'staff read their own sheets' } });
  if (!unitInScope(actor, sheet.unit_path)) throw new AppError('out_of_scope');
}

export async function loadSheet(ctx: AppContext, actor: Actor, id: string, db: Executor = ctx.db.kysely) {
  const sheet = await repo.findSheetById(db, actor.orgId, id);
  if (!sheet || sheet.org_id !== actor.orgId) throw new AppError('not_found', { details: { entity: 'appraisal-sheet', id } });
  requireMayRead(actor, sheet);
  return sheet;
}

export async function listSheets(ctx: AppContext, actor: Actor, query: ListSheetsQuery) {
  requireRole(actor, readers);
  const mine = query.mine === '1' || actor.role === 'staff';
  if (mine && !actor.staffId) return pageOf([], 0, query);
  const unit = query.unitId ? await loadUnitInScope(ctx, actor, query.unitId) : null;
  const { rows, total } = await repo.findSheets(ctx.db.kysely, {
    orgId: actor.orgId,
    periodId: query.periodId,
    unitPath: unit?.path,
    scopePath: mine ? null : actor.scopePath,
    staffId: mine ? (actor.staffId as string) : undefined,
    state: query.state,
    withItems: query.include === 'items',
    ...pageWindow(query),
  });
  if (query.include !== 'items') return pageOf(rows.map(presentSheetSummary), total, query);
  return pageOf(
    rows.map((r) => ({ ...presentSheetSummary(r), items: presentItems(r.items ?? '[]'), feedback: r.feedback })),
    total,
    query,
  );
}

/** A sheet in full: its items with the records behind them, feedback, objection, notes and history. */
export async function getSheet(ctx: AppContext, actor: Actor, id: string, db: Executor = ctx.db.kysely) {
  const sheet = await loadSheet(ctx, actor, id, db);
  const [{ rows }, period, notes, history] = await Promise.all([
    repo.findSheets(db, { orgId: actor.orgId, periodId: sheet.period_id, staffId: sheet.staff_id, limit: 1, offset: 0 }),
    repo.findPeriodById(db, actor.orgId, sheet.period_id),
    repo.findNotes(db, actor.orgId, id),
    repo.findSheetHistory(db, actor.orgId, id),
  ]);
  const t = templateOf(period!);
  return {
    ...presentSheetSummary(rows[0]),
    template: { code: t.code, version: t.version, label: t.label },
    periodRange: { from: period!.from_date, to: period!.to_date },
    items: presentItems(sheet.items),
    feedback: sheet.feedback,
    feedbackAt: iso(sheet.feedback_at),
    objection: sheet.objection,
    objectedAt: iso(sheet.objected_at),
    notes: notes.map(presentNote),
    history: [
      { at: iso(sheet.created_at), actor: null, action: 'fill' },
      ...history.map((h) => ({ at: iso(h.at), actor: h.actor_label, action: h.action })),
    ],
  };
}
