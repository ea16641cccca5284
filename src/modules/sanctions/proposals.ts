/**
 * Proposals (RULES §5; issue 15 item 4): a fact — a verified incident, an inspection band, a
 * stage target the office enters — or the office by hand proposes a sanction under a rule of the
 * pack. Each target is one row, unique on (source, rule, target): a fact proposes once, however
 * often the sweep or a retry runs, also when two runs race (the insert does nothing the second
 * time and answers with the stored row).
 */
import type { AppContext, Executor } from '../../shared/context.js';
import type { Actor } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import type { PolicyPack } from '../../policy/index.js';
import { subOrganisationKinds } from '../../policy/index.js';
import type { SanctionsTable, UnitsTable } from '../../db/types.js';
import { requireUnitInOrg } from '../units/service.js';
import { evaluate, rangeOf, requireRule, withDefaultPick } from './engine.js';
import type { StoredEvaluation } from './present.js';
import { targetsOf } from './targets.js';
import { recordStep } from './timeline.js';
import * as repo from './repository.js';

export interface ProposeOptions {
  orgId: string;
  source: { type: 'incident' | 'band' | 'stage_target' | 'competition' | 'manual'; id: string };
  /** The fact as people read it (kind, summary, dates, scores). */
  fact: Record<string, unknown>;
  ruleCode: string;
  facts: Record<string, unknown>;
  unit: UnitsTable;
  staffId: string | null;
  staffIds?: string[];
  note?: string;
}

/** The sub-organisation whose committee decides (二级管理, 004:L160): the nearest unit at or above of a kind the pack names. */
export async function committeeUnitOf(ctx: AppContext, db: Executor, pack: PolicyPack, unit: UnitsTable): Promise<UnitsTable | null> {
  const kinds = subOrganisationKinds(pack);
  if (kinds.length === 0) return null;
  const ids = unit.path.split('/').filter(Boolean).reverse();
  for (const id of ids) {
    const u = id === unit.id ? unit : await requireUnitInOrg(ctx, unit.org_id, id, db);
    if (kinds.includes(u.kind)) return u;
  }
  return null;
}

export function storedEvaluation(pack: PolicyPack, ruleCode: string, facts: Record<string, unknown>, path?: string) {
  const rule = requireRule(pack, ruleCode, path ? `${path}.rule` : undefined);
  const picked = withDefaultPick(rule, facts);
  const ev = evaluate(rule, picked, path ? `${path}.facts` : undefined);
  const base: Omit<StoredEvaluation, 'share' | 'heads'> = {
    rule: { code: rule.code, kind: rule.kind, label: rule.label, citation: rule.citation },
    range: rangeOf(rule, picked),
    totalFen: ev.amountFen,
    outcomes: ev.outcomes,
    breakdown: ev.breakdown,
    shares: ev.shares,
  };
  return { rule, facts: picked, ev, base };
}

/** Proposes in the caller's transaction: the rows created now and those proposed before. */
export async function proposeWith(ctx: AppContext, trx: Executor, actor: Actor, pack: PolicyPack, o: ProposeOptions) {
  const { rule, facts, ev, base } = storedEvaluation(pack, o.ruleCode, o.facts);
  // Nothing owed and nothing else to do (a score at its target): no proposal.
  if (ev.amountFen === 0 && ev.outcomes.length === 0) return { created: [] as SanctionsTable[], existing: [] as SanctionsTable[], evaluation: base };
  const targets = await targetsOf(ctx, trx, ev, { orgId: o.orgId, unit: o.unit, staffId: o.staffId, staffIds: o.staffIds, perMember: rule.kind === 'per_member' });
  const committee = await committeeUnitOf(ctx, trx, pack, o.unit);
  const now = ctx.clock.now();
  const created: SanctionsTable[] = [];
  const existing: SanctionsTable[] = [];
  for (const t of targets) {
    const row: SanctionsTable = {
      id: newId(now),
      org_id: o.orgId,
      source_type: o.source.type,
      source_id: o.source.id,
      rule_code: rule.code,
      target_kind: t.kind,
      target_key: t.key,
      staff_id: t.staffId,
      unit_id: t.unitId,
      unit_path: t.unitPath,
      committee_unit_id: committee?.id ?? null,
      direction: ev.direction,
      amount_fen: t.amountFen,
      proposed_amount_fen: t.amountFen,
      facts: JSON.stringify(facts),
      evaluation: JSON.stringify({ ...base, share: t.share, heads: t.heads } satisfies StoredEvaluation),
      fact: JSON.stringify(o.fact),
      status: 'proposed',
      notice_at: null,
      appeal_due_date: null,
      appeal_closes_at: null,
      final_at: null,
      payroll_month: null,
      created_by: actor.userId || null,
      created_at: now,
      updated_at: now,
      version: 1,
    };
    if (await repo.insertSanction(trx, row)) {
      created.push(row);
      await recordStep(ctx, trx, actor, {
        row,
        action: 'propose',
        to: 'proposed',
        amountFen: row.amount_fen,
        note: o.note ?? null,
        after: { source: o.source, rule: rule.code, target: { kind: t.kind, staffId: t.staffId, unitId: t.unitId }, direction: ev.direction, amountFen: t.amountFen, facts },
      });
    } else {
      const stored = await repo.findByKey(trx, o.orgId, { sourceType: o.source.type, sourceId: o.source.id, ruleCode: rule.code, targetKey: t.key });
      if (stored) existing.push(stored);
    }
  }
  return { created, existing, evaluation: base };
}
