import { parseJson } from '../../shared/json.js';
import type { SanctionAppealsTable, SanctionEventsTable, SanctionsTable } from '../../db/types.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

export interface StoredEvaluation {
  rule: { code: string; kind: string; label: { zh: string; en: string }; citation: string };
  range: { minFen: number | null; maxFen: number | null } | null;
  totalFen: number;
  outcomes: string[];
  breakdown: { zh: string; en: string }[];
  shares: { target: string; count: number; amountFenEach: number }[];
  /** This row's part: the share it comes from and how many heads it stands for. */
  share: number;
  heads: number;
}

export function presentSanction(row: SanctionsTable & { unit_name?: string | null; staff_name?: string | null }) {
  const evaluation = parseJson<StoredEvaluation | null>(row.evaluation, null);
  return {
    id: row.id,
    status: row.status,
    source: { type: row.source_type, id: row.source_id },
    fact: parseJson<Record<string, unknown>>(row.fact, {}),
    rule: evaluation?.rule ?? { code: row.rule_code },
    facts: parseJson<Record<string, unknown>>(row.facts, {}),
    range: evaluation?.range ?? null,
    direction: row.direction,
    amountFen: Number(row.amount_fen),
    proposedAmountFen: Number(row.proposed_amount_fen),
    outcomes: evaluation?.outcomes ?? [],
    breakdown: evaluation?.breakdown ?? [],
    shares: evaluation?.shares ?? [],
    target: { kind: row.target_kind, staffId: row.staff_id, staffName: row.staff_name ?? null, unitId: row.unit_id, unitName: row.unit_name ?? null, heads: evaluation?.heads ?? 1 },
    committee: row.committee_unit_id ? 'sub_organisation' : 'head_office',
    committeeUnitId: row.committee_unit_id,
    noticeAt: iso(row.notice_at),
    appealDueDate: row.appeal_due_date,
    appealClosesAt: iso(row.appeal_closes_at),
    finalAt: iso(row.final_at),
    payrollMonth: row.payroll_month,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
  };
}
export type SanctionView = ReturnType<typeof presentSanction>;

export function presentEvent(e: SanctionEventsTable) {
  return { at: iso(e.at), actor: e.actor_label, action: e.action, fromStatus: e.from_status, toStatus: e.to_status, amountFen: e.amount_fen === null ? null : Number(e.amount_fen), note: e.note };
}

export function presentAppeal(a: SanctionAppealsTable) {
  return {
    id: a.id,
    filedAt: iso(a.filed_at),
    filedBy: a.filed_label,
    reason: a.reason,
    status: a.status,
    decidedAt: iso(a.decided_at),
    decisionReason: a.decision_reason,
    amountFen: a.amount_fen === null ? null : Number(a.amount_fen),
  };
}

/**
 * The appeal as the list shows it: its state (pending, upheld, reduced, revoked), when it was filed
 * and ruled on, and the last day of the window it was filed in. Null when none was filed.
 */
export function presentAppealState(row: Pick<SanctionsTable, 'appeal_due_date'> & { appeal_status: string | null; appeal_filed_at: number | null; appeal_decided_at: number | null }) {
  if (row.appeal_status === null) return null;
  return { status: row.appeal_status, filedAt: iso(row.appeal_filed_at), decidedAt: iso(row.appeal_decided_at), appealDueDate: row.appeal_due_date };
}
