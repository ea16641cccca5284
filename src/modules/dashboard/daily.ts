import type { AppContext } from '../../shared/context.js';
import { percent, ratingRates, satisfactionOptions } from '../../engines/metrics/index.js';
import { businessHoursOf, ratingSettings } from '../../policy/index.js';
import { policyForOrganisation } from '../policy/service.js';
import { mergeUnitMonths, scoped, totalsOf } from './figures.js';
import { overdueLink, ratingStatsLink, recordsLink } from './links.js';
import { dayPeriod } from './months.js';
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
    repo.overdueNow(db, orgId, now),
  ]);
  const t = totalsOf(scoped(mergeUnitMonths({ received, reply, rollups, served }).map((u) => ({ ...u, unit_id: u.unitId, unit_path: u.unitPath })), scope.prefix));
  const rates = ratingRates(t.counts, t.served, satisfactionOptions({ basicSatisfiedCounts: settings.basicSatisfiedCountsAsSatisfied, negativeLevels: settings.negativeLevels }));
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
  };
}
