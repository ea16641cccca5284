/**
 * Score sheets (RULES §6): 文明服务标兵 10 items × 10 points (001:L261–281), 廉洁行医标兵 4 × 10 +
 * 4 × 15 (001:L283–299). Whole points from 0 to the item's maximum; an entry above the maximum, an
 * unknown or repeated item is refused, naming the item.
 */
import type { Fraction, ScoreItem } from './types.js';

export type SheetProblem = { code: 'item_unknown' | 'item_repeated' | 'points_above_max' | 'points_invalid'; item: string; max?: number };

/** The problems of a sheet (empty: valid). Items left out count 0. */
export function checkScoreSheet(items: readonly ScoreItem[], entries: readonly { code: string; points: number }[]): SheetProblem[] {
  const byCode = new Map(items.map((i) => [i.code, i]));
  const seen = new Set<string>();
  const problems: SheetProblem[] = [];
  for (const e of entries) {
    const item = byCode.get(e.code);
    if (!item) problems.push({ code: 'item_unknown', item: e.code });
    else if (seen.has(e.code)) problems.push({ code: 'item_repeated', item: e.code });
    else if (!Number.isInteger(e.points) || e.points < 0) problems.push({ code: 'points_invalid', item: e.code, max: item.max });
    else if (e.points > item.max) problems.push({ code: 'points_above_max', item: e.code, max: item.max });
    seen.add(e.code);
  }
  return problems;
}

/** The total of a valid sheet. */
export function sheetTotal(entries: readonly { points: number }[]): number {
  return entries.reduce((a, e) => a + e.points, 0);
}

/** The maximum total of a sheet (100 for both seed sheets). */
export function sheetMaximum(items: readonly ScoreItem[]): number {
  return items.reduce((a, i) => a + i.max, 0);
}

/** A candidate's score: the mean of the scorers' totals as an exact fraction (null: no sheet). */
export function meanScore(totals: readonly number[]): Fraction | null {
  return totals.length ? { numerator: totals.reduce((a, t) => a + t, 0), denominator: totals.length } : null;
}

/** A fraction as a decimal with two places, for display. */
export function fractionValue(f: Fraction | null): number | null {
  return f && f.denominator > 0 ? Math.round((f.numerator * 100) / f.denominator) / 100 : null;
}
