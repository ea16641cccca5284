import type { LevelCountRow } from '../db/types.js';

/**
 * Ratings per level as they are stored and summed: one column per level of the five-level scale
 * (c1 = 1 非常不满意 … c5 = 5 非常满意) and the ratings an upheld appeal excluded. The rating rollups,
 * the dashboard's grouped rows and its materialised months all carry this shape (declared with the
 * tables, db/types.ts `LevelCountRow`); this is the one home of the arithmetic done on it.
 */
export const levelColumns = ['c1', 'c2', 'c3', 'c4', 'c5'] as const;
export type LevelColumn = (typeof levelColumns)[number];

export type { LevelCountRow };

/** The level columns and `excluded`, as summed in SQL. */
export const levelCountColumns = [...levelColumns, 'excluded'] as const;

/** Ratings per level value ({ 1: …, 5: … }), what the metrics engine counts. */
export type FiveLevelCounts = Record<1 | 2 | 3 | 4 | 5, number>;

export function emptyLevelCounts(): LevelCountRow {
  return { c1: 0, c2: 0, c3: 0, c4: 0, c5: 0, excluded: 0 };
}

/** Adds `from`'s counts into `into`. */
export function addLevelCounts(into: LevelCountRow, from: LevelCountRow): void {
  into.c1 += from.c1;
  into.c2 += from.c2;
  into.c3 += from.c3;
  into.c4 += from.c4;
  into.c5 += from.c5;
  into.excluded += from.excluded;
}

const num = (v: unknown) => Number(v ?? 0);

/**
 * The counts of a row, copied: a row read from the database (drivers may hand back strings or
 * bigints; a sum over no rows is null) or one already in memory.
 */
export function levelCountsOf(r: Record<LevelColumn | 'excluded', unknown>): LevelCountRow {
  return { c1: num(r.c1), c2: num(r.c2), c3: num(r.c3), c4: num(r.c4), c5: num(r.c5), excluded: num(r.excluded) };
}

/** Per level value, for the metrics engine. */
export function countsByLevel(r: Record<LevelColumn, unknown>): FiveLevelCounts {
  return { 1: num(r.c1), 2: num(r.c2), 3: num(r.c3), 4: num(r.c4), 5: num(r.c5) };
}

/** Valid ratings (every level; the excluded are not among them). */
export function ratingsOf(r: Pick<LevelCountRow, LevelColumn>): number {
  return r.c1 + r.c2 + r.c3 + r.c4 + r.c5;
}
