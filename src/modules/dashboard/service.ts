import type { AppContext } from '../../shared/context.js';
import { isUnitScoped, managers, requireRole, type Actor } from '../../shared/access.js';
import { businessHoursOf, caseTypesOf, clocksOf, ratingSettings, ratingThresholds, type PolicyPack } from '../../policy/index.js';
import { policyForOrganisation } from '../policy/service.js';
import { getOwnOrganisation } from '../organisations/service.js';
import { loadUnitInScope } from '../units/service.js';
import { complaintTaxonomyLabels } from '../complaints/index.js';
import { mergeUnitMonths } from './figures.js';
import { isMonth, monthPeriod, monthsEndingWith, shiftMonth, type Period } from '../../shared/months.js';
import { unitMonths } from './summary.js';
import { receivedInMonth } from './received.js';
import { presentDashboard } from './view.js';
import * as repo from './repository.js';
import { fieldIssue, invalidFields } from '../../shared/issues.js';

export interface DashboardScope {
  /** Unit path prefix of what the view covers; null = the whole organisation. */
  prefix: string | null;
  unit: { id: string; code: string; name: string } | null;
}

/**
 * Who may see quality figures: the quality office and admin (the whole organisation) and unit
 * heads (their subtree; a unitId outside it is 403). Other roles: 403.
 */
export async function resolveScope(ctx: AppContext, actor: Actor, unitId?: string): Promise<DashboardScope> {
  requireRole(actor, managers);
  if (unitId) {
    const unit = await loadUnitInScope(ctx, actor, unitId);
    return { prefix: unit.path, unit: { id: unit.id, code: unit.code, name: unit.name } };
  }
  return { prefix: isUnitScoped(actor.role) ? (actor.scopePath ?? '/-none-/') : null, unit: null };
}

/** Whether 'reply' is a clock of complaints only in the pack (then clocks can be counted without their case). */
function replyIsComplaintsOnly(pack: PolicyPack): boolean {
  return caseTypesOf(pack).every((type) => type === 'complaint' || !clocksOf(pack, type).some((c) => c.id === 'reply'));
}

export function requireMonth(month: string): string {
  if (!isMonth(month)) throw invalidFields(fieldIssue('querystring.month', { zh: '月份格式应为 YYYY-MM', en: 'must be a month YYYY-MM' }));
  return month;
}

export interface DashboardData {
  org: { id: string; code: string; name: string };
  pack: PolicyPack;
  period: Period;
  previous: Period;
  now: number;
  offset: number;
  scope: DashboardScope;
  units: Awaited<ReturnType<typeof repo.unitsOfOrg>>;
  categories: { code: string; zh: string; en: string }[];
  received: Awaited<ReturnType<typeof receivedInMonth>>;
  overdue: Awaited<ReturnType<typeof repo.overdueNow>>;
  rectifications: Awaited<ReturnType<typeof repo.rectifications>>;
  months: Map<string, ReturnType<typeof mergeUnitMonths>>;
}

/** Everything the month view needs, read once: the dashboard, the monthly PDF and the tests share it. */
export async function loadDashboardData(ctx: AppContext, actor: Actor, query: { month: string; unitId?: string }): Promise<DashboardData> {
  const month = requireMonth(query.month);
  const scope = await resolveScope(ctx, actor, query.unitId);
  const db = ctx.db.kysely;
  const [org, pack] = await Promise.all([getOwnOrganisation(ctx, actor), policyForOrganisation(ctx, actor.orgId)]);
  const offset = businessHoursOf(pack).utcOffsetMinutes;
  const now = ctx.clock.now();
  const period = monthPeriod(month, offset);
  // The whole organisation's reply figures need no per-unit split: read from the clocks alone.
  const totalsOnly = scope.prefix === null && replyIsComplaintsOnly(pack);
  // A closed month's per-unit figures are materialised with the trend's; an open one is read live.
  const trend = monthsEndingWith(month, 12);
  const closed = period.end <= now;
  const [units, taxonomy, received, overdue, summary, open] = await Promise.all([
    repo.unitsOfOrg(db, actor.orgId),
    complaintTaxonomyLabels(ctx, actor.orgId, 'complaint_category'),
    receivedInMonth(ctx, actor.orgId, period),
    totalsOnly ? repo.overdueTotals(db, actor.orgId, now).then((t) => [{ unit_id: null, unit_path: '/', ...t }]) : repo.overdueNow(db, actor.orgId, now, { dialect: ctx.db.dialect, prefix: scope.prefix }),
    unitMonths(ctx, actor.orgId, closed ? trend : trend.slice(0, -1), offset, now, month),
    closed
      ? null
      : Promise.all([
          totalsOnly ? repo.replyDeadlineTotals(db, actor.orgId, period.start, period.end, now).then((t) => [{ unit_id: null, unit_path: '/', ...t }]) : repo.replyDeadlines(db, actor.orgId, period.start, period.end, now),
          repo.rollupsByUnit(db, actor.orgId, period.from, period.to),
          repo.servedByUnit(db, actor.orgId, period.from, period.to),
        ]),
  ]);
  const { months, rectifications } = summary;
  if (open) {
    const [reply, rollups, served] = open;
    months.set(month, mergeUnitMonths({ received, reply, rollups, served }));
  }
  return {
    org: { id: org.id, code: org.code, name: org.name },
    pack,
    period,
    previous: monthPeriod(shiftMonth(month, -1), offset),
    now,
    offset,
    scope,
    units,
    categories: [...taxonomy.values()].map(({ code, zh, en }) => ({ code, zh, en })),
    received,
    overdue,
    rectifications,
    months,
  };
}

/** 质量看板: the month's figures for the caller's scope, each with the link to its records. */
export async function getDashboard(ctx: AppContext, actor: Actor, query: { month: string; unitId?: string; checks?: 'breaches' | 'all' }) {
  const data = await loadDashboardData(ctx, actor, query);
  const settings = ratingSettings(data.pack);
  return presentDashboard(data, {
    options: settings.satisfaction,
    levels: settings.levels,
    negativeLevels: settings.negativeLevels,
    basicSatisfiedCounts: settings.basicSatisfiedCountsAsSatisfied,
    thresholds: ratingThresholds(data.pack),
    talkAfterMonths: settings.talkAfterMonthsAtBottom,
    allChecks: query.checks === 'all',
  });
}

export type DashboardView = Awaited<ReturnType<typeof getDashboard>>;

/** Unit names of the organisation by id (for lists that carry unit ids). */
export async function unitNames(ctx: AppContext, orgId: string): Promise<Map<string, string>> {
  return new Map((await repo.unitsOfOrg(ctx.db.kysely, orgId)).map((u) => [u.id, u.name]));
}
