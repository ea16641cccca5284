/**
 * The sheet's workflow: filled → scored (the head's judged items, 德能勤绩) → confirmed | objected
 * (the person) → approved (the office); a reopened sheet goes back to scored (or filled). Each
 * step checks the caller first, then the version (409), and is audited in its transaction.
 */
import type { AppContext, Executor } from '../../shared/context.js';
import { AppError, requireVersion } from '../../shared/errors.js';
import { orgManagers, requireRole, type Actor } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import { fieldIssue } from '../../shared/issues.js';
import type { AppraisalSheetsTable } from '../../db/types.js';
import { checkJudged, type Decimal, type FilledSheet } from '../../engines/appraisal/index.js';
import { appendAudit } from '../audit/service.js';
import { afterApproval } from './bottom.js';
import { factLinks, filledColumns, judgedOf, refill, templateOf } from './fill.js';
import { getSheet, loadSheet } from './service.js';
import type { PutJudgedInput } from './schema.js';
import * as repo from './repository.js';

type Sheet = AppraisalSheetsTable;

const auditView = (s: Pick<Sheet, 'state' | 'total' | 'stars' | 'pay_coefficient' | 'complete' | 'vetoed' | 'judged' | 'feedback' | 'objection'>) => ({
  state: s.state,
  total: s.total,
  stars: s.stars === null ? null : Number(s.stars),
  payCoefficient: s.pay_coefficient,
  complete: Number(s.complete) === 1,
  vetoed: Number(s.vetoed) === 1,
  judged: JSON.parse(s.judged) as unknown,
  feedback: s.feedback,
  objection: s.objection,
});

/** Loads the sheet for a step: caller may read it, the version is current, the state allows the step. */
async function loadForStep(ctx: AppContext, trx: Executor, actor: Actor, id: string, version: number, from: readonly string[]) {
  const sheet = await loadSheet(ctx, actor, id, trx);
  requireVersion(sheet.version, version);
  if (!from.includes(sheet.state)) throw new AppError('invalid_transition', { details: { state: sheet.state } });
  return sheet;
}

async function save(ctx: AppContext, trx: Executor, actor: Actor, sheet: Sheet, changes: Partial<Sheet>, action: string, extra: Record<string, unknown> = {}) {
  const now = ctx.clock.now();
  if (!(await repo.updateSheetIfVersion(trx, sheet.id, Number(sheet.version), { ...changes, updated_at: now }))) throw new AppError('version_conflict');
  await appendAudit(ctx, trx, actor, { action, entity: 'appraisal_sheet', entityId: sheet.id, before: auditView(sheet), after: { ...auditView({ ...sheet, ...changes }), ...extra } });
}

async function note(ctx: AppContext, trx: Executor, actor: Actor, sheet: Pick<Sheet, 'id' | 'org_id'>, kind: string, text: string, details: Record<string, unknown> = {}) {
  await repo.insertNote(trx, { id: newId(ctx.clock.now()), org_id: sheet.org_id, sheet_id: sheet.id, kind, text, details: JSON.stringify(details), actor_name: actor.username, created_at: ctx.clock.now() });
}

/** The columns of a refilled sheet, its links replaced. */
async function refilled(ctx: AppContext, trx: Executor, sheet: Sheet, judged: Record<string, Decimal | null>): Promise<{ filled: FilledSheet; changes: Partial<Sheet> }> {
  const period = (await repo.findPeriodById(trx, sheet.org_id, sheet.period_id))!;
  const filled = await refill(ctx, trx, period, sheet, judged);
  await repo.replaceSheetFacts(trx, sheet.org_id, sheet.id, factLinks(sheet.org_id, sheet.id, filled));
  return { filled, changes: { ...filledColumns(filled), judged: JSON.stringify(judged) } };
}

/**
 * The head scores the judged items (and may write feedback, 002:L216): only a unit head whose
 * subtree holds the person, never on their own sheet; refilled from the facts as they are now.
 */
export async function putJudged(ctx: AppContext, actor: Actor, id: string, input: PutJudgedInput) {
  requireRole(actor, ['unit_head']);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const sheet = await loadForStep(ctx, trx, actor, id, input.version, ['filled', 'scored', 'confirmed', 'objected']);
    if (actor.staffId === sheet.staff_id) throw new AppError('forbidden', { details: { reason: 'a head does not score their own sheet' } });
    const period = (await repo.findPeriodById(trx, sheet.org_id, sheet.period_id))!;
    const judged: Record<string, Decimal | null> = { ...judgedOf(sheet) };
    for (const [code, v] of Object.entries(input.items)) judged[code] = v === null ? null : String(v);
    const issues = checkJudged(templateOf(period), Object.fromEntries(Object.keys(input.items).map((k) => [k, judged[k]])));
    if (issues.length) {
      throw new AppError('appraisal_judged_out_of_range', {
        details: issues.map((i) => fieldIssue(`body.${i.field.startsWith('items.') ? i.field : `items.${i.field}`}`, i.message ?? { zh: '评分超出该项目的分值范围', en: 'the score is outside the item\'s range' })),
      });
    }
    const { changes } = await refilled(ctx, trx, sheet, judged);
    const now = ctx.clock.now();
    const feedback = input.feedback === undefined ? {} : { feedback: input.feedback, feedback_at: input.feedback === null ? null : now };
    await save(ctx, trx, actor, sheet, { ...changes, ...feedback }, 'score');
    if (input.feedback) await note(ctx, trx, actor, sheet, 'feedback', input.feedback);
  });
  return getSheet(ctx, actor, id);
}

/** The person confirms their scored sheet. */
export async function confirmSheet(ctx: AppContext, actor: Actor, id: string, version: number) {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const sheet = await loadForStep(ctx, trx, actor, id, version, ['scored', 'objected']);
    requireOwner(actor, sheet);
    await save(ctx, trx, actor, sheet, { state: 'confirmed' }, 'confirm');
  });
  return getSheet(ctx, actor, id);
}

/** The person objects in words (异议); the office sees it and answers with feedback before approving. */
export async function objectSheet(ctx: AppContext, actor: Actor, id: string, version: number, text: string) {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const sheet = await loadForStep(ctx, trx, actor, id, version, ['scored', 'confirmed']);
    requireOwner(actor, sheet);
    // feedback_at cleared: the feedback given so far does not answer this objection.
    await save(ctx, trx, actor, sheet, { state: 'objected', objection: text, objected_at: ctx.clock.now(), feedback_at: null }, 'object');
    await note(ctx, trx, actor, sheet, 'objection', text);
  });
  return getSheet(ctx, actor, id);
}

function requireOwner(actor: Actor, sheet: Sheet) {
  if (!actor.staffId || actor.staffId !== sheet.staff_id) throw new AppError('forbidden', { details: { reason: 'only the person confirms or objects to their sheet' } });
}

/**
 * The office approves a complete sheet; an objected one only with feedback given after the
 * objection (in this request or by the head). The sheet is then final; when every sheet of the
 * period is, the period closes and 末位 is checked once.
 */
export async function approveSheet(ctx: AppContext, actor: Actor, id: string, version: number, feedback?: string) {
  requireRole(actor, orgManagers);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const sheet = await loadForStep(ctx, trx, actor, id, version, ['filled', 'scored', 'confirmed', 'objected']);
    if (Number(sheet.complete) !== 1) throw new AppError('appraisal_sheet_incomplete');
    const now = ctx.clock.now();
    if (sheet.state === 'objected' && !feedback && sheet.feedback_at === null) throw new AppError('appraisal_feedback_required', { details: [fieldIssue('body.feedback', { zh: '请填写对异议的反馈意见', en: 'give the feedback on the objection' })] });
    await save(ctx, trx, actor, sheet, { state: 'approved', approved_at: now, approved_by: actor.userId || null, ...(feedback ? { feedback, feedback_at: now } : {}) }, 'approve');
    if (feedback) await note(ctx, trx, actor, sheet, 'feedback', feedback);
    await afterApproval(ctx, trx, actor, sheet.period_id);
  });
  return getSheet(ctx, actor, id);
}

/**
 * Refills a sheet from the facts as they are now and puts it back to scored (or filled): a manual
 * reopen (`reopen`) or a fact that changed (`fact`). The note keeps the old and new total and star.
 */
export async function reopenOne(ctx: AppContext, trx: Executor, actor: Actor, sheet: Sheet, kind: 'reopen' | 'fact', text: string, fact?: { kind: string; id: string }) {
  const { filled, changes } = await refilled(ctx, trx, sheet, judgedOf(sheet));
  const details = {
    ...(fact ? { fact } : {}),
    before: { state: sheet.state, total: sheet.total, stars: sheet.stars === null ? null : Number(sheet.stars) },
    after: { total: filled.total, stars: filled.star?.stars ?? null, star: filled.star ? { stars: filled.star.stars, label: filled.star.label } : null },
  };
  await save(ctx, trx, actor, sheet, { ...changes, approved_at: null, approved_by: null }, kind === 'fact' ? 'reopen_fact' : 'reopen', { note: text, ...(fact ? { fact } : {}) });
  await note(ctx, trx, actor, sheet, kind, text, details);
  await repo.reopenPeriod(trx, sheet.org_id, sheet.period_id, ctx.clock.now());
}

/** The office reopens a sheet with a note (a mistake found, an objection upheld after approval). */
export async function reopenSheet(ctx: AppContext, actor: Actor, id: string, version: number, text: string) {
  requireRole(actor, orgManagers);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const sheet = await loadForStep(ctx, trx, actor, id, version, ['scored', 'confirmed', 'objected', 'approved']);
    await reopenOne(ctx, trx, actor, sheet, 'reopen', text);
  });
  return getSheet(ctx, actor, id);
}
