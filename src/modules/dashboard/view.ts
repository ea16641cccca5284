import { percent, ratingRates, type Rate, type RatingRates, type SatisfactionOptions } from '../../engines/metrics/index.js';
import type { RatingThreshold } from '../../policy/index.js';
import { rectificationWorkflow } from '../rectifications/index.js';
import { inScope, replyOnTimeRate, scoped, totalsOf, unitMonthsInScope, type UnitMonth } from './figures.js';
import { overdueLink, ratingStatsLink, recordsLink, type LinkScope } from './links.js';
import { monthPeriod, shiftMonth } from '../../shared/months.js';
import { rankWindows, windowKinds, type RankedWindow } from './ranking.js';
import { checkThresholds, type Subject } from './thresholds.js';
import type { DashboardData } from './service.js';

export interface Figure {
  value: number;
  link: string;
}

/** A rate as a percentage with two decimals (71.43), with its exact fraction. */
export interface RateFigure {
  value: number | null;
  numerator: number;
  denominator: number;
  link: string;
}

export interface Change {
  current: number | null;
  previous: number | null;
  /** current − previous (percentage points for rates), two decimals; null when either is missing. */
  delta: number | null;
  direction: 'up' | 'down' | 'same' | null;
}

export const rectificationStatuses = ['open', 'called_back', 'rectified', 'appealed', 'closed'] as const;

export const definitions = {
  complaintsReceived: '投诉受理量: complaints (type complaint) whose receipt instant lies in the month (local time of the pack).',
  replyOnTime:
    '按时答复率: among complaints whose reply clock is due in the month and decided (stopped, or past its due instant), the share whose clock stopped at or before the due instant (002:L103 reply deadline). Replies still running and not yet due are not counted.',
  overdue: '超期 / 严重超期: complaints whose reply clock is running now past its due instant / past its severely-overdue instant (cases/view.ts badges).',
  negative: '差评: valid ratings at the pack\'s negative levels (bottom two, RULES §3) in the month, from the rollups; appeals upheld are excluded.',
  rectifications: '差评整改: rectification cases opened by the month\'s 差评, by their current status.',
  ratings: '评价率 = ratings ÷ clients served (001:L155); 满意率 = satisfied ÷ valid ratings; 差评率 = 差评 ÷ valid ratings — from the daily rollups, never the raw ratings.',
  ranking: '窗口排名: windows (unit kind window/outlet) by satisfaction; at the bottom = lowest satisfaction among rated windows; at the bottom for the pack\'s number of months running (ratings.talkAfterMonthsAtBottom, two by default) → 约谈 (ANCHORS.md, 好差评 local practice).',
} as const;

function rateFigure(r: Rate | null, link: string): RateFigure {
  return { value: percent(r), numerator: r?.numerator ?? 0, denominator: r?.denominator ?? 0, link };
}

export function change(current: number | null, previous: number | null): Change {
  if (current === null || previous === null) return { current, previous, delta: null, direction: null };
  const delta = Math.round((current - previous) * 100) / 100;
  return { current, previous, delta, direction: delta > 0 ? 'up' : delta < 0 ? 'down' : 'same' };
}

interface PresentOptions {
  options: SatisfactionOptions;
  levels: { value: number; zh: string; en: string }[];
  negativeLevels: number[];
  basicSatisfiedCounts: boolean;
  thresholds: RatingThreshold[];
  /** 约谈 after this many months running at the bottom (the pack's ratings.talkAfterMonthsAtBottom). */
  talkAfterMonths: number;
  allChecks?: boolean;
}

export function presentDashboard(d: DashboardData, o: PresentOptions) {
  const month = d.period.key;
  const prefix = d.scope.prefix;
  const scope: LinkScope = { unitId: d.scope.unit?.id ?? null };
  const unitById = new Map(d.units.map((u) => [u.id, u]));
  const unitName = (id: string | null) => (id ? (unitById.get(id)?.name ?? id) : '未指定单位');
  const negativeOf = (c: Record<number, number>) => o.negativeLevels.reduce((a, l) => a + (c[l] ?? 0), 0);
  const statsLink = (p: { from: string; to: string }, unitId = scope.unitId, groupBy: 'month' | 'unit' = 'month') => ratingStatsLink(p.from, p.to, { unitId, groupBy });

  // Headline figures of a month in scope (the current month, last month, each trend point).
  const headline = (m: string, units: UnitMonth[]) => {
    const p = monthPeriod(m, d.offset);
    const t = totalsOf(unitMonthsInScope(units, prefix));
    const rates = ratingRates(t.counts, t.served, o.options);
    return {
      month: m,
      totals: t,
      rates,
      complaintsReceived: { value: t.received, link: recordsLink('complaints_received', { month: m }, scope) } as Figure,
      replyOnTime: rateFigure(replyOnTimeRate(t), recordsLink('reply_due', { month: m }, scope)),
      satisfactionRate: rateFigure(rates.satisfactionRate, statsLink(p)),
      ratingRate: rateFigure(rates.ratingRate, statsLink(p)),
      negativeRate: rateFigure(rates.negativeRate, statsLink(p)),
      negativeCount: { value: negativeOf(t.counts), link: statsLink(p) } as Figure,
    };
  };
  const current = headline(month, d.months.get(month) ?? []);
  const previous = headline(d.previous.key, d.months.get(d.previous.key) ?? []);

  // Complaints.
  const received = scoped(d.received, prefix);
  const byCategory = new Map<string | null, number>();
  const byUnit = new Map<string | null, number>();
  for (const r of received) {
    byCategory.set(r.category, (byCategory.get(r.category) ?? 0) + r.n);
    byUnit.set(r.unit_id, (byUnit.get(r.unit_id) ?? 0) + r.n);
  }
  const categoryLabel = (code: string | null) => {
    const c = d.categories.find((x) => x.code === code);
    return c ? { zh: c.zh, en: c.en } : code ? { zh: code, en: code } : { zh: '未分类', en: 'Uncategorised' };
  };
  const overdue = scoped(d.overdue, prefix).reduce((a, r) => ({ overdue: a.overdue + r.overdue, severe: a.severe + r.severe }), { overdue: 0, severe: 0 });
  const t = current.totals;

  // 差评 handling.
  const rect = scoped(d.rectifications, prefix);
  const rectTotal = rect.reduce((a, r) => a + r.n, 0);
  const byStatus = rectificationStatuses.map((status) => ({
    status,
    label: rectificationWorkflow.states[status]?.label ?? { zh: status, en: status },
    value: rect.filter((r) => r.status === status).reduce((a, r) => a + r.n, 0),
    link: recordsLink('rectifications', { month }, scope, { status }),
  }));

  // Per-unit rating figures of this month and last (units by id; a window's rows may carry old paths).
  const perUnit = (units: UnitMonth[]) => {
    const m = new Map<string, UnitMonth[]>();
    for (const u of units) if (u.unitId) m.set(u.unitId, [...(m.get(u.unitId) ?? []), u]);
    return new Map([...m].map(([id, rows]) => [id, totalsOf(rows)]));
  };
  const thisMonthUnits = perUnit(d.months.get(month) ?? []);
  const lastMonthUnits = perUnit(d.months.get(d.previous.key) ?? []);
  const unitRates = (totals: ReturnType<typeof totalsOf> | undefined): RatingRates => ratingRates(totals?.counts ?? { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }, totals?.served ?? null, o.options);

  // Window ranking, organisation-wide (the 约谈 rule compares all windows); listed for the scope.
  const windows = d.units.filter((u) => windowKinds.has(u.kind));
  const rank = (figures: Map<string, ReturnType<typeof totalsOf>>) =>
    rankWindows(windows.map((w) => {
      const r = unitRates(figures.get(w.id));
      return { unitId: w.id, code: w.code, name: w.name, ratings: r.ratings, satisfaction: r.satisfactionRate };
    }));
  const ranked = rank(thisMonthUnits);
  const bottomOf = (units: Map<string, ReturnType<typeof totalsOf>>) => new Set(rank(units).filter((w) => w.atBottom).map((w) => w.unitId));
  const bottomLastMonth = bottomOf(lastMonthUnits);
  // The months before this one that must also have the window at the bottom for a talk.
  const earlierBottoms = Array.from({ length: o.talkAfterMonths - 1 }, (_, i) => (i === 0 ? bottomLastMonth : bottomOf(perUnit(d.months.get(shiftMonth(month, -1 - i)) ?? []))));
  const rankedCount = ranked.filter((w) => w.rank !== null).length;
  const presentWindow = (w: RankedWindow) => ({
    rank: w.rank,
    of: rankedCount,
    unitId: w.unitId,
    code: w.code,
    name: w.name,
    ratings: { value: w.ratings, link: statsLink(d.period, w.unitId, 'unit') },
    satisfactionRate: rateFigure(w.satisfaction, statsLink(d.period, w.unitId, 'unit')),
    atBottom: w.atBottom,
    atBottomLastMonth: bottomLastMonth.has(w.unitId),
    talkRequired: w.atBottom && earlierBottoms.every((bottom) => bottom.has(w.unitId)),
  });
  const rankingInScope = ranked.filter((w) => inScope(unitById.get(w.unitId)!.path, prefix)).map(presentWindow);

  // Pack thresholds per subject in scope.
  const subjects: Subject[] = [];
  if (prefix === null) subjects.push({ type: 'organisation', id: d.org.id, name: d.org.name, rates: current.rates, link: statsLink(d.period) });
  for (const [unitId, totals] of thisMonthUnits) {
    const unit = unitById.get(unitId);
    if (!unit || !inScope(unit.path, prefix)) continue;
    subjects.push({ type: windowKinds.has(unit.kind) ? 'window' : 'unit', id: unit.id, name: unit.name, rates: unitRates(totals), link: statsLink(d.period, unit.id, 'unit') });
  }
  // Per unit (issue §1) and for the organisation; staff-scope rules are evaluated per person by the
  // rating statistics (groupBy=staff), which `staff.link` opens.
  const checks = checkThresholds(o.thresholds, subjects);

  return {
    organisation: d.org,
    month,
    from: d.period.from,
    to: d.period.to,
    generatedAt: new Date(d.now).toISOString(),
    scope: d.scope.unit ? { unitId: d.scope.unit.id, unitCode: d.scope.unit.code, unitName: d.scope.unit.name } : null,
    definitions,
    complaints: {
      received: current.complaintsReceived,
      byCategory: [...byCategory].sort((a, b) => b[1] - a[1]).map(([code, value]) => ({ code, label: categoryLabel(code), value, link: recordsLink('complaints_received', { month }, scope, { category: code }) })),
      byUnit: [...byUnit].sort((a, b) => b[1] - a[1]).map(([unitId, value]) => ({ unitId, unitName: unitName(unitId), value, link: recordsLink('complaints_received', { month }, scope, { caseUnitId: unitId }) })),
      replyOnTime: current.replyOnTime,
      repliesLate: { value: t.replyDecided - t.replyMet, link: recordsLink('reply_late', { month }, scope) } as Figure,
      overdue: { value: overdue.overdue, link: overdueLink('overdue', scope) } as Figure,
      severelyOverdue: { value: overdue.severe, link: overdueLink('severely_overdue', scope) } as Figure,
    },
    negative: {
      count: current.negativeCount,
      rectifications: { total: { value: rectTotal, link: recordsLink('rectifications', { month }, scope) } as Figure, byStatus },
    },
    ratings: {
      counts: t.counts,
      levels: o.levels.map((l) => ({ level: l.value, label: { zh: l.zh, en: l.en }, value: t.counts[l.value as 1] ?? 0, link: statsLink(d.period) })),
      ratings: { value: current.rates.ratings, link: statsLink(d.period) } as Figure,
      excluded: { value: t.excluded, link: statsLink(d.period) } as Figure,
      served: t.served === null ? null : ({ value: t.served, link: statsLink(d.period) } as Figure),
      ratingRate: current.ratingRate,
      satisfactionRate: current.satisfactionRate,
      negativeRate: current.negativeRate,
      basicSatisfiedCounts: o.basicSatisfiedCounts,
    },
    thresholds: {
      checked: checks.length,
      passed: checks.filter((c) => c.pass !== null && !c.breached).length,
      /** Every rule against every unit (and the organisation) in scope, pass/fail/null (no data): asked for with checks=all (hundreds of rows in a large hall). */
      ...(o.allChecks ? { checks } : {}),
      breaches: checks.filter((c) => c.breached),
      staff: { rules: o.thresholds.filter((r) => r.scope === 'staff').map((r) => r.id), link: ratingStatsLink(d.period.from, d.period.to, { unitId: scope.unitId, groupBy: 'staff' }) },
    },
    trend: [...d.months.keys()].sort().map((m) => {
      const h = m === month ? current : headline(m, d.months.get(m) ?? []);
      return { month: m, complaintsReceived: h.complaintsReceived, replyOnTime: h.replyOnTime, satisfactionRate: h.satisfactionRate };
    }),
    ranking: { windows: rankingInScope, talks: rankingInScope.filter((w) => w.talkRequired) },
    previous: {
      month: d.previous.key,
      complaintsReceived: previous.complaintsReceived,
      replyOnTime: previous.replyOnTime,
      satisfactionRate: previous.satisfactionRate,
      ratingRate: previous.ratingRate,
      negativeRate: previous.negativeRate,
      negativeCount: previous.negativeCount,
    },
    changes: {
      complaintsReceived: change(current.complaintsReceived.value, previous.complaintsReceived.value),
      replyOnTime: change(current.replyOnTime.value, previous.replyOnTime.value),
      satisfactionRate: change(current.satisfactionRate.value, previous.satisfactionRate.value),
      ratingRate: change(current.ratingRate.value, previous.ratingRate.value),
      negativeRate: change(current.negativeRate.value, previous.negativeRate.value),
      negativeCount: change(current.negativeCount.value, previous.negativeCount.value),
    },
  };
}
