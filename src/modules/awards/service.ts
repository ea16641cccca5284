/**
 * Award selection (评选, issue 16; RULES §6): rounds of a pack award type and period through
 * nominations within quotas → office review with eligibility per nominee → publicity (公示, 5
 * working days, objections) → vote, score sheets or leadership decision → announcement with the
 * rewards into the ledger and the automatic honours. Every step is versioned (409 on a stale
 * version) and audited. Ballots, score sheets and results: ballots.ts; publicity: publicity.ts;
 * announcement and honours: announce.ts, honours.ts.
 */
import type { AppContext, Executor } from '../../shared/context.js';
import { AppError, requireVersion } from '../../shared/errors.js';
import { requireRole, requireUnitInScope, unitInScope, type Actor, type Role } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import { dayPeriod } from '../../shared/months.js';
import { onUniqueViolation } from '../../db/dialect.js';
import type { AwardRoundsTable } from '../../db/types.js';
import { workingDayDeadline } from '../../engines/calendar/index.js';
import { quotaAllows } from '../../engines/selection/index.js';
import { awardTypesOf, businessHoursOf, findAwardType, publicityDaysOf, type AwardTypeInForce, type PolicyPack } from '../../policy/index.js';
import { appendAudit } from '../audit/service.js';
import { calendarForOrganisation } from '../calendar/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { staffForSelection } from '../staff/service.js';
import { loadUnitInScope, requireUnitInOrg } from '../units/service.js';
import { evaluateNominees } from './eligibility.js';
import { periodRange } from './period.js';
import { presentAwardType, presentNomination, presentRound, routingOf } from './present.js';
import { limitOf, quotaKeyOf, quotaStates, quotaUnitOf } from './quota.js';
import type { CreateRoundInput, ListRoundsQuery, NominationInput } from './schema.js';
import * as repo from './repository.js';

/** The office runs rounds (领导小组办公室, 001:L163). */
export const office: readonly Role[] = ['admin', 'quality_office'];
/** Department heads nominate within their units' quota; the office anywhere. */
const nominators: readonly Role[] = ['admin', 'quality_office', 'unit_head'];
/** Who sees eligibility reasons (facts of the incident file): the office and heads in scope. */
export const reasonReaders: readonly Role[] = ['admin', 'quality_office', 'unit_head'];

export const methodState: Record<AwardTypeInForce['method'], string> = { vote: 'voting', score_sheet: 'scoring', leadership: 'deciding' };

/** The round and its award type, in the caller's organisation (404 otherwise). */
export async function loadRound(ctx: AppContext, db: Executor, actor: { orgId: string }, id: string, lock = false) {
  const row = lock ? await repo.lockRound(db, ctx.db.dialect, id) : await repo.findRound(db, id);
  if (!row || row.org_id !== actor.orgId) throw new AppError('not_found', { details: { entity: 'award_round', id } });
  const pack = await policyForOrganisation(ctx, row.org_id, db);
  const type = findAwardType(pack, row.award_type);
  if (!type) throw new AppError('award_type_unknown', { details: { awardType: row.award_type } });
  return { row, pack, type };
}

export function requireState(row: AwardRoundsTable, states: readonly string[]): void {
  if (!states.includes(row.state)) throw new AppError('round_state', { details: { state: row.state, expected: states } });
}

/** Moves the round on if the version still holds (409 otherwise), audited. */
async function stepRound(ctx: AppContext, trx: Executor, actor: Actor, row: AwardRoundsTable, version: number, action: string, changes: Partial<AwardRoundsTable>) {
  requireVersion(row.version, version);
  const now = ctx.clock.now();
  if (!(await repo.updateRoundIfVersion(trx, row.id, version, { ...changes, updated_at: now }))) throw new AppError('version_conflict', { details: { current: row.version } });
  await appendAudit(ctx, trx, actor, { action, entity: 'award_round', entityId: row.id, before: { state: row.state }, after: { state: changes.state ?? row.state, ...(changes.publicity_ends_at ? { publicityEndsAt: changes.publicity_ends_at } : {}) } });
}

// --- types and rounds -----------------------------------------------------------------------------

/** GET /award-types: the pack's award types in force. */
export async function listAwardTypes(ctx: AppContext, actor: Actor) {
  const pack = await policyForOrganisation(ctx, actor.orgId);
  return awardTypesOf(pack).map((t) => presentAwardType(pack, t));
}

export async function createRound(ctx: AppContext, actor: Actor, input: CreateRoundInput) {
  requireRole(actor, office);
  const id = await ctx.db.kysely.transaction().execute(async (trx) => {
    const pack = await policyForOrganisation(ctx, actor.orgId, trx);
    const type = findAwardType(pack, input.awardType);
    if (!type) throw new AppError('award_type_unknown', { details: { awardType: input.awardType } });
    const range = periodRange(input.period, type.cadence);
    const now = ctx.clock.now();
    const row: AwardRoundsTable = {
      id: newId(now),
      org_id: actor.orgId,
      award_type: type.code,
      period: input.period,
      year: range.year,
      state: 'nominating',
      publicity_ends_at: null,
      results: null,
      opened_at: null,
      closed_at: null,
      announced_at: null,
      created_by: actor.userId || null,
      created_at: now,
      updated_at: now,
      version: 1,
    };
    await onUniqueViolation(
      () => repo.insertRound(trx, row),
      () => new AppError('award_round_exists', { details: { awardType: type.code, period: input.period } }),
    );
    await appendAudit(ctx, trx, actor, { action: 'create', entity: 'award_round', entityId: row.id, after: { awardType: type.code, period: input.period } });
    return row.id;
  });
  return getRound(ctx, actor, id);
}

export async function listRounds(ctx: AppContext, actor: Actor, q: ListRoundsQuery) {
  const pack = await policyForOrganisation(ctx, actor.orgId);
  const types = new Map(awardTypesOf(pack).map((t) => [t.code, t]));
  const rows = await repo.findRounds(ctx.db.kysely, { orgId: actor.orgId, ...(q.state ? { state: q.state } : {}), ...(q.year ? { year: q.year } : {}) });
  return rows.map((r) => presentRound(r, types.get(r.award_type)));
}

export async function getRound(ctx: AppContext, actor: Actor, id: string) {
  const db = ctx.db.kysely;
  const { row, type } = await loadRound(ctx, db, actor, id);
  const [quotas, nominations, ballots, openObjections] = await Promise.all([
    quotaStates(ctx, db, { orgId: row.org_id, roundId: row.id, type, ownUnitId: actor.role === 'unit_head' ? actor.unitId : null }),
    repo.findNominations(db, row.id),
    repo.countBallots(db, row.id),
    repo.countOpenObjections(db, row.id),
  ]);
  const count = (states: string[]) => nominations.filter((n) => states.includes(n.state)).length;
  return {
    ...presentRound(row, type),
    quotas: quotas.map((q) => ({ scope: q.scope, per: q.per, rule: q.rule, limit: q.limit, used: q.used, text: q.text })),
    counts: { nominations: count(['nominated', 'candidate', 'excluded', 'winner', 'cancelled']), candidates: count(['candidate', 'winner']), excluded: count(['excluded']), cancelled: count(['cancelled']), winners: count(['winner']), ballots, openObjections },
  };
}

/** 截止推荐: nominations close and each nominee's eligibility is computed and stored with its reasons. */
export async function reviewRound(ctx: AppContext, actor: Actor, id: string, version: number) {
  requireRole(actor, office);
  // Read the facts first (the incident file, the ledger and the ratings are read outside the
  // transaction), then store them in one transaction; a nomination added meanwhile is a 409.
  const db = ctx.db.kysely;
  const { row: before, pack, type } = await loadRound(ctx, db, actor, id);
  requireState(before, ['nominating']);
  requireVersion(before.version, version);
  const nominations = await repo.findNominations(db, before.id, ['nominated']);
  const results = await evaluateNominees(ctx, db, { pack, type, orgId: before.org_id, period: before.period, nominees: nominations.map((n) => ({ id: n.id, staffId: n.staff_id, unitId: n.unit_id })) });
  await db.transaction().execute(async (trx) => {
    const { row } = await loadRound(ctx, trx, actor, id, true);
    requireState(row, ['nominating']);
    const now = ctx.clock.now();
    const current = await repo.findNominations(trx, row.id, ['nominated']);
    if (current.some((n) => !results.has(n.id))) throw new AppError('version_conflict', { details: { current: row.version, reason: 'nominations changed during the review' } });
    for (const n of current) {
      const e = results.get(n.id)!;
      await repo.updateNomination(trx, n.id, { eligible: e.eligible ? 1 : 0, reasons: JSON.stringify(e.reasons), state: e.eligible ? 'candidate' : 'excluded', updated_at: now, version: Number(n.version) + 1 });
    }
    await stepRound(ctx, trx, actor, row, version, 'review', { state: 'reviewing' });
    await appendAudit(ctx, trx, actor, { action: 'evaluate', entity: 'award_round', entityId: row.id, after: { nominees: current.length, excluded: current.filter((n) => !results.get(n.id)!.eligible).length } });
  });
  return getRound(ctx, actor, id);
}

/** 公示: the candidates go on the public page for the pack's working days (5, 调休 counted). */
export async function publishRound(ctx: AppContext, actor: Actor, id: string, version: number) {
  requireRole(actor, office);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { row, pack } = await loadRound(ctx, trx, actor, id, true);
    requireState(row, ['reviewing']);
    const endsAt = await publicityEnd(ctx, trx, pack, row.org_id, ctx.clock.now());
    await stepRound(ctx, trx, actor, row, version, 'publish', { state: 'publicity', publicity_ends_at: endsAt });
  });
  return getRound(ctx, actor, id);
}

/** The end of the publicity period: the end of its last working day in the organisation's time. */
export async function publicityEnd(ctx: AppContext, db: Executor, pack: PolicyPack, orgId: string, from: number): Promise<number> {
  const cal = await calendarForOrganisation(ctx, orgId, db);
  const { dueDate } = workingDayDeadline(cal, from, publicityDaysOf(pack));
  return dayPeriod(dueDate, businessHoursOf(pack).utcOffsetMinutes).end;
}

/** After publicity (and with every objection decided): voting, scoring or the leadership's decision. */
export async function openVoting(ctx: AppContext, actor: Actor, id: string, version: number) {
  requireRole(actor, office);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { row, type } = await loadRound(ctx, trx, actor, id, true);
    requireState(row, ['publicity']);
    requireVersion(row.version, version);
    if (row.publicity_ends_at !== null && ctx.clock.now() < Number(row.publicity_ends_at)) throw new AppError('publicity_not_over', { details: { publicityEndsAt: new Date(Number(row.publicity_ends_at)).toISOString() } });
    const open = await repo.countOpenObjections(trx, row.id);
    if (open > 0) throw new AppError('objections_pending', { details: { open } });
    await stepRound(ctx, trx, actor, row, version, 'open', { state: methodState[type.method], opened_at: ctx.clock.now() });
  });
  return getRound(ctx, actor, id);
}

export async function cancelRound(ctx: AppContext, actor: Actor, id: string, input: { version: number; reason: string }) {
  requireRole(actor, office);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { row } = await loadRound(ctx, trx, actor, id, true);
    if (row.state === 'announced' || row.state === 'cancelled') throw new AppError('round_state', { details: { state: row.state } });
    await stepRound(ctx, trx, actor, row, input.version, 'cancel', { state: 'cancelled' });
    await appendAudit(ctx, trx, actor, { action: 'cancel_reason', entity: 'award_round', entityId: row.id, after: { reason: input.reason } });
  });
  return getRound(ctx, actor, id);
}

// --- nominations ----------------------------------------------------------------------------------

/** The nominee as the quota and the round see them: unit, category, branch, name. */
async function nomineeOf(ctx: AppContext, trx: Executor, actor: Actor, type: AwardTypeInForce, input: NominationInput) {
  if (type.subject === 'person') {
    if (!input.staffId) throw new AppError('nominee_invalid', { details: { expected: 'staffId' } });
    const s = await staffForSelection(ctx, actor.orgId, input.staffId, trx);
    if (!s || !s.active || !s.primaryUnit) throw new AppError('nominee_invalid', { details: { staffId: input.staffId } });
    requireUnitInScope(actor, s.primaryUnit.path);
    const department = await quotaUnitOf(ctx, trx, actor.orgId, s.primaryUnit);
    return { staffId: s.id, unitId: s.primaryUnit.id, unitPath: s.primaryUnit.path, quotaUnitId: department.id, category: s.category, partyBranch: s.partyBranch, subjectKey: `staff:${s.id}` };
  }
  if (!input.unitId) throw new AppError('nominee_invalid', { details: { expected: 'unitId' } });
  const unit = actor.scopePath === null ? await requireUnitInOrg(ctx, actor.orgId, input.unitId, trx) : await loadUnitInScope(ctx, actor, input.unitId, trx);
  return { staffId: null, unitId: unit.id, unitPath: unit.path, quotaUnitId: (await quotaUnitOf(ctx, trx, actor.orgId, unit)).id, category: null, partyBranch: null, subjectKey: `unit:${input.unitId}` };
}

/** 推荐: within the nominee's quota scope (409 quota_exceeded when used up), once per round. */
export async function nominate(ctx: AppContext, actor: Actor, roundId: string, input: NominationInput) {
  requireRole(actor, nominators);
  const id = await ctx.db.kysely.transaction().execute(async (trx) => {
    const { row, type } = await loadRound(ctx, trx, actor, roundId, true);
    requireState(row, ['nominating']);
    const nominee = await nomineeOf(ctx, trx, actor, type, input);
    if (await repo.findNominationBySubject(trx, row.id, nominee.subjectKey)) throw new AppError('already_nominated', { details: { subject: nominee.subjectKey } });
    const quota = quotaKeyOf(type, { unitId: nominee.quotaUnitId, category: nominee.category, partyBranch: nominee.partyBranch });
    if (!quota) throw new AppError('quota_exceeded', { details: { limit: 0, used: 0, category: nominee.category } });
    const limit = await limitOf(ctx, trx, row.org_id, type, quota.rule, quota.scope);
    const used = (await repo.countNominationsByQuota(trx, row.id)).find((q) => q.quota_key === quota.key)?.n ?? 0;
    if (!quotaAllows(limit, used)) throw new AppError('quota_exceeded', { details: { scope: quota.scope, per: type.quotas[quota.rule].per, limit, used } });
    const now = ctx.clock.now();
    const nid = newId(now);
    await repo.insertNomination(trx, {
      id: nid,
      org_id: row.org_id,
      round_id: row.id,
      staff_id: nominee.staffId,
      unit_id: nominee.unitId,
      unit_path: nominee.unitPath,
      subject_key: nominee.subjectKey,
      quota_key: quota.key,
      reason: input.reason,
      state: 'nominated',
      eligible: null,
      reasons: null,
      cancel_reason: null,
      votes: null,
      score_num: null,
      score_den: null,
      rank: null,
      tied: null,
      nominated_by: actor.userId || null,
      nominated_at: now,
      updated_at: now,
      version: 1,
    });
    await appendAudit(ctx, trx, actor, { action: 'nominate', entity: 'award_nomination', entityId: nid, after: { roundId: row.id, staffId: nominee.staffId, unitId: nominee.unitId, quota: quota.key } });
    return nid;
  });
  return getNomination(ctx, actor, roundId, id);
}

/** Withdraws a nomination while nominations are open (the nominator's unit head or the office). */
export async function withdrawNomination(ctx: AppContext, actor: Actor, roundId: string, nominationId: string) {
  requireRole(actor, nominators);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { row } = await loadRound(ctx, trx, actor, roundId, true);
    requireState(row, ['nominating']);
    const n = await repo.findNomination(trx, nominationId);
    if (!n || n.round_id !== row.id) throw new AppError('not_found', { details: { entity: 'award_nomination', id: nominationId } });
    requireUnitInScope(actor, n.unit_path);
    await repo.deleteNomination(trx, n.id);
    await appendAudit(ctx, trx, actor, { action: 'withdraw', entity: 'award_nomination', entityId: n.id, before: { roundId: row.id, staffId: n.staff_id, unitId: n.unit_id, reason: n.reason } });
  });
}

export async function listNominations(ctx: AppContext, actor: Actor, roundId: string) {
  const db = ctx.db.kysely;
  const { row, type } = await loadRound(ctx, db, actor, roundId);
  const rows = await repo.findNominations(db, row.id);
  const reasons = reasonReaders.includes(actor.role);
  return rows.map((n) => presentNomination(n, { withReasons: reasons && unitInScope(actor, n.unit_path), t: type }));
}

/**
 * One nomination with its eligibility: stored at review; before the review it is computed now
 * (and not stored), so the office sees the reasons while nominations are open.
 */
export async function getNomination(ctx: AppContext, actor: Actor, roundId: string, nominationId: string) {
  requireRole(actor, reasonReaders);
  const db = ctx.db.kysely;
  const { row, pack, type } = await loadRound(ctx, db, actor, roundId);
  const n = await repo.findNomination(db, nominationId);
  if (!n || n.round_id !== row.id) throw new AppError('not_found', { details: { entity: 'award_nomination', id: nominationId } });
  requireUnitInScope(actor, n.unit_path);
  const view = presentNomination(n, { withReasons: true, t: type });
  const staff = n.staff_id ? await staffForSelection(ctx, row.org_id, n.staff_id, db) : null;
  const routing = routingOf(type, { category: staff?.category ?? null, unitName: n.unit_name });
  if (n.eligible !== null) return { ...view, eligible: view.eligible as boolean, reasons: view.reasons ?? [], routing, category: staff?.category ?? null, partyBranch: staff?.partyBranch ?? null, evaluatedAt: 'review' as const };
  const e = (await evaluateNominees(ctx, db, { pack, type, orgId: row.org_id, period: row.period, nominees: [{ id: n.id, staffId: n.staff_id, unitId: n.unit_id }] })).get(n.id)!;
  return { ...view, eligible: e.eligible, reasons: e.reasons, routing, category: staff?.category ?? null, partyBranch: staff?.partyBranch ?? null, evaluatedAt: 'now' as const };
}
