/**
 * Where each figure comes from: a URL of the API that lists the records behind it. Month-bound
 * case figures point at /api/v1/dashboard/records (same filters as the aggregate, so its `total`
 * is the figure); "now" figures at /api/v1/cases; rating figures at /api/v1/stats/ratings (the
 * rollups they are summed from).
 */
export type RecordsMetric = 'complaints_received' | 'reply_due' | 'reply_met' | 'reply_late' | 'rectifications' | 'complaints_closed';

function url(path: string, params: Record<string, string | null | undefined>): string {
  let q = '';
  for (const k in params) {
    const v = params[k];
    if (v !== null && v !== undefined && v !== '') q += `${q ? '&' : ''}${k}=${encodeURIComponent(v)}`;
  }
  return `${path}?${q}`;
}

/** Stands for "no unit" / "no category" in record filters. */
export const NONE = '_none';

export interface LinkScope {
  /** The dashboard's unitId filter (a subtree), if any. */
  unitId?: string | null;
}

export function recordsLink(metric: RecordsMetric, period: { month?: string; date?: string }, scope: LinkScope, extra: { caseUnitId?: string | null; category?: string | null; status?: string } = {}): string {
  return url('/api/v1/dashboard/records', {
    metric,
    month: period.month,
    date: period.date,
    unitId: scope.unitId,
    caseUnitId: extra.caseUnitId === undefined ? undefined : (extra.caseUnitId ?? NONE),
    category: extra.category === undefined ? undefined : (extra.category ?? NONE),
    status: extra.status,
  });
}

export function overdueLink(level: 'overdue' | 'severely_overdue', scope: LinkScope): string {
  return url('/api/v1/cases', { type: 'complaint', overdue: level, unitId: scope.unitId });
}

/**
 * Totals of a month (or a day) are asked for as groupBy=month: one group for the range, and —
 * unlike groupBy=none — it also answers on PostgreSQL (`group by 'all'` is refused there).
 */
export function ratingStatsLink(from: string, to: string, target: { unitId?: string | null; staffId?: string; groupBy?: 'unit' | 'staff' | 'month' }): string {
  return url('/api/v1/stats/ratings', { from, to, unitId: target.unitId, staffId: target.staffId, groupBy: target.groupBy ?? 'month' });
}
