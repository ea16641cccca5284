/**
 * Rates, thresholds and NPS (RULES §3). Pure: counts in, rates out. Rates are exact fractions
 * (numerator, denominator) so that boundaries like "≥ 90 %" are decided without float error.
 */

/** Ratings per level, e.g. { 5: 3, 4: 2, 3: 1, 2: 0, 1: 1 }. */
export type LevelCounts = Readonly<Record<number, number>>;

export interface Rate {
  numerator: number;
  denominator: number;
  /** numerator ÷ denominator, or null when there is nothing to divide by. */
  value: number | null;
}

export function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, value: denominator > 0 ? numerator / denominator : null };
}

export function totalOf(counts: LevelCounts): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

function sumLevels(counts: LevelCounts, levels: readonly number[]): number {
  return levels.reduce((acc, l) => acc + (counts[l] ?? 0), 0);
}

export interface SatisfactionOptions {
  /** Levels that count as satisfied: 非常满意 + 满意, plus 基本满意 when the pack says so. */
  satisfiedLevels: readonly number[];
  /** The 差评 levels (the bottom two by default). */
  negativeLevels: readonly number[];
  /** The levels that count as positive (非常满意 + 满意). */
  positiveLevels: readonly number[];
}

/**
 * Which levels count as satisfied, positive and negative. Defaults: the five-level scale
 * 5 非常满意 … 1 非常不满意, positive 5 and 4, negative 2 and 1. Satisfied = the positive levels,
 * or — when 基本满意 counts — every level that is not negative (5, 4 and 3 by default).
 */
export function satisfactionOptions(options: {
  basicSatisfiedCounts: boolean;
  negativeLevels?: readonly number[];
  positiveLevels?: readonly number[];
  /** Every level of the scale (default 5…1). */
  levels?: readonly number[];
}): SatisfactionOptions {
  const levels = options.levels ?? [5, 4, 3, 2, 1];
  const positiveLevels = [...(options.positiveLevels ?? [5, 4])];
  const negativeLevels = [...(options.negativeLevels ?? [1, 2])];
  return {
    satisfiedLevels: options.basicSatisfiedCounts ? levels.filter((l) => !negativeLevels.includes(l)) : positiveLevels,
    positiveLevels,
    negativeLevels,
  };
}

export interface RatingRates {
  ratings: number;
  served: number | null;
  /** 参评率: ratings ÷ clients served (001:L155). */
  ratingRate: Rate | null;
  /** 满意率: satisfied ÷ valid ratings. */
  satisfactionRate: Rate;
  positiveRate: Rate;
  negativeRate: Rate;
}

export function ratingRates(counts: LevelCounts, served: number | null, options: SatisfactionOptions): RatingRates {
  const ratings = totalOf(counts);
  return {
    ratings,
    served,
    ratingRate: served === null ? null : rate(ratings, served),
    satisfactionRate: rate(sumLevels(counts, options.satisfiedLevels), ratings),
    positiveRate: rate(sumLevels(counts, options.positiveLevels), ratings),
    negativeRate: rate(sumLevels(counts, options.negativeLevels), ratings),
  };
}

export type ThresholdOp = 'gte' | 'gt' | 'lte' | 'lt';

/**
 * Whether a rate meets `op value`. RULES §3: "以上 / 不低于" are inclusive (gte), "低于" strict (lt).
 * Decided on integers: n/d ≥ v ⇔ n·10⁶ ≥ round(v·10⁶)·d, so 0.9 and 9/10 compare equal.
 * A rate with nothing to divide by meets nothing (null).
 */
export function meetsThreshold(r: Rate, op: ThresholdOp, value: number): boolean | null {
  if (r.denominator <= 0) return null;
  const scale = 1_000_000;
  return compareBy(op, r.numerator * scale, Math.round(value * scale) * r.denominator);
}

/** `left op right` for one of the threshold operators. */
export function compareBy(op: ThresholdOp, left: number, right: number): boolean {
  switch (op) {
    case 'gte':
      return left >= right;
    case 'gt':
      return left > right;
    case 'lte':
      return left <= right;
    case 'lt':
      return left < right;
  }
}

/** A rate as a percentage with two decimals (71.43), or null. */
export function percent(r: Rate | null): number | null {
  if (!r || r.value === null) return null;
  return Math.round(r.value * 10_000) / 100;
}

export interface NpsResult {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** −100…+100: % promoters (9–10) − % detractors (0–6). */
  score: number | null;
  /** Fewer answers than the minimum (the pack's, 30 by default after ANCHORS.md): the score is shown but flagged. */
  smallSample: boolean;
}

export function netPromoterScore(answers: Readonly<Record<number, number>>, minSample = 30): NpsResult {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const [k, n] of Object.entries(answers)) {
    const score = Number(k);
    if (!Number.isInteger(score) || score < 0 || score > 10) continue;
    if (score >= 9) promoters += n;
    else if (score >= 7) passives += n;
    else detractors += n;
  }
  const responses = promoters + passives + detractors;
  return {
    responses,
    promoters,
    passives,
    detractors,
    score: responses ? Math.round(((promoters - detractors) / responses) * 1000) / 10 : null,
    smallSample: responses < minSample,
  };
}
