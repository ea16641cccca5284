/**
 * Ballots, score sheets and results (RULES §6; Helios/ElectionGuard anchors: one ballot per voter,
 * secret ballot, verifiable tally). A ballot is stored as "who voted" apart from "what was chosen"
 * (the choices carry no voter), so results show counts only; a ballot cannot be changed, and none
 * is taken after the round closes (409 round_closed).
 */
import type { AppContext, Executor } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { requireRole, type Actor } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import { isUniqueViolation } from '../../db/dialect.js';
import { checkBallot, checkScoreSheet, fractionValue, meanScore, rankCandidates, sheetMaximum, sheetTotal, type Fraction, type TallyResult } from '../../engines/selection/index.js';
import { awardTieBreak, type AwardTypeInForce, type PolicyPack } from '../../policy/index.js';
import type { AwardRoundsTable } from '../../db/types.js';
import { appendAudit } from '../audit/service.js';
import { activeStaffIdsWithFlag, staffForSelection } from '../staff/service.js';
import { loadRound, office, requireState } from './service.js';
import type { BallotInput, ScoreSheetInput } from './schema.js';
import * as repo from './repository.js';

const closedStates = ['closed', 'announced', 'cancelled'];

/** Whether the caller votes in this round: 中层干部 (the staff flag middleCadre) or the office, per the type. */
async function isVoter(ctx: AppContext, db: Executor, actor: Actor, type: AwardTypeInForce): Promise<boolean> {
  if (type.voters === 'office') return office.includes(actor.role);
  if (!actor.staffId) return false;
  const s = await staffForSelection(ctx, actor.orgId, actor.staffId, db);
  return !!s && s.active && s.flags.middleCadre === true;
}

/** How many may vote (the turnout's denominator). */
async function eligibleVoters(ctx: AppContext, orgId: string, type: AwardTypeInForce, db: Executor): Promise<number | null> {
  if (type.method !== 'vote') return null;
  if (type.voters === 'middle_cadres') return (await activeStaffIdsWithFlag(ctx, orgId, 'middleCadre', db)).length;
  return null;
}

/** 投票: once per voter per round, at most the seats' number of choices, candidates only. */
export async function castBallot(ctx: AppContext, actor: Actor, roundId: string, input: BallotInput) {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { row, type } = await loadRound(ctx, trx, actor, roundId, true);
    if (closedStates.includes(row.state)) throw new AppError('round_closed', { details: { state: row.state } });
    requireState(row, ['voting']);
    if (!(await isVoter(ctx, trx, actor, type))) throw new AppError('not_a_voter');
    const voted = await repo.findBallot(trx, row.id, actor.userId);
    if (voted) throw new AppError('ballot_already_cast', { details: { castAt: new Date(Number(voted.cast_at)).toISOString() } });
    const candidates = (await repo.findNominations(trx, row.id, ['candidate'])).map((n) => n.id);
    const maxChoices = type.seats?.max ?? candidates.length;
    const problem = checkBallot({ voterId: actor.userId, choices: input.choices, voters: new Set([actor.userId]), alreadyVoted: new Set(), candidates: new Set(candidates), maxChoices });
    if (problem) throw new AppError('ballot_invalid', { details: { problem, maxChoices } });
    const now = ctx.clock.now();
    try {
      await repo.insertBallot(trx, { roundId: row.id, voterId: actor.userId, orgId: row.org_id, castAt: now, choices: input.choices.map((c) => ({ id: newId(now), nominationId: c })) });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('ballot_already_cast');
      throw e;
    }
    // Secret: the audit says that the voter voted and how many they chose, never whom.
    await appendAudit(ctx, trx, actor, { action: 'cast', entity: 'award_ballot', entityId: row.id, after: { choices: input.choices.length } });
    return { roundId: row.id, voted: true, castAt: new Date(now).toISOString(), choices: input.choices.length };
  });
}

/** Whether the caller may vote and has voted (never what they chose). */
export async function getMyBallot(ctx: AppContext, actor: Actor, roundId: string) {
  const db = ctx.db.kysely;
  const { row, type } = await loadRound(ctx, db, actor, roundId);
  const ballot = await repo.findBallot(db, row.id, actor.userId);
  return { roundId: row.id, voter: type.method === 'vote' && (await isVoter(ctx, db, actor, type)), voted: !!ballot, castAt: ballot ? new Date(Number(ballot.cast_at)).toISOString() : null, maxChoices: type.seats?.max ?? null };
}

/** 评分表: one sheet per scorer and candidate, changeable until the round closes; above an item's maximum → 400. */
export async function putScoreSheet(ctx: AppContext, actor: Actor, roundId: string, nominationId: string, input: ScoreSheetInput) {
  requireRole(actor, office);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { row, type } = await loadRound(ctx, trx, actor, roundId, true);
    if (closedStates.includes(row.state)) throw new AppError('round_closed', { details: { state: row.state } });
    if (!type.scoreSheet.length) throw new AppError('round_state', { details: { reason: 'no score sheet' } });
    requireState(row, type.method === 'score_sheet' ? ['scoring'] : ['voting', 'scoring']);
    const n = await repo.findNomination(trx, nominationId);
    if (!n || n.round_id !== row.id || n.state !== 'candidate') throw new AppError('not_found', { details: { entity: 'award_nomination', id: nominationId } });
    const problems = checkScoreSheet(type.scoreSheet, input.items);
    const above = problems.find((p) => p.code === 'points_above_max');
    if (above) {
      throw new AppError('score_above_max', {
        details: { item: above.item, max: above.max, problems },
        message: { zh: `评分项“${above.item}”超过满分 ${above.max}`, en: `Item "${above.item}" is above its maximum of ${above.max}` },
      });
    }
    if (problems.length) throw new AppError('score_sheet_invalid', { details: { problems } });
    const total = sheetTotal(input.items);
    const now = ctx.clock.now();
    await repo.upsertScoreSheet(trx, { round_id: row.id, nomination_id: n.id, scorer_id: actor.userId, org_id: row.org_id, items: JSON.stringify(input.items), total, updated_at: now });
    await appendAudit(ctx, trx, actor, { action: 'score', entity: 'award_score_sheet', entityId: n.id, after: { roundId: row.id, items: input.items, total } });
    return { roundId: row.id, nominationId: n.id, items: input.items, total, max: sheetMaximum(type.scoreSheet) };
  });
}

export interface StoredResults {
  tally: TallyResult;
  ballots: number;
  eligibleVoters: number | null;
  seats: number;
}

const fractionJson = (f: Fraction | null) => (f ? { numerator: f.numerator, denominator: f.denominator } : null);

/** Counts and ranks the candidates (votes, or scores in the score-sheet method), ties reported. */
export async function tallyRound(ctx: AppContext, trx: Executor, pack: PolicyPack, type: AwardTypeInForce, row: AwardRoundsTable): Promise<StoredResults> {
  const candidates = await repo.findNominations(trx, row.id, ['candidate']);
  const ids = candidates.map((c) => c.id);
  const totals = new Map<string, number[]>();
  for (const t of await repo.findScoreTotals(trx, row.id)) totals.set(t.nomination_id, [...(totals.get(t.nomination_id) ?? []), t.total]);
  const votes = type.method === 'vote' ? await repo.countChoices(trx, row.id) : null;
  const counted = votes ? new Map(ids.map((id) => [id, votes.get(id) ?? 0])) : null;
  const seats = type.seats?.max ?? ids.length;
  const tally = rankCandidates({ candidates: candidates.map((c) => ({ id: c.id, nominatedAt: Number(c.nominated_at), score: meanScore(totals.get(c.id) ?? []) })), votes: counted, seats, tieBreak: awardTieBreak(pack) });
  const now = ctx.clock.now();
  for (const r of tally.ranked) {
    await repo.updateNomination(trx, r.id, { votes: votes ? r.votes : null, score_num: r.score?.numerator ?? null, score_den: r.score?.denominator ?? null, rank: r.rank, tied: r.tied ? 1 : 0, updated_at: now });
  }
  return { tally: { ...tally, ranked: tally.ranked.map((r) => ({ ...r, score: fractionJson(r.score) })) }, ballots: await repo.countBallots(trx, row.id), eligibleVoters: await eligibleVoters(ctx, row.org_id, type, trx), seats };
}

/** 结束投票: no more ballots or sheets; the results are computed and kept with the ties flagged. */
export async function closeRound(ctx: AppContext, actor: Actor, id: string, version: number) {
  requireRole(actor, office);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { row, pack, type } = await loadRound(ctx, trx, actor, id, true);
    requireState(row, ['voting', 'scoring']);
    if (row.version !== version) throw new AppError('version_conflict', { details: { current: row.version } });
    const results = await tallyRound(ctx, trx, pack, type, row);
    const now = ctx.clock.now();
    if (!(await repo.updateRoundIfVersion(trx, row.id, version, { state: 'closed', closed_at: now, results: JSON.stringify(results), updated_at: now }))) throw new AppError('version_conflict');
    await appendAudit(ctx, trx, actor, { action: 'close', entity: 'award_round', entityId: row.id, before: { state: row.state }, after: { state: 'closed', ballots: results.ballots, ties: results.tally.ties, tieAtCut: results.tally.tieAtCut } });
  });
}

/** GET results: once closed — votes or scores, ranks, ties and (after the announcement) the winners. */
export async function getResults(ctx: AppContext, actor: Actor, roundId: string) {
  const db = ctx.db.kysely;
  const { row, type } = await loadRound(ctx, db, actor, roundId);
  if (row.state !== 'closed' && row.state !== 'announced') throw new AppError('results_not_ready', { details: { state: row.state } });
  const stored = row.results ? (JSON.parse(row.results) as StoredResults) : null;
  const nominations = new Map((await repo.findNominations(db, row.id)).map((n) => [n.id, n]));
  const announced = row.state === 'announced';
  const ranked = stored?.tally.ranked ?? [...nominations.values()].filter((n) => n.state === 'winner').map((n, i) => ({ id: n.id, votes: 0, score: null, rank: i + 1, tied: false, position: i + 1, winner: true }));
  return {
    roundId: row.id,
    state: row.state,
    method: type.method,
    seats: stored?.seats ?? type.seats?.max ?? null,
    ballots: stored?.ballots ?? 0,
    eligibleVoters: stored?.eligibleVoters ?? null,
    results: ranked.map((r) => {
      const n = nominations.get(r.id);
      return {
        nominationId: r.id,
        name: n ? (n.staff_name ?? n.unit_name) : '',
        unitName: n?.unit_name ?? '',
        ...(type.method === 'vote' ? { votes: r.votes } : {}),
        score: fractionValue(r.score),
        rank: r.rank,
        tied: r.tied,
        winner: announced ? n?.state === 'winner' : r.winner,
      };
    }),
    ties: stored?.tally.ties ?? [],
    tieAtCut: stored?.tally.tieAtCut ?? false,
  };
}
