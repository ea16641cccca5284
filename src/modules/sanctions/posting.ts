/**
 * A sanction becoming final and its ledger line (RULES §5 Decisions): final when its appeal window
 * closes without an appeal, when its appeal is decided, or — a reward, which has no appeal step —
 * at the committee's notice. The line goes into the payroll month after the month it became
 * final; an outcome-only sanction (0 fen) is on the ledger's record but in no payroll.
 */
import type { AppContext, Executor } from '../../shared/context.js';
import type { Actor } from '../../shared/access.js';
import { parseJson } from '../../shared/json.js';
import type { SanctionsTable } from '../../db/types.js';
import { postLedgerEntry } from '../ledger/service.js';
import { emitEvent } from '../webhooks/index.js';
import type { StoredEvaluation } from './present.js';
import { recordStep } from './timeline.js';
import * as repo from './repository.js';

/** The ledger line of a final sanction; its payroll month is kept on the sanction. */
export async function postFinal(ctx: AppContext, trx: Executor, actor: Actor, row: SanctionsTable, finalAt: number): Promise<SanctionsTable> {
  const ev = parseJson<StoredEvaluation | null>(row.evaluation, null);
  const { payrollMonth } = await postLedgerEntry(ctx, trx, actor, {
    orgId: row.org_id,
    sanctionId: row.id,
    staffId: row.staff_id,
    unitId: row.staff_id ? null : row.unit_id,
    direction: row.direction as 'fine' | 'reward',
    amountFen: Number(row.amount_fen),
    outcomes: ev?.outcomes ?? [],
    ruleCode: row.rule_code,
    citation: ev?.rule.citation ?? row.rule_code,
    summary: ev?.rule.label.zh ?? row.rule_code,
    finalAt,
  });
  // An outcome-only sanction (0 fen: 004:L188 批评教育, 004:L124 通报批评) is on the ledger's
  // record for the bulletins and the awards, but in no payroll: it keeps no payroll month.
  const month = Number(row.amount_fen) > 0 ? payrollMonth : null;
  // Not a step of its own (the version stays): the payroll month is where the money went.
  if (month) await repo.setPayrollMonth(trx, row.id, month);
  await emitEvent(ctx, trx, {
    orgId: row.org_id,
    type: 'sanction.final',
    data: { sanctionId: row.id, ruleCode: row.rule_code, direction: row.direction, amountFen: Number(row.amount_fen), targetKind: row.target_kind, staffId: row.staff_id, unitId: row.unit_id, finalAt: new Date(finalAt).toISOString(), payrollMonth: month },
  });
  return { ...row, payroll_month: month };
}

/**
 * Makes a noticed sanction final as of `finalAt` and posts it, compare-and-set on its version:
 * null when someone else (a second sweep, an appeal) changed it first. The step is `finalise`
 * (the appeal window closed) or `finalise_reward` (a reward, final at its notice).
 */
export async function makeFinal(ctx: AppContext, trx: Executor, actor: Actor, row: SanctionsTable, finalAt: number, why: { action: 'finalise' | 'finalise_reward'; note: string }): Promise<SanctionsTable | null> {
  if (!(await repo.updateSanctionIfVersion(trx, row.id, row.version, { status: 'final', final_at: finalAt, updated_at: ctx.clock.now() }))) return null;
  await recordStep(ctx, trx, actor, { row, action: why.action, to: 'final', amountFen: Number(row.amount_fen), note: why.note });
  return postFinal(ctx, trx, actor, { ...row, status: 'final', final_at: finalAt, version: row.version + 1 }, finalAt);
}
