/**
 * What the public board shows of awards: the rounds in their publicity (links to each 公示 page)
 * and the 光荣榜 — the announced winners of the last twelve months, grouped by round.
 */
import type { AppContext } from '../../shared/context.js';
import { findAwardType } from '../../policy/index.js';
import { policyForOrganisation } from '../policy/service.js';
import { publicHonourRoll } from './honours.js';
import type { HonourRollEntry, PublicRound } from './public-page.js';
import * as repo from './repository.js';

export interface BoardAwards {
  publicity: Pick<PublicRound, 'id' | 'awardName' | 'period'>[];
  honourRoll: HonourRollEntry[];
}

export async function boardAwards(ctx: AppContext, org: { id: string; code: string }): Promise<BoardAwards> {
  const [pack, rounds, roll] = await Promise.all([policyForOrganisation(ctx, org.id), repo.findRounds(ctx.db.kysely, { orgId: org.id, state: 'publicity' }), publicHonourRoll(ctx, org.code)]);
  const now = ctx.clock.now();
  const publicity = rounds
    .filter((r) => r.publicity_ends_at !== null && now < Number(r.publicity_ends_at))
    .map((r) => ({ id: r.id, awardName: findAwardType(pack, r.award_type)?.name ?? { zh: r.award_type, en: r.award_type }, period: r.period }));
  const byRound = new Map<string, HonourRollEntry>();
  for (const w of roll.winners) {
    const entry = byRound.get(w.roundId) ?? { awardName: w.awardName, period: w.period, winners: [] };
    entry.winners.push({ name: w.name, unitName: w.subject === 'person' ? w.unitName : null });
    byRound.set(w.roundId, entry);
  }
  return { publicity, honourRoll: [...byRound.values()] };
}
