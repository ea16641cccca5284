/**
 * 公布 (RULES §6): the winners — the tally's, or the leadership's choice (a leadership decision,
 * or a tie-break choice) — are announced; each winner's reward goes into the ledger (the pack's
 * sanction rule: collective 1,000 元, individual 500 元, Huizhou 200 元), and the honours follow:
 * the award itself, and the automatic ones (once → 考核优秀, twice → 先进工作者, a winning window's
 * head → 先进工作者; Huizhou's second win → recommended); the winners hear of it (winners-notice.ts).
 */
import type { AppContext, Executor } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { requireRole, type Actor } from '../../shared/access.js';
import { newId } from '../../shared/ids.js';
import { honoursForWin } from '../../engines/selection/index.js';
import { awardTypesOf, type AwardTypeInForce, type PolicyPack } from '../../policy/index.js';
import type { AwardRoundsTable, HonoursTable } from '../../db/types.js';
import { findSanctionRule } from '../../policy/index.js';
import { appendAudit } from '../audit/service.js';
import { postAwardRewards } from '../ledger/service.js';
import { nearestUnitHeadContacts } from '../users/service.js';
import type { StoredResults } from './ballots.js';
import { rewardFenOf } from './present.js';
import { notifyWinners } from './winners-notice.js';
import { getRound, loadRound, office, requireState } from './service.js';
import type { AnnounceInput } from './schema.js';
import * as repo from './repository.js';

/** The honours of one winner: the award, then the automatic honours it brings. */
async function honoursOfWinner(ctx: AppContext, trx: Executor, pack: PolicyPack, type: AwardTypeInForce, row: AwardRoundsTable, n: repo.NominationRow, at: number): Promise<HonoursTable[]> {
  const base = { org_id: row.org_id, period: row.period, year: Number(row.year), round_id: row.id, nomination_id: n.id, at };
  const award: HonoursTable = { ...base, id: newId(at), staff_id: n.staff_id, unit_id: n.staff_id ? null : n.unit_id, kind: 'award', code: type.code, name_zh: type.name.zh, name_en: type.name.en, citation: type.citation };
  await repo.insertHonours(trx, [award]);
  const out: HonoursTable[] = [award];
  const auto: HonoursTable[] = [];
  if (n.staff_id) {
    const group = awardTypesOf(pack)
      .filter((t) => t.honours.length && t.honours.map((h) => h.code).join() === type.honours.map((h) => h.code).join())
      .map((t) => t.code);
    const wins = await repo.countAwardWins(trx, { orgId: row.org_id, staffId: n.staff_id, year: Number(row.year), codes: group });
    for (const h of honoursForWin(type.honours, { winsInYear: wins, unitHead: false })) auto.push({ ...base, id: newId(at), staff_id: n.staff_id, unit_id: null, kind: 'honour', code: h.code, name_zh: h.name.zh, name_en: h.name.en, citation: h.citation });
  } else if (type.honours.some((h) => h.unitHead)) {
    const heads = (await nearestUnitHeadContacts(ctx, row.org_id, n.unit_path, trx)).flatMap((h) => (h.staffId ? [h.staffId] : []));
    for (const staffId of new Set(heads)) {
      for (const h of honoursForWin(type.honours, { winsInYear: 0, unitHead: true })) auto.push({ ...base, id: newId(at), staff_id: staffId, unit_id: null, kind: 'honour', code: h.code, name_zh: h.name.zh, name_en: h.name.en, citation: h.citation });
    }
  }
  await repo.insertHonours(trx, auto);
  return [...out, ...auto];
}

export async function announceRound(ctx: AppContext, actor: Actor, id: string, input: AnnounceInput) {
  requireRole(actor, office);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { row, pack, type } = await loadRound(ctx, trx, actor, id, true);
    requireState(row, ['closed', 'deciding']);
    if (row.version !== input.version) throw new AppError('version_conflict', { details: { current: row.version } });
    const candidates = await repo.findNominations(trx, row.id, ['candidate']);
    const byId = new Map(candidates.map((c) => [c.id, c]));
    let winners: string[];
    if (input.winners) {
      winners = [...new Set(input.winners)];
      const strangers = winners.filter((w) => !byId.has(w));
      if (strangers.length || winners.length !== input.winners.length) throw new AppError('winners_invalid', { details: { notCandidates: strangers } });
      if (type.seats && winners.length > type.seats.max) throw new AppError('winners_invalid', { details: { seats: type.seats, given: winners.length } });
    } else if (row.state === 'closed' && row.results) {
      winners = (JSON.parse(row.results) as StoredResults).tally.ranked.filter((r) => r.winner).map((r) => r.id);
    } else {
      throw new AppError('winners_invalid', { details: { reason: 'the leadership names the winners' } });
    }
    const now = ctx.clock.now();
    for (const w of winners) await repo.updateNomination(trx, w, { state: 'winner', updated_at: now });
    const honours: HonoursTable[] = [];
    for (const w of winners) honours.push(...(await honoursOfWinner(ctx, trx, pack, type, row, byId.get(w)!, now)));
    const amountFen = rewardFenOf(pack, type);
    if (type.rewardRule && amountFen > 0) {
      const rule = findSanctionRule(pack, type.rewardRule);
      const citation = rule?.values.find((v) => v.path === 'amountFen')?.source ?? type.citation;
      await postAwardRewards(
        ctx,
        trx,
        actor,
        winners.map((w) => {
          const n = byId.get(w)!;
          return {
            orgId: row.org_id,
            nominationId: n.id,
            staffId: n.staff_id,
            unitId: n.staff_id ? null : n.unit_id,
            amountFen,
            outcomes: ['notice_praise'],
            ruleCode: type.rewardRule!,
            citation,
            summary: `${type.name.zh}（${row.period}）：${n.staff_name ?? n.unit_name}`,
            awardedAt: now,
          };
        }),
      );
    }
    if (!(await repo.updateRoundIfVersion(trx, row.id, input.version, { state: 'announced', announced_at: now, updated_at: now }))) throw new AppError('version_conflict');
    await notifyWinners(ctx, trx, row, type, winners.map((w) => byId.get(w)!));
    await appendAudit(ctx, trx, actor, { action: 'announce', entity: 'award_round', entityId: row.id, before: { state: row.state }, after: { state: 'announced', winners, honours: honours.map((h) => ({ code: h.code, staffId: h.staff_id, unitId: h.unit_id })), rewardFen: amountFen } });
  });
  return getRound(ctx, actor, id);
}
