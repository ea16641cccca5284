/**
 * Sanctions (奖惩, RULES §5; issue 15 items 4–6): proposals from facts or by hand, the office's
 * preliminary review (初审), approval by tier of amount and kind (004:L138), the committee's
 * decision with the notice to the person, the appeal (申诉) and the ruling on it, and the ledger
 * entry when a sanction becomes final. Every step is versioned (409 on a stale edit), on the
 * sanction's timeline and in the audit log.
 */
import type { AppContext, Executor } from '../../shared/context.js';
import { AppError, requireVersion } from '../../shared/errors.js';
import { requireRole, type Actor, type Role } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import { fieldIssue, invalidFields } from '../../shared/issues.js';
import { parseJson } from '../../shared/json.js';
import { appealsOneLevelUp, approvalTierOf, businessHoursOf, proposalsFor, type PolicyPack } from '../../policy/index.js';
import { monthPeriod } from '../../shared/months.js';
import type { SanctionsTable } from '../../db/types.js';
import { policyForOrganisation } from '../policy/service.js';
import { loadUnitInScope, requireUnitInOrg } from '../units/service.js';
import { quarterBands } from '../inspections/service.js';
import { mayAct, maySee, requireMayAct, type Level, type Step } from './access.js';
import { presentAppeal, presentAppealState, presentEvent, presentSanction, type StoredEvaluation } from './present.js';
import { proposeWith, storedEvaluation, type ProposeOptions } from './proposals.js';
import { sendNotice, appealWindowOf } from './notice.js';
import { makeFinal } from './posting.js';
import { recordStep } from './timeline.js';
import type { ListSanctionsQuery, ProposeInput, ReviewInput, StageTargetInput, StepInput } from './schema.js';
import * as repo from './repository.js';

/** Who proposes: the office, the leadership, and unit heads for their units (各部门负责人提出处理意见, 004:L138). */
const proposers: readonly Role[] = ['admin', 'quality_office', 'unit_head'];

function presentResult(r: Awaited<ReturnType<typeof proposeWith>>) {
  return { created: r.created.map(presentSanction), existing: r.existing.map(presentSanction), evaluation: r.evaluation };
}

async function propose(ctx: AppContext, actor: Actor, build: (trx: Executor, pack: PolicyPack) => Promise<ProposeOptions[]>) {
  requireRole(actor, proposers);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const pack = await policyForOrganisation(ctx, actor.orgId, trx);
    const results = [];
    for (const o of await build(trx, pack)) results.push(presentResult(await proposeWith(ctx, trx, actor, pack, o)));
    return results;
  });
}

/** By hand: the office names the rule, the facts and who (issue 15 item 4). */
export async function proposeSanction(ctx: AppContext, actor: Actor, input: ProposeInput) {
  const [r] = await propose(ctx, actor, async (trx) => {
    const unit = await loadUnitInScope(ctx, actor, input.unitId, trx);
    return [
      {
        orgId: actor.orgId,
        source: { type: 'manual', id: newId(ctx.clock.now()) },
        fact: { kind: 'manual', note: input.note ?? null },
        ruleCode: input.rule,
        facts: input.facts,
        unit,
        staffId: input.staffId ?? null,
        staffIds: input.staffIds,
        note: input.note,
      },
    ];
  });
  return r;
}

/**
 * A missed stage target the office enters (003:L418–422: stages 92 / 95 / 98): proposes the rules
 * the pack maps `stage_target` to. One per unit, year and stage: entering it again proposes nothing new.
 */
export async function proposeStageTarget(ctx: AppContext, actor: Actor, input: StageTargetInput) {
  const results = await propose(ctx, actor, async (trx, pack) => {
    const unit = await loadUnitInScope(ctx, actor, input.unitId, trx);
    const mappings = proposalsFor(pack, 'stage_target');
    if (mappings.length === 0) throw invalidFields(fieldIssue('body', { zh: '本单位的政策包没有阶段目标考核规则', en: 'the policy pack maps no rule to stage targets' }));
    return mappings.map((m) => ({
      orgId: actor.orgId,
      source: { type: 'stage_target' as const, id: `${unit.id}:${input.year}:${input.stage}` },
      fact: { kind: 'stage_target', year: input.year, stage: input.stage, score: input.score, unitName: unit.name },
      ruleCode: m.rule,
      facts: { ...m.facts, stage: input.stage, score: input.score, ...(input.repeat !== undefined ? { repeat: input.repeat } : {}) },
      unit,
      staffId: input.staffId ?? null,
      note: input.note,
    }));
  });
  return merge(results);
}

/** A quarter's inspection bands (003:L341–343): each banded unit proposes the rule its band maps to. */
export async function proposeFromBands(ctx: AppContext, actor: Actor, quarter: string) {
  const bands = await quarterBands(ctx, actor, quarter);
  const results = await propose(ctx, actor, async (trx, pack) => {
    const out: ProposeOptions[] = [];
    for (const b of bands.items) {
      if (!b.band) continue;
      for (const m of proposalsFor(pack, `band:${b.band}`)) {
        const unit = await requireUnitInOrg(ctx, actor.orgId, b.unitId, trx);
        out.push({
          orgId: actor.orgId,
          source: { type: 'band', id: `${quarter}:${b.unitId}` },
          fact: { kind: `band:${b.band}`, quarter, score: b.score, rank: b.rank, unitName: b.name },
          ruleCode: m.rule,
          facts: { ...m.facts, score: b.score, rank: b.rank },
          unit,
          staffId: null,
        });
      }
    }
    return out;
  });
  return merge(results);
}

function merge(results: ReturnType<typeof presentResult>[]) {
  return { created: results.flatMap((r) => r.created), existing: results.flatMap((r) => r.existing), evaluations: results.map((r) => r.evaluation) };
}

// Reading ------------------------------------------------------------------------------------------

async function levelOf(ctx: AppContext, db: Executor, row: SanctionsTable, pack?: PolicyPack): Promise<Level & { tier: number }> {
  const committeePath = row.committee_unit_id ? (await requireUnitInOrg(ctx, row.org_id, row.committee_unit_id, db)).path : null;
  const p = pack ?? (await policyForOrganisation(ctx, row.org_id, db));
  const tier = approvalTierOf(p, row.direction as 'fine' | 'reward', Number(row.amount_fen));
  return { committeePath, approvers: tier.approvers, tier: tier.index, oneLevelUp: appealsOneLevelUp(p, row.rule_code) };
}

const stepOfStatus: Record<string, Step | undefined> = { proposed: 'review', reviewed: 'approve', approved: 'decide', appealed: 'appeal_decision' };

/** The caller's next step on a sanction, if any (the screens show that button only). */
async function nextStepFor(ctx: AppContext, actor: Actor, row: SanctionsTable, level: Level): Promise<Step | 'appeal' | null> {
  const step = stepOfStatus[row.status];
  if (step && mayAct(actor, row, step, level)) return step;
  if (row.status === 'noticed' && row.direction === 'fine' && row.staff_id && actor.staffId === row.staff_id && row.appeal_closes_at !== null && ctx.clock.now() < Number(row.appeal_closes_at)) return 'appeal';
  return null;
}

export async function listSanctions(ctx: AppContext, actor: Actor, query: ListSanctionsQuery) {
  const unitPath = query.unitId ? (await loadUnitInScope(ctx, actor, query.unitId)).path : undefined;
  const office = actor.role === 'admin' || actor.role === 'quality_office';
  const own = query.view === 'mine' || !(office || actor.role === 'unit_head');
  const statuses = query.status ? [query.status] : query.view === 'queue' ? ['proposed', 'reviewed', 'approved', 'appealed'] : undefined;
  const pack = await policyForOrganisation(ctx, actor.orgId);
  const proposedIn = query.month ? monthPeriod(query.month, businessHoursOf(pack).utcOffsetMinutes) : undefined;
  const { rows, total } = await repo.findSanctions(ctx.db.kysely, {
    orgId: actor.orgId,
    scopePath: own ? null : actor.scopePath,
    staffId: own ? (actor.staffId ?? '-none-') : query.staffId,
    noticedOnly: own,
    statuses,
    unitPath,
    direction: query.direction,
    appeal: query.appeal,
    createdFrom: proposedIn?.start,
    createdTo: proposedIn?.end,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const items = [];
  for (const r of rows) {
    const nextStep = await nextStepFor(ctx, actor, r, await levelOf(ctx, ctx.db.kysely, r, pack));
    if (query.view === 'queue' && !nextStep) continue;
    items.push({ ...presentSanction(r), appeal: presentAppealState(r), nextStep });
  }
  // The queue is what the caller can act on now: counted after the role check.
  return { items, total: query.view === 'queue' ? items.length : total, page: query.page, pageSize: query.pageSize };
}

async function loadVisible(ctx: AppContext, actor: Actor, id: string, db: Executor = ctx.db.kysely) {
  const row = await repo.findSanction(db, id);
  if (!row || row.org_id !== actor.orgId) throw new AppError('not_found', { details: { entity: 'sanction', id } });
  if (!maySee(actor, row)) throw new AppError(actor.role === 'unit_head' ? 'out_of_scope' : 'forbidden');
  return row;
}

/** One sanction: the fact, the rule in words with its citation, the amount, the targets, the timeline, the appeal. */
export async function getSanction(ctx: AppContext, actor: Actor, id: string) {
  const row = await loadVisible(ctx, actor, id);
  const level = await levelOf(ctx, ctx.db.kysely, row);
  const [events, appeal, siblings] = await Promise.all([repo.findEvents(ctx.db.kysely, id), repo.findAppeal(ctx.db.kysely, id), repo.findSiblings(ctx.db.kysely, row)]);
  const all = [row, ...siblings];
  const names = await repo.findNames(ctx.db.kysely, row.org_id, [...new Set(all.flatMap((r) => (r.unit_id ? [r.unit_id] : [])))], [...new Set(all.flatMap((r) => (r.staff_id ? [r.staff_id] : [])))]);
  return {
    ...presentSanction({ ...row, unit_name: row.unit_id ? (names.units.get(row.unit_id) ?? null) : null, staff_name: row.staff_id ? (names.staff.get(row.staff_id) ?? null) : null }),
    tier: level.tier,
    nextStep: await nextStepFor(ctx, actor, row, level),
    timeline: events.map(presentEvent),
    appeal: appeal ? presentAppeal(appeal) : null,
    others: siblings.map((s) => ({
      id: s.id,
      targetKind: s.target_kind,
      staffId: s.staff_id,
      staffName: s.staff_id ? (names.staff.get(s.staff_id) ?? null) : null,
      unitId: s.unit_id,
      unitName: s.unit_id ? (names.units.get(s.unit_id) ?? null) : null,
      amountFen: Number(s.amount_fen),
      status: s.status,
    })),
  };
}

// Steps ---------------------------------------------------------------------------------------------

/** Loads for a step: visible, the expected status, the caller entitled, the version current. */
export async function loadForStep(ctx: AppContext, trx: Executor, actor: Actor, id: string, status: string, step: Step, version: number) {
  const row = await loadVisible(ctx, actor, id, trx);
  const pack = await policyForOrganisation(ctx, row.org_id, trx);
  const level = await levelOf(ctx, trx, row, pack);
  requireMayAct(actor, row, step, level);
  requireVersion(row.version, version);
  if (row.status !== status) throw new AppError('invalid_transition', { details: { status: row.status, step } });
  return { row, pack, level };
}

/**
 * New facts from a reviewer (a range rule's amount picked inside its range): re-evaluated, this
 * row's share taken again. The engine refuses an amount outside the range (amount_out_of_range).
 */
function reevaluate(pack: PolicyPack, row: SanctionsTable, facts: Record<string, unknown> | undefined): Partial<SanctionsTable> {
  if (!facts) return {};
  const stored = parseJson<StoredEvaluation>(row.evaluation, {} as StoredEvaluation);
  const merged = { ...parseJson<Record<string, unknown>>(row.facts, {}), ...facts };
  const { facts: picked, ev, base } = storedEvaluation(pack, row.rule_code, merged, 'body');
  const share = ev.shares[stored.share] ?? ev.shares[0];
  const amount = share ? share.amountFenEach * (stored.heads ?? 1) : 0;
  return { facts: JSON.stringify(picked), evaluation: JSON.stringify({ ...base, share: stored.share, heads: stored.heads }), amount_fen: amount };
}

async function advance(ctx: AppContext, trx: Executor, actor: Actor, row: SanctionsTable, version: number, to: string, changes: Partial<SanctionsTable>, action: string, note?: string | null) {
  const now = ctx.clock.now();
  const all = { ...changes, status: to, updated_at: now };
  if (!(await repo.updateSanctionIfVersion(trx, row.id, version, all))) throw new AppError('version_conflict');
  const after = { ...row, ...all, version: version + 1 };
  await recordStep(ctx, trx, actor, {
    row,
    action,
    to,
    amountFen: Number(after.amount_fen),
    note,
    before: { status: row.status, amountFen: Number(row.amount_fen) },
    after: { status: to, amountFen: Number(after.amount_fen), facts: parseJson(after.facts, {}), note: note ?? null },
  });
  return after;
}

/** 初审: the committee's office accepts (maybe adjusting the amount inside the rule's range) or dismisses. */
export async function reviewSanction(ctx: AppContext, actor: Actor, id: string, input: ReviewInput) {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { row, pack } = await loadForStep(ctx, trx, actor, id, 'proposed', 'review', input.version);
    const changes = input.accept ? reevaluate(pack, row, input.facts) : {};
    const after = await advance(ctx, trx, actor, row, input.version, input.accept ? 'reviewed' : 'dismissed', changes, input.accept ? 'review' : 'dismiss', input.note);
    return presentSanction(after);
  });
}

/** Approval by tier of amount and kind (004:L138): the tier's roles approve. */
export async function approveSanction(ctx: AppContext, actor: Actor, id: string, input: StepInput) {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { row, pack } = await loadForStep(ctx, trx, actor, id, 'reviewed', 'approve', input.version);
    const changes = reevaluate(pack, row, input.facts);
    if (changes.amount_fen !== undefined && changes.amount_fen !== Number(row.amount_fen)) {
      // A new amount may fall in a higher tier: the caller must be among that tier's approvers too.
      requireMayAct(actor, { ...row, ...changes }, 'approve', await levelOf(ctx, trx, { ...row, ...changes } as SanctionsTable, pack));
    }
    return presentSanction(await advance(ctx, trx, actor, row, input.version, 'approved', changes, 'approve', input.note));
  });
}

/**
 * The committee's decision (004:L160: 奖惩决定的审批): the amount is fixed, the person is told
 * (in-app, and by email where they have an address) and the appeal window opens. A reward has no
 * appeal step (申诉 is against a penalty): it is final at the notice and goes to the ledger then.
 */
export async function decideSanction(ctx: AppContext, actor: Actor, id: string, input: StepInput) {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { row, pack } = await loadForStep(ctx, trx, actor, id, 'approved', 'decide', input.version);
    const changes = reevaluate(pack, row, input.facts);
    const noticeAt = ctx.clock.now();
    const window = row.direction === 'reward' ? null : await appealWindowOf(ctx, trx, pack, row.org_id, noticeAt);
    const after = await advance(ctx, trx, actor, row, input.version, 'noticed', { ...changes, notice_at: noticeAt, appeal_due_date: window?.dueDate ?? null, appeal_closes_at: window?.closesAt ?? null }, 'decide', input.note);
    await sendNotice(ctx, trx, after, window?.dueDate ?? null);
    if (!window) return presentSanction((await makeFinal(ctx, trx, actor, after, noticeAt, { action: 'finalise_reward', note: 'a reward has no appeal step' })) ?? after);
    return presentSanction(after);
  });
}

/** Before the decision, the office or an approver corrects the facts (and so the amount). */
export async function adjustSanction(ctx: AppContext, actor: Actor, id: string, input: StepInput) {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await loadVisible(ctx, actor, id, trx);
    const step = stepOfStatus[row.status];
    if (!step || step === 'appeal_decision') throw new AppError('invalid_transition', { details: { status: row.status } });
    const { pack } = await loadForStep(ctx, trx, actor, id, row.status, step, input.version);
    const changes = reevaluate(pack, row, input.facts);
    return presentSanction(await advance(ctx, trx, actor, row, input.version, row.status, changes, 'adjust', input.note));
  });
}

