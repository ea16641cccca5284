/**
 * Nomination quotas (RULES §6): a fixed number, a number per party branch or category from a
 * table, or a fraction of a headcount rounded (half up by default) with a minimum — all in integer
 * arithmetic, so 1/10 of 25 is 3 and 5 % of 129 is 6 exactly.
 */
import type { Nominee, QuotaLimit, QuotaRule, QuotaScope, Rounding } from './types.js';

/** ⌊n/d⌉ by the rounding, on non-negative integers, exactly. */
export function roundFraction(numerator: number, denominator: number, rounding: Rounding): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || numerator < 0 || denominator <= 0) throw new RangeError('roundFraction: non-negative integers with a positive denominator');
  const q = Math.floor(numerator / denominator);
  const r = numerator - q * denominator;
  if (rounding === 'down' || r === 0) return q;
  if (rounding === 'up') return q + 1;
  return 2 * r >= denominator ? q + 1 : q;
}

/** numerator/denominator of a headcount, rounded, never below the minimum. */
export function fractionOfHeadcount(headcount: number, limit: { numerator: number; denominator: number; minimum: number; rounding: Rounding }): number {
  if (!Number.isSafeInteger(headcount) || headcount < 0) throw new RangeError('headcount: a non-negative integer');
  return Math.max(limit.minimum, roundFraction(headcount * limit.numerator, limit.denominator, limit.rounding));
}

/** A party branch as the tables name it: 内儿党支部, 内儿支部 and 内儿 are the same branch. */
export function branchKey(name: string): string {
  return name.trim().replace(/(党)?支部$/u, '');
}

/** The rule a nominee falls under: the first whose categories include theirs (or that has none). */
export function quotaRuleOf(rules: readonly QuotaRule[], nominee: Nominee): number {
  return rules.findIndex((r) => !r.categories || (nominee.category !== null && r.categories.includes(nominee.category)));
}

/** The scope a nomination counts against, or null when no rule takes the nominee. */
export function quotaScopeOf(rules: readonly QuotaRule[], nominee: Nominee): QuotaScope | null {
  const rule = quotaRuleOf(rules, nominee);
  if (rule < 0) return null;
  const per = rules[rule].per;
  const key =
    per === 'round'
      ? 'all'
      : per === 'unit'
        ? (nominee.unitId ?? '-')
        : per === 'party_branch'
          ? branchKey(nominee.partyBranch ?? '-')
          : per === 'category'
            ? (nominee.category ?? '-')
            : `${nominee.unitId ?? '-'}|${nominee.category ?? '-'}`;
  return { key, per, rule };
}

/**
 * The limit of a scope: its count, or null for no limit. `headcount` is the scope's headcount
 * (needed by a fraction only).
 */
export function quotaLimit(limit: QuotaLimit, scope: { key: string; headcount?: number }): number | null {
  switch (limit.kind) {
    case 'unlimited':
      return null;
    case 'count':
      return limit.count;
    case 'fraction':
      return fractionOfHeadcount(scope.headcount ?? 0, limit);
    case 'table': {
      const entry = limit.entries.find((e) => branchKey(e.key) === branchKey(scope.key));
      return entry ? entry.count : (limit.otherwise ?? 0);
    }
  }
}

/** Whether one more nomination fits: `used` are the scope's current nominations. */
export function quotaAllows(limit: number | null, used: number): boolean {
  return limit === null || used < limit;
}
