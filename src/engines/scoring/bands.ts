/**
 * Score bands of a round and a year (RULES §4; 003:L341, L343): in a round, a unit scoring at
 * least the reward line ("90分(含)以上") and ranked within the top N is rewarded; below the docked
 * line ("低于85分") its performance pay is docked, below the second line ("低于80分") docked more.
 * In a year, an average at least the line and a rank within the top M make an 优秀网点. Ranks are
 * competition ranks (1, 2, 2, 4): units that tie share a rank, so a tie at 5th is in the top 5.
 * Pure; scores in whole thousandths, compared exactly.
 */

export interface BandRule {
  rewardAtLeast: number;
  rewardTop: number;
  excellentAtLeast: number;
  excellentTop: number;
  dockedBelow: number;
  dockedMoreBelow: number;
}

export type RoundBand = 'reward' | 'docked' | 'docked_more' | null;

export interface Ranked<B> {
  unitId: string;
  scoreMilli: number;
  rank: number;
  band: B;
}

const milli = (points: number) => Math.round(points * 1000);

/** Competition ranks by score, highest first; ties keep input order among themselves. */
export function rankByScore<T extends { unitId: string; scoreMilli: number }>(results: readonly T[]): (T & { rank: number })[] {
  const sorted = results.map((r, i) => ({ r, i })).sort((a, b) => b.r.scoreMilli - a.r.scoreMilli || a.i - b.i);
  let rank = 0;
  return sorted.map(({ r }, n) => {
    if (n === 0 || r.scoreMilli !== sorted[n - 1].r.scoreMilli) rank = n + 1;
    return { ...r, rank };
  });
}

/** One round's results (one score per unit, on the full-mark-100 scale) with their bands. */
export function roundBands(rule: BandRule, results: readonly { unitId: string; scoreMilli: number }[]): Ranked<RoundBand>[] {
  const reward = milli(rule.rewardAtLeast);
  const docked = milli(rule.dockedBelow);
  const dockedMore = milli(rule.dockedMoreBelow);
  return rankByScore(results).map((r) => ({
    unitId: r.unitId,
    scoreMilli: r.scoreMilli,
    rank: r.rank,
    band: r.scoreMilli >= reward && r.rank <= rule.rewardTop ? 'reward' : r.scoreMilli < dockedMore ? 'docked_more' : r.scoreMilli < docked ? 'docked' : null,
  }));
}

/** A year's averages (one per unit): 优秀网点 for an average at least the line and a rank within the top M. */
export function annualBands(rule: BandRule, averages: readonly { unitId: string; scoreMilli: number }[]): Ranked<'excellent' | null>[] {
  const line = milli(rule.excellentAtLeast);
  return rankByScore(averages).map((r) => ({ unitId: r.unitId, scoreMilli: r.scoreMilli, rank: r.rank, band: r.scoreMilli >= line && r.rank <= rule.excellentTop ? 'excellent' : null }));
}

/**
 * The bottom groups of a round (排名后三名一级支行, 003:L298): each group's average of its units'
 * scores (floored to the thousandth), lowest first; ties at the cut are named too.
 */
export function bottomGroups(results: readonly { groupId: string; scoreMilli: number }[], n: number): { groupId: string; averageMilli: number; units: number }[] {
  const sums = new Map<string, { total: number; units: number }>();
  for (const r of results) {
    const s = sums.get(r.groupId) ?? { total: 0, units: 0 };
    s.total += r.scoreMilli;
    s.units++;
    sums.set(r.groupId, s);
  }
  const averages = [...sums].map(([groupId, s]) => ({ groupId, averageMilli: Math.floor(s.total / s.units), units: s.units })).sort((a, b) => a.averageMilli - b.averageMilli);
  if (n <= 0 || averages.length === 0) return [];
  const cut = averages[Math.min(n, averages.length) - 1].averageMilli;
  return averages.filter((a) => a.averageMilli <= cut);
}
