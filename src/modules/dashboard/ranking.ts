import type { Rate } from '../../engines/metrics/index.js';
import { compareRates } from './figures.js';

/** Windows are the units the public rates at a counter (RULES §3; ratings/qr-sheet.ts). */
export const windowKinds: ReadonlySet<string> = new Set(['window', 'outlet']);

export interface WindowScore {
  unitId: string;
  code: string;
  name: string;
  ratings: number;
  satisfaction: Rate;
}

export interface RankedWindow extends WindowScore {
  /** Competition rank (1, 2, 2, 4…) by satisfaction; null without a valid rating. */
  rank: number | null;
  atBottom: boolean;
}

/**
 * 窗口满意度排名: best first by satisfaction (exact fractions), ties share a rank; more ratings
 * first among ties, then by code. "At the bottom" = the lowest satisfaction among rated windows,
 * ties included — only when at least two windows are rated and they do not all tie.
 */
export function rankWindows(windows: WindowScore[]): RankedWindow[] {
  const rated = windows.filter((w) => w.satisfaction.denominator > 0);
  const unrated = windows.filter((w) => w.satisfaction.denominator === 0);
  rated.sort((a, b) => compareRates(b.satisfaction, a.satisfaction) || b.ratings - a.ratings || a.code.localeCompare(b.code));
  const lowest = rated.at(-1);
  const highest = rated[0];
  const someoneIsLower = rated.length >= 2 && !!lowest && !!highest && compareRates(highest.satisfaction, lowest.satisfaction) > 0;
  const out: RankedWindow[] = [];
  rated.forEach((w, i) => {
    const tiedWithPrevious = i > 0 && compareRates(w.satisfaction, rated[i - 1].satisfaction) === 0;
    const rank = tiedWithPrevious ? out[i - 1].rank : i + 1;
    out.push({ ...w, rank, atBottom: someoneIsLower && compareRates(w.satisfaction, lowest!.satisfaction) === 0 });
  });
  for (const w of unrated.sort((a, b) => a.code.localeCompare(b.code))) out.push({ ...w, rank: null, atBottom: false });
  return out;
}
