/**
 * 检查结果 (issue 14 item 8): inspections by unit and local month with their change against the
 * month before, the most frequent findings, and the on-time rate of the rectifications the
 * findings opened. Scores are compared on the 100-point scale (score ÷ full mark × 100), so a
 * 10-point scorecard and a 100-point checklist sit in one table; averages are floored to the
 * thousandth, rates are exact fractions.
 */
import type { AppContext } from '../../shared/context.js';
import { managers, requireRole, type Actor } from '../../shared/access.js';
import { fieldIssue, invalidFields } from '../../shared/issues.js';
import { monthPeriod, shiftMonth } from '../../shared/months.js';
import { fromMilli } from '../../engines/scoring/index.js';
import { rate, type Rate } from '../../engines/metrics/index.js';
import { businessHoursOf } from '../../policy/index.js';
import { policyForOrganisation } from '../policy/service.js';
import { loadUnitInScope } from '../units/service.js';
import { hundredScale, listBandFacts, type BandFact } from './bands.js';
import { templateLabels } from './templates.js';
import * as results from './results-repository.js';

/** The longest range one request covers (two years of months). */
export const MAX_RESULT_MONTHS = 24;
/** How many of the most frequent findings are listed. */
const TOP_FINDINGS = 10;
/** The clock a finding's rectification case runs to its deadline (findings.ts opens it with this one; 5 working days, RULES §4). */
const RECTIFICATION_CLOCK = 'feedback';

export interface ResultsQuery {
  from: string;
  to: string;
  unitId?: string;
  template?: string;
}

interface Cell {
  count: number;
  totalMilli: number;
  vetoes: number;
}

const average = (c: Cell | undefined) => (c && c.count > 0 ? Math.floor(c.totalMilli / c.count) : null);

function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = shiftMonth(m, 1)) out.push(m);
  return out;
}

/** One month of a unit (or of all): its figures and their change against the month before. */
function presentMonth(month: string, cell: Cell | undefined, before: Cell | undefined) {
  const avg = average(cell);
  const prev = average(before);
  return {
    month,
    count: cell?.count ?? 0,
    average: avg === null ? null : fromMilli(avg),
    vetoes: cell?.vetoes ?? 0,
    previous: { count: before?.count ?? 0, average: prev === null ? null : fromMilli(prev) },
    change: {
      count: (cell?.count ?? 0) - (before?.count ?? 0),
      /** Points on the 100-point scale; null when either month has no inspection. */
      average: avg === null || prev === null ? null : fromMilli(avg - prev),
    },
  };
}

function add(map: Map<string, Cell>, key: string, scoreMilli: number, vetoed: boolean) {
  const c = map.get(key) ?? { count: 0, totalMilli: 0, vetoes: 0 };
  c.count++;
  c.totalMilli += scoreMilli;
  if (vetoed) c.vetoes++;
  map.set(key, c);
}

async function rangeOf(ctx: AppContext, actor: Actor, q: ResultsQuery) {
  requireRole(actor, managers);
  if (q.from > q.to) throw invalidFields(fieldIssue('querystring.to', { zh: '结束月份不能早于开始月份', en: 'to must not be before from' }));
  const months = monthsBetween(q.from, q.to);
  if (months.length > MAX_RESULT_MONTHS) throw invalidFields(fieldIssue('querystring.to', { zh: `一次最多查询 ${MAX_RESULT_MONTHS} 个月`, en: `at most ${MAX_RESULT_MONTHS} months at a time` }));
  const unitPath = q.unitId ? (await loadUnitInScope(ctx, actor, q.unitId)).path : undefined;
  const offset = businessHoursOf(await policyForOrganisation(ctx, actor.orgId)).utcOffsetMinutes;
  const filter = { orgId: actor.orgId, scopePath: actor.scopePath, unitPath, templateCode: q.template };
  return { months, offset, filter, start: monthPeriod(q.from, offset).start, end: monthPeriod(q.to, offset).end };
}

/** 整改按期率: rectifications due in [start, end) closed by their deadline, of those due (not those still before their deadline). */
async function rectificationOnTime(ctx: AppContext, filter: Omit<results.ResultFilter, 'start' | 'end'>, start: number, end: number) {
  const now = ctx.clock.now();
  const rows = await results.findRectificationDeadlines(ctx.db.kysely, { ...filter, dueFrom: start, dueTo: end, clock: RECTIFICATION_CLOCK });
  let onTime = 0;
  let late = 0;
  let overdue = 0;
  let notYetDue = 0;
  for (const r of rows) {
    if (r.closedAt !== null) r.closedAt <= r.dueAt ? onTime++ : late++;
    else if (r.dueAt < now) overdue++;
    else notYetDue++;
  }
  const decided: Rate = rate(onTime, onTime + late + overdue);
  return { due: rows.length, closedOnTime: onTime, closedLate: late, openOverdue: overdue, notYetDue, rate: decided };
}

/** 高频问题: the items found most often, with their names in both languages. */
async function topFindings(ctx: AppContext, orgId: string, filter: results.ResultFilter, limit: number) {
  const rows = await results.findTopFindings(ctx.db.kysely, filter, limit);
  const labels = new Map<string, Awaited<ReturnType<typeof templateLabels>>>();
  const out = [];
  for (const r of rows) {
    const key = `${r.templateCode}@${r.version}`;
    if (!labels.has(key)) labels.set(key, await templateLabels(ctx, orgId, r.templateCode, r.version));
    const t = labels.get(key)!;
    out.push({ templateCode: r.templateCode, template: t.label, item: r.item, label: t.items.get(r.item) ?? { zh: r.item, en: r.item }, count: r.findings, units: r.units, vetoes: r.vetoes });
  }
  return out;
}

/**
 * 检查结果: per inspected unit and month the number of inspections, their average score, the
 * vetoes and the change against the month before; the same for all units together; the most
 * frequent findings of the range and the rectification on-time rate of the range. In the caller's
 * scope (unit heads: their subtree).
 */
export async function inspectionResults(ctx: AppContext, actor: Actor, q: ResultsQuery) {
  const r = await rangeOf(ctx, actor, q);
  const before = shiftMonth(q.from, -1);
  const scores = await results.findScores(ctx.db.kysely, { ...r.filter, start: monthPeriod(before, r.offset).start, end: r.end });
  const monthOf = (at: number) => new Date(at + r.offset * 60_000).toISOString().slice(0, 7);
  const perUnit = new Map<string, { code: string | null; name: string | null; cells: Map<string, Cell> }>();
  const all = new Map<string, Cell>();
  for (const s of scores) {
    if (s.maxMilli <= 0) continue;
    const m = monthOf(s.performedAt);
    const score = hundredScale(s.scoreMilli, s.maxMilli);
    const u = perUnit.get(s.unitId) ?? perUnit.set(s.unitId, { code: s.unitCode, name: s.unitName, cells: new Map() }).get(s.unitId)!;
    add(u.cells, m, score, s.vetoed);
    add(all, m, score, s.vetoed);
  }
  const total = (cells: Map<string, Cell>) => {
    const c: Cell = { count: 0, totalMilli: 0, vetoes: 0 };
    for (const m of r.months) {
      const x = cells.get(m);
      if (x) (c.count += x.count), (c.totalMilli += x.totalMilli), (c.vetoes += x.vetoes);
    }
    return { count: c.count, average: average(c) === null ? null : fromMilli(average(c)!), vetoes: c.vetoes };
  };
  const row = (cells: Map<string, Cell>) => r.months.map((m) => presentMonth(m, cells.get(m), cells.get(shiftMonth(m, -1))));
  const units = [...perUnit]
    .filter(([, u]) => r.months.some((m) => u.cells.has(m)))
    .map(([unitId, u]) => ({ unitId, code: u.code, name: u.name, months: row(u.cells), total: total(u.cells) }))
    .sort((a, b) => (a.code ?? '').localeCompare(b.code ?? ''));
  return {
    from: q.from,
    to: q.to,
    months: r.months,
    scale: 100,
    units,
    all: { months: row(all), total: total(all) },
    topFindings: await topFindings(ctx, actor.orgId, { ...r.filter, start: r.start, end: r.end }, TOP_FINDINGS),
    rectification: await rectificationOnTime(ctx, r.filter, r.start, r.end),
  };
}

/**
 * 明察暗访 for the monthly report: the month's inspections, average, vetoes and their change, the
 * top findings, the rectification on-time rate, and the bands of the round that ended with the
 * month when it is closed.
 */
export async function inspectionMonthSummary(ctx: AppContext, actor: Actor, q: { month: string; unitId?: string }) {
  const res = await inspectionResults(ctx, actor, { from: q.month, to: q.month, unitId: q.unitId });
  const month = res.all.months[0];
  const quarterEnds = Number(q.month.slice(5, 7)) % 3 === 0;
  let round: { period: string; facts: BandFact[] } | null = null;
  if (quarterEnds) {
    const period = `${q.month.slice(0, 4)}-Q${Number(q.month.slice(5, 7)) / 3}`;
    const facts = (await listBandFacts(ctx, actor, { orgId: actor.orgId, periodFrom: shiftMonth(q.month, -2), periodTo: q.month })).filter((f) => f.period === period);
    if (facts.length) round = { period, facts };
  }
  return {
    month: q.month,
    inspections: month.count,
    average: month.average,
    vetoes: month.vetoes,
    change: month.change,
    previous: month.previous,
    topFindings: res.topFindings.slice(0, 5),
    rectification: res.rectification,
    round,
  };
}
