import { useQuery } from '@tanstack/react-query';
import { api, type Bilingual, type Query } from '../../app/api';
import { paths } from '../../app/paths';

export type GroupBy = 'unit' | 'staff' | 'month' | 'none';

export interface ThresholdResult {
  id: string;
  label?: Bilingual;
  metric: string;
  op: 'gte' | 'gt' | 'lte' | 'lt';
  value: number;
  source: string | null;
  /** The source in words; null for the system's own defaults. */
  reference?: Bilingual | null;
  pass: boolean | null;
}

export type LevelCounts = Record<'1' | '2' | '3' | '4' | '5', number>;

/** The GB/T 39734 offline indicators: 整体满意度, 服务效率, 服务水平, 服务态度. */
export const indicatorKeys = ['overall', 'efficiency', 'competence', 'attitude'] as const;
export type IndicatorKey = (typeof indicatorKeys)[number];

export interface IndicatorSummary {
  counts: LevelCounts;
  answered: number;
  /** Mean level, 5 best; null when nobody rated it. */
  average: number | null;
}

export interface StatGroup {
  key: string;
  counts: LevelCounts;
  excluded: number;
  ratings: number;
  /** 差评 (the pack's negative levels). */
  negative: number;
  /** Fewer ratings than the pack's minimum sample. */
  smallSample: boolean;
  served: number | null;
  /** Percentages (95.5 = 95.5 %), null without a denominator. */
  ratingRate: number | null;
  satisfactionRate: number | null;
  positiveRate: number | null;
  negativeRate: number | null;
  thresholds: ThresholdResult[];
  /** Absent when asked with details=false. */
  indicators?: Record<IndicatorKey, IndicatorSummary>;
  reasons?: ({ code: string; count: number } & Bilingual)[];
}

export interface RatingStats {
  from: string;
  to: string;
  groupBy: GroupBy;
  basicSatisfiedCounts: boolean;
  minSampleSize: number;
  groups: StatGroup[];
}

/** One rating of the list (评价明细). */
export interface RatingItem {
  id: string;
  ratedAt: string;
  ratedDate: string;
  source: 'token' | 'code';
  unit: { id: string; code: string; name: string };
  staff: { id: string; name: string; badgeNo: string } | null;
  level: number;
  levelLabel: Bilingual;
  negative: boolean;
  indicators: Partial<Record<IndicatorKey, number>>;
  reasons: ({ code: string } & Bilingual)[];
  comment: string | null;
  hasContact: boolean;
  excluded: boolean;
  caseId: string | null;
}

/** Filters of the rating list, as its URL carries them (the dashboard's figures link here). */
export interface RatingListFilter extends Query {
  from: string;
  to: string;
  unitId?: string;
  staffId?: string;
  level?: number;
  negative?: 'true' | 'false';
}

export function ratingListHref(filter: RatingListFilter): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  return `/ratings/list?${params.toString()}`;
}

export const levels = [5, 4, 3, 2, 1] as const;

export function useRatingStats(query: { from: string; to: string; groupBy: GroupBy; unitId?: string; staffId?: string; details?: 'false' }, enabled = true) {
  return useQuery({
    queryKey: ['ratings', 'stats', query],
    queryFn: () => api.get<RatingStats>(paths.ratings.stats, query),
    enabled,
  });
}

export const opSymbols: Record<ThresholdResult['op'], string> = { gte: '≥', gt: '>', lte: '≤', lt: '<' };

export const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v.toFixed(v % 1 === 0 ? 0 : 1)}%`);
