import type { AppContext } from '../../shared/context.js';
import { ratingsOf } from '../../shared/level-counts.js';
import { meetsThreshold, percent, rate, ratingRates } from '../../engines/metrics/index.js';
import { businessHoursOf, ratingSettings, ratingThresholds } from '../../policy/index.js';
import { policyForOrganisation } from '../policy/service.js';
import { mergeUnitMonths, scoped, totalsOf, unitMonthsInScope } from './figures.js';
import { overdueLink, ratingStatsLink, recordsLink } from './links.js';
import { dayPeriod } from '../../shared/months.js';
import type { DashboardScope } from './service.js';
import * as repo from './repository.js';

/**
 * 每日来访投诉通报 (002:L108) figures for one local day and scope: visits (served counts), ratings
 * and 差评 (rollups), complaints received, closed and whose reply deadline fell that day and was
 * missed, and complaints overdue now. The same queries as the month view, over one day.
 */
export async function dailyFigures(ctx: AppContext, orgId: string, scope: DashboardScope, date: string) {
  const db = ctx.db.kysely;
  const pack = await policyForOrganisation(ctx, orgId);
  const settings = ratingSettings(pack);
  const day = dayPeriod(date, businessHoursOf(pack).utcOffsetMinutes);
  const now = ctx.clock.now();
  const [received, closed, reply, rollups, served, overdue] = await Promise.all([
    repo.complaintsReceived(db, orgId, day.start, day.end),
    repo.complaintsClosed(db, orgId, day.start, day.end),
    repo.replyDeadlines(db, orgId, day.start, day.end, now),
    repo.rollupsByUnit(db, orgId, day.from, day.to),
    repo.servedByUnit(db, orgId, day.from, day.to),
    repo.overdueNow(db, orgId, now, { dialect: ctx.db.dialect }),
  ]);
  const perUnit = unitMonthsInScope(mergeUnitMonths({ received, reply, rollups, served }), scope.prefix);
  const t = totalsOf(perUnit);
  const rates = ratingRates(t.counts, t.served, settings.satisfaction);
  const link = { unitId: scope.unit?.id ?? null };
  const stats = ratingStatsLink(date, date, { unitId: link.unitId });
  const open = scoped(overdue, scope.prefix).reduce((a, r) => ({ overdue: a.overdue + r.overdue, severe: a.severe + r.severe }), { overdue: 0, severe: 0 });
  return {
    date,
    visits: { value: t.served ?? 0, recorded: t.served !== null, link: stats },
    ratings: { value: rates.ratings, link: stats },
    satisfactionRate: { value: percent(rates.satisfactionRate), link: stats },
    negative: { value: settings.negativeLevels.reduce((a, l) => a + (t.counts[l as 1] ?? 0), 0), link: stats },
    complaintsReceived: { value: t.received, link: recordsLink('complaints_received', { date }, link) },
    complaintsClosed: { value: scoped(closed, scope.prefix).reduce((a, r) => a + r.n, 0), link: recordsLink('complaints_closed', { date }, link) },
    repliesMissed: { value: t.replyDecided - t.replyMet, link: recordsLink('reply_late', { date }, link) },
    overdueNow: { value: open.overdue, link: overdueLink('overdue', link) },
    severelyOverdueNow: { value: open.severe, link: overdueLink('severely_overdue', link) },
    lowRatingRate: await lowRatingRateWindows(ctx, orgId, pack, perUnit, date),
  };
}

/**
 * Windows that served people that day but collected few ratings: below the pack's window rating-
 * rate rule (e.g. ≥ 90 %, 001:L155). The bulletin names them (003:L330: low users of the rating
 * device are named). A window with no served count recorded is not judged.
 */
async function lowRatingRateWindows(ctx: AppContext, orgId: string, pack: Parameters<typeof ratingThresholds>[0], perUnit: ReturnType<typeof mergeUnitMonths>, date: string) {
  const rule = ratingThresholds(pack).find((r) => r.metric === 'ratingRate' && r.scope === 'window');
  if (!rule) return { rule: null, windows: [] };
  const units = new Map((await repo.unitsOfOrg(ctx.db.kysely, orgId)).map((u) => [u.id, u]));
  const windows = [];
  for (const u of perUnit) {
    const unit = u.unitId ? units.get(u.unitId) : undefined;
    if (!unit || unit.kind !== 'window' || !u.served) continue;
    const ratings = ratingsOf(u);
    const r = rate(ratings, u.served);
    if (meetsThreshold(r, rule.op, rule.value) === false) windows.push({ unitId: unit.id, name: unit.name, ratings, served: u.served, ratingRate: percent(r), link: ratingStatsLink(date, date, { unitId: unit.id }) });
  }
  windows.sort((a, b) => (a.ratingRate ?? 0) - (b.ratingRate ?? 0));
  return { rule: { op: rule.op, value: rule.value, source: rule.source ?? null }, windows };
}
