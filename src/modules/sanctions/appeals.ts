/**
 * Appeals (申诉, RULES §5; issue 15 item 6) and finality. The person appeals within the window
 * (late: 409 appeal_window_closed); the committee — or the level above for the rules the pack
 * names (003:L448) — upholds, reduces or revokes, with reasons. Nothing reaches the ledger while
 * an appeal is pending. A sanction becomes final when its window closes without an appeal (the
 * sweep) or its appeal is decided, and is posted to the ledger in the same transaction (posting.ts):
 * a revoked one posts nothing, a reduced one the reduced amount. A reward is not appealed (409
 * reward_not_appealable): it is final at the committee's notice.
 */
import type { AppContext } from '../../shared/context.js';
import { AppError, requireVersion } from '../../shared/errors.js';
import { systemActor, type Actor } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import { fieldIssue, invalidFields } from '../../shared/issues.js';
import { parseJson } from '../../shared/json.js';
import type { SanctionsTable } from '../../db/types.js';
import { yuan } from '../../shared/money.js';
import { isConcerned } from './access.js';
import { loadForStep } from './service.js';
import { presentAppeal, presentSanction, type StoredEvaluation } from './present.js';
import { makeFinal, postFinal } from './posting.js';
import { recordStep } from './timeline.js';
import type { AppealDecisionInput, AppealInput } from './schema.js';
import * as repo from './repository.js';
import { reopenSheetsForFact } from '../appraisals/index.js';

export async function fileAppeal(ctx: AppContext, actor: Actor, id: string, input: AppealInput) {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await repo.findSanction(trx, id);
    if (!row || row.org_id !== actor.orgId || row.notice_at === null) throw new AppError('not_found', { details: { entity: 'sanction', id } });
    if (!isConcerned(actor, row)) throw new AppError('forbidden', { details: { reason: 'only the person concerned appeals' } });
    // 申诉 is against a penalty (RULES §5): a reward has no appeal step.
    if (row.direction === 'reward') throw new AppError('reward_not_appealable', { details: { status: row.status } });
    if (row.status === 'appealed' || (await repo.findAppeal(trx, id))) throw new AppError('already_appealed');
    requireVersion(row.version, input.version);
    const now = ctx.clock.now();
    if (row.status !== 'noticed' || row.appeal_closes_at === null || now >= Number(row.appeal_closes_at)) {
      throw new AppError('appeal_window_closed', { details: { appealDueDate: row.appeal_due_date, status: row.status } });
    }
    if (!(await repo.updateSanctionIfVersion(trx, id, input.version, { status: 'appealed', updated_at: now }))) throw new AppError('version_conflict');
    const appeal = { id: newId(now), sanction_id: id, org_id: row.org_id, filed_at: now, filed_by: actor.userId || null, filed_label: actor.username, reason: input.reason, status: 'pending', decided_at: null, decided_by: null, decision_reason: null, amount_fen: null };
    await repo.insertAppeal(trx, appeal);
    await recordStep(ctx, trx, actor, { row, action: 'appeal', to: 'appealed', amountFen: Number(row.amount_fen), note: input.reason });
    return { ...presentSanction({ ...row, status: 'appealed', updated_at: now, version: input.version + 1 }), appeal: presentAppeal(appeal) };
  });
}

/** The ruling on an appeal: uphold, reduce (below the decided amount) or revoke, with the reasons. */
export async function decideAppeal(ctx: AppContext, actor: Actor, id: string, input: AppealDecisionInput) {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { row } = await loadForStep(ctx, trx, actor, id, 'appealed', 'appeal_decision', input.version);
    const appeal = await repo.findAppeal(trx, id);
    if (!appeal || appeal.status !== 'pending') throw new AppError('invalid_transition', { details: { appeal: appeal?.status ?? null } });
    let amount = Number(row.amount_fen);
    if (input.outcome === 'reduce') {
      if (input.amountFen === undefined || input.amountFen >= amount) {
        throw invalidFields(fieldIssue('body.amountFen', { zh: `减轻后的金额应低于原决定的 ${amount / 100} 元`, en: `the reduced amount must be below the ${amount / 100} 元 decided` }));
      }
      amount = input.amountFen;
    } else if (input.amountFen !== undefined) {
      throw invalidFields(fieldIssue('body.amountFen', { zh: '只有减轻处理时才填写金额', en: 'give an amount only when reducing' }));
    }
    const now = ctx.clock.now();
    const appealStatus = { uphold: 'upheld', reduce: 'reduced', revoke: 'revoked' }[input.outcome];
    await repo.decideAppeal(trx, appeal.id, { status: appealStatus, decided_at: now, decided_by: actor.userId || null, decision_reason: input.reason, amount_fen: input.outcome === 'revoke' ? 0 : amount });
    const to = input.outcome === 'revoke' ? 'revoked' : 'final';
    const changes: Partial<SanctionsTable> = { status: to, amount_fen: amount, updated_at: now, ...(to === 'final' ? { final_at: now } : {}) };
    if (!(await repo.updateSanctionIfVersion(trx, id, input.version, changes))) throw new AppError('version_conflict');
    await recordStep(ctx, trx, actor, { row, action: `appeal_${input.outcome}`, to, amountFen: amount, note: input.reason, before: { status: row.status, amountFen: Number(row.amount_fen) }, after: { status: to, amountFen: amount, reason: input.reason } });
    let after: SanctionsTable = { ...row, ...changes, version: input.version + 1 };
    if (to === 'final') after = await postFinal(ctx, trx, actor, after, now);
    if (input.outcome !== 'uphold') {
      // An appraisal sheet filled from this sanction is reopened with the reason, never changed silently (issue 21).
      const rule = parseJson<StoredEvaluation | null>(row.evaluation, null)?.rule?.label?.zh ?? row.rule_code;
      const what = input.outcome === 'revoke' ? '撤销' : `减轻为 ${yuan(amount)} 元`;
      await reopenSheetsForFact(ctx, trx, actor, { orgId: row.org_id, kind: 'sanction', id, note: `奖惩“${rule}”经申诉${what}：${input.reason}` });
    }
    return { ...presentSanction(after), appeal: presentAppeal({ ...appeal, status: appealStatus, decided_at: now, decision_reason: input.reason, amount_fen: input.outcome === 'revoke' ? 0 : amount }) };
  });
}

/**
 * The sweep's part: sanctions whose window closed without an appeal become final as of the
 * window's close (so a window closing in March is March's, whenever the sweep runs).
 */
export async function finaliseClosedWindows(ctx: AppContext, options: { limit?: number } = {}) {
  const rows = await repo.findWindowsClosed(ctx.db.kysely, ctx.clock.now(), options.limit ?? 200);
  let finalised = 0;
  for (const candidate of rows) {
    const done = await ctx.db.kysely.transaction().execute(async (trx) => {
      const actor = systemActor(candidate.org_id, 'sanctions-sweep');
      const row = await repo.findSanction(trx, candidate.id);
      if (!row || row.status !== 'noticed') return false;
      // Compare-and-set on the version: a second sweep (or an appeal) that got there first wins.
      return (await makeFinal(ctx, trx, actor, row, Number(row.appeal_closes_at), { action: 'finalise', note: 'appeal window closed' })) !== null;
    });
    if (done) finalised++;
  }
  return { finalised };
}
