import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';

export type GroupBy = 'unit' | 'staff' | 'month' | 'none';

export interface ThresholdResult {
  id: string;
  metric: string;
  op: 'gte' | 'gt' | 'lte' | 'lt';
  value: number;
  source: string | null;
  pass: boolean | null;
}

export interface StatGroup {
  key: string;
  counts: Record<'1' | '2' | '3' | '4' | '5', number>;
  excluded: number;
  ratings: number;
  served: number | null;
  /** Percentages (95.5 = 95.5 %), null without a denominator. */
  ratingRate: number | null;
  satisfactionRate: number | null;
  positiveRate: number | null;
  negativeRate: number | null;
  thresholds: ThresholdResult[];
}

export interface RatingStats {
  from: string;
  to: string;
  groupBy: GroupBy;
  basicSatisfiedCounts: boolean;
  groups: StatGroup[];
}

export const levels = [5, 4, 3, 2, 1] as const;

export function useRatingStats(query: { from: string; to: string; groupBy: GroupBy; unitId?: string; staffId?: string }, enabled = true) {
  return useQuery({
    queryKey: ['ratings', 'stats', query],
    queryFn: () => api.get<RatingStats>('/api/v1/stats/ratings', query),
    enabled,
  });
}

export const opSymbols: Record<ThresholdResult['op'], string> = { gte: '≥', gt: '>', lte: '≤', lt: '<' };

export const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v.toFixed(v % 1 === 0 ? 0 : 1)}%`);
