import type { Bilingual } from '../../app/api';
import { paths, type ApiPath } from '../../app/paths';

/** Shapes of GET /api/v1/dashboard (src/modules/dashboard/view.ts); only what the screen uses. */
export interface Figure {
  value: number;
  link: string;
}

export interface RateFigure {
  value: number | null;
  numerator: number;
  denominator: number;
  link: string;
}

export interface Change {
  current: number | null;
  previous: number | null;
  delta: number | null;
  direction: 'up' | 'down' | 'same' | null;
}

export interface ThresholdBreach {
  thresholdId: string;
  label: Bilingual;
  metric: string;
  op: string;
  value: number;
  kind: 'target' | 'trigger';
  action: string;
  source: string | null;
  subject: { type: 'organisation' | 'window' | 'unit' | 'staff'; id: string; name: string };
  actual: number | null;
  pass: boolean | null;
  breached: boolean;
  link: string;
}

export interface RankedWindow {
  rank: number | null;
  of: number;
  unitId: string;
  code: string;
  name: string;
  ratings: Figure;
  satisfactionRate: RateFigure;
  atBottom: boolean;
  atBottomLastMonth: boolean;
  talkRequired: boolean;
}

export interface Dashboard {
  organisation: { id: string; name: string; code?: string };
  month: string;
  from: string;
  to: string;
  generatedAt: string;
  scope: { unitId: string; unitCode: string; unitName: string } | null;
  definitions: Record<string, string>;
  complaints: {
    received: Figure;
    byCategory: { code: string | null; label: Bilingual; value: number; link: string }[];
    byUnit: { unitId: string | null; unitName: string; value: number; link: string }[];
    replyOnTime: RateFigure;
    repliesLate: Figure;
    overdue: Figure;
    severelyOverdue: Figure;
  };
  negative: {
    count: Figure;
    rectifications: { total: Figure; byStatus: { status: string; label: Bilingual; value: number; link: string }[] };
  };
  ratings: {
    counts: Record<string, number>;
    ratings: Figure;
    excluded: Figure;
    served: Figure | null;
    ratingRate: RateFigure;
    satisfactionRate: RateFigure;
    negativeRate: RateFigure;
    basicSatisfiedCounts: boolean;
  };
  thresholds: { checked: number; passed: number; breaches: ThresholdBreach[] };
  trend: { month: string; complaintsReceived: Figure; replyOnTime: RateFigure; satisfactionRate: RateFigure }[];
  ranking: { windows: RankedWindow[]; talks: RankedWindow[] };
  changes: Record<'complaintsReceived' | 'replyOnTime' | 'satisfactionRate' | 'ratingRate' | 'negativeRate' | 'negativeCount', Change>;
}

export interface DailyBulletin {
  date: string;
  visits: Figure & { recorded: boolean };
  ratings: Figure;
  satisfactionRate: { value: number | null; link: string };
  negative: Figure;
  complaintsReceived: Figure;
  complaintsClosed: Figure;
  repliesMissed: Figure;
  overdueNow: Figure;
  severelyOverdueNow: Figure;
  /** Windows below the pack's rating-rate rule that day (003:L330). */
  lowRatingRate: { rule: { op: string; value: number; source: string | null } | null; windows: { unitId: string; name: string; ratings: number; served: number; ratingRate: number | null; link: string }[] };
  [key: string]: unknown;
}

function build(path: string, params: Record<string, string | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/**
 * Turns an API `link` of a dashboard figure into a screen of the app:
 * - /api/v1/dashboard/records?metric=… → the records page with the same conditions (its total is the figure);
 * - /api/v1/cases?… → the case inbox with the same filters (overdue now);
 * - /api/v1/stats/ratings?from&to&unitId&groupBy → the ratings statistics of that month.
 */
export function appRoute(link: string): string {
  const url = new URL(link, 'http://x');
  const p = url.searchParams;
  if (url.pathname === paths.dashboard.records) return `/dashboard/records${url.search}`;
  if (url.pathname === paths.cases.list) {
    return build('/cases', { type: p.get('type'), status: p.get('status'), unitId: p.get('unitId'), overdue: p.get('overdue') });
  }
  if (url.pathname === paths.ratings.stats) {
    const from = p.get('from') ?? '';
    const groupBy = p.get('groupBy');
    return build('/ratings', { month: from.slice(0, 7), from, to: p.get('to'), unitId: p.get('unitId'), staffId: p.get('staffId'), view: groupBy === 'month' ? null : groupBy });
  }
  return '/';
}

export const pctText = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v.toFixed(2)}%`);

export const opSymbol: Record<string, string> = { gte: '≥', gt: '>', lte: '≤', lt: '<', eq: '=' };

/** Downloads a GET answer as a file; errors come back as the server's JSON message. */
export async function downloadFile(path: ApiPath, fallbackName: string): Promise<{ name: string; size: number }> {
  const res = await fetch(path, { credentials: 'same-origin' });
  if (!res.ok) {
    let messages: Bilingual = { zh: `下载失败（${res.status}）`, en: `Download failed (${res.status})` };
    try {
      const body = (await res.json()) as { error?: { messages?: Bilingual } };
      if (body.error?.messages) messages = body.error.messages;
    } catch {
      // not JSON: keep the generic message
    }
    const { ApiError } = await import('../../app/api');
    throw new ApiError(res.status, 'download_failed', messages, null);
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  // RFC 5987's exact (Chinese) name first; the plain filename is the server's ASCII fallback.
  const exact = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="([^"]+)"/i.exec(disposition);
  const name = exact ? decodeURIComponent(exact[1]) : plain ? plain[1] : fallbackName;
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return { name, size: blob.size };
}
