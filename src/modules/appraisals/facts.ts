/**
 * The measured facts of personal appraisal sheets (个人考核, 002:L216): for every person of an
 * organisation over a period of local dates, what the service records say — 好差评 (rated,
 * satisfied, served), verified complaints, inspection deductions and vetoes (003:L143), sanctions
 * final in the period, follow-up and callback timeliness, and the campaign deliverables of their
 * unit — each figure with the records behind it. One query per source for all people; the engine
 * (youzhi/appraisal `fillSheet`) turns them into points.
 *
 * The definitions are the other modules': 满意 is the pack's satisfied levels as the dashboard and
 * the rating statistics count them (metrics `satisfactionOptions`), a clock's outcome is the cases
 * module's `clockOutcome`, a deliverable's state the campaigns engine's `deliverableState`.
 */
import { yuan } from '../../shared/money.js';
import type { Executor } from '../../shared/context.js';
import { parseJson } from '../../shared/json.js';
import { TtlCache } from '../../shared/ttl-cache.js';
import { localDate, monthPeriod, offsetIso, rangePeriod } from '../../shared/months.js';
import { businessHoursOf, findInspectionTemplate, ratingSettings, resolvePolicy, type PolicyPack, type Sector } from '../../policy/index.js';
import { emptyFacts, type StaffFacts } from '../../engines/appraisal/index.js';
import { deliverableState } from '../../engines/campaigns/index.js';
import { formatMilli } from '../../engines/scoring/index.js';
import { clockOutcome } from '../cases/index.js';
import { closedMonthsWithin, daysAround } from '../ratings/index.js';
import * as repo from './facts-repository.js';

export interface AppraisalFactsQuery {
  orgId: string;
  /** First and last local date of the period, inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
  /** Only these people (active or not); default: every active person of the organisation. */
  staffIds?: string[];
  /**
   * 满意 from this level up (e.g. 4: 满意 and 非常满意). Default: the pack's satisfied levels — the
   * same as the dashboard's 满意率 (basic satisfaction counts only where the pack says so).
   */
  satisfiedLevel?: number;
  /** The organisation's pack, when the caller has it (else it is resolved from the organisation). */
  pack?: PolicyPack;
  /** The instant facts are read at (a clock or deliverable not yet due counts nowhere); default now. */
  now?: number;
}

/**
 * A materialised month of ratings (migration 0015) is read when it was added up at least this long
 * after the month ended — no rating can still have been in flight — or within this long of now,
 * the ratings module's own bound; otherwise its days are read.
 */
const monthSettledMs = 3_600_000;

export async function readAppraisalFacts(db: Executor, opts: AppraisalFactsQuery): Promise<Map<string, StaffFacts>> {
  const pack = opts.pack ?? (await packOf(db, opts.orgId));
  const offset = businessHoursOf(pack).utcOffsetMinutes;
  const now = opts.now ?? Date.now();
  const period = rangePeriod(opts.from, opts.to, offset);
  const ids = repo.idsForQuery(opts.staffIds);

  const staff = await repo.findStaff(db, opts.orgId, ids, opts.staffIds);
  const out = new Map<string, StaffFacts>(staff.map((s) => [s.id, emptyFacts(s.id, s.unitId)]));
  if (out.size === 0) return out;
  const of = (staffId: string) => out.get(staffId);
  const at = (instant: number) => offsetIso(instant, offset);
  const day = (instant: number) => localDate(instant, offset);

  const [levels, complaints, inspections, vetoIncidents, sanctions, clocks, deliverables] = await Promise.all([
    ratingSums(db, opts.orgId, opts, offset, now, ids),
    repo.findVerifiedComplaints(db, opts.orgId, period.start, period.end, ids),
    repo.findInspectionsOfStaff(db, opts.orgId, period.start, period.end, ids),
    repo.findVetoIncidents(db, opts.orgId, period.start, period.end, ids),
    repo.findFinalSanctions(db, opts.orgId, period.start, period.end, ids),
    repo.findFollowUpClocks(db, opts.orgId, period.start, period.end, ids),
    repo.findDeliverablesDue(db, opts.orgId, opts.from, opts.to),
  ]);

  // 好差评: valid ratings (an upheld appeal's are no longer counted at their level) and the satisfied among them.
  const satisfiedLevels = satisfiedLevelsOf(pack, opts.satisfiedLevel);
  for (const r of levels.levels) {
    const f = of(r.staffId);
    if (!f) continue;
    const counts = [r.c1, r.c2, r.c3, r.c4, r.c5];
    f.ratings.rated += counts.reduce((a, b) => a + b, 0);
    f.ratings.satisfied += satisfiedLevels.reduce((a, l) => a + (counts[l - 1] ?? 0), 0);
  }
  for (const r of levels.served) {
    const f = of(r.staffId);
    if (f) f.ratings.served += r.served;
  }

  for (const c of complaints) {
    const label = c.trackingNo ? `${c.trackingNo} ${c.title ?? ''}`.trim() : c.summary;
    of(c.staffId)?.verifiedComplaints.push({ kind: 'incident', id: c.id, label, at: at(c.occurredAt) });
  }

  const templateLabel = (code: string) => findInspectionTemplate(pack, code)?.label.zh ?? code;
  const deductedMilli = new Map<string, number>();
  for (const n of inspections) {
    const f = of(n.staffId);
    if (!f) continue;
    const title = `${templateLabel(n.templateCode)} ${day(n.performedAt)}`;
    if (n.deductedMilli > 0) {
      deductedMilli.set(n.staffId, (deductedMilli.get(n.staffId) ?? 0) + n.deductedMilli);
      f.inspectionDeductions.records.push({ kind: 'inspection', id: n.id, label: `${title}：扣 ${formatMilli(n.deductedMilli)} 分`, at: at(n.performedAt) });
    }
    if (n.vetoed) f.inspectionVetoes.push({ kind: 'inspection', id: n.id, label: `${title}：一票否决`, at: at(n.performedAt) });
  }
  for (const [staffId, milli] of deductedMilli) of(staffId)!.inspectionDeductions.points = formatMilli(milli);
  for (const v of vetoIncidents) of(v.staffId)?.inspectionVetoes.push({ kind: 'incident', id: v.id, label: v.summary, at: at(v.occurredAt) });

  for (const s of sanctions) {
    const f = of(s.staffId);
    if (!f) continue;
    const amount = Math.abs(s.amountFen);
    const fine = s.direction === 'fine';
    if (fine) f.sanctions.fineFen += amount;
    else f.sanctions.rewardFen += amount;
    const rule = parseJson<{ rule?: { label?: { zh?: string } } }>(s.evaluation, {}).rule?.label?.zh ?? s.ruleCode;
    f.sanctions.records.push({ kind: 'sanction', id: s.id, label: `${rule}：${fine ? '罚款' : '奖励'} ${yuan(amount)} 元`, at: at(s.finalAt) });
  }

  // 回访/随访及时率: a clock still running and not yet due counts in neither figure (as in the follow-up figures).
  for (const c of clocks) {
    const f = of(c.staffId);
    const outcome = clockOutcome(c.clock, now);
    if (!f || (outcome !== 'met' && outcome !== 'late')) continue;
    f.followUps.due += 1;
    if (outcome === 'met') f.followUps.onTime += 1;
    const what = c.type === 'repair' ? '报修回访' : '回访';
    f.followUps.records.push({ kind: 'follow_up', id: c.clock.case_id, label: `${c.trackingNo} ${what}：${outcome === 'met' ? '按时' : '逾期'}`, at: at(Number(c.clock.due_at)) });
  }

  // A campaign's deliverables are its units'; each person answers with the campaign unit they work in (or under):
  // the campaign units on the path of their unit (a materialised path, /root/…/unit/), found by prefix.
  if (deliverables.length > 0) {
    const today = day(now);
    const byPath = new Map<string, typeof deliverables>();
    for (const d of deliverables) byPath.set(d.unitPath, [...(byPath.get(d.unitPath) ?? []), d]);
    for (const s of staff) {
      if (!s.unitPath) continue;
      const f = out.get(s.id)!;
      for (let i = s.unitPath.indexOf('/', 1); i > 0; i = s.unitPath.indexOf('/', i + 1)) {
        for (const d of byPath.get(s.unitPath.slice(0, i + 1)) ?? []) {
          const state = deliverableState(d.dueOn, d.receivedOn, today);
          if (state === 'pending') continue;
          f.deliverables.due += 1;
          if (state === 'late') f.deliverables.late += 1;
          if (state === 'missing') f.deliverables.missing += 1;
          const words = state === 'done' ? '按时报送' : state === 'late' ? `迟交 ${d.lateDays ?? 0} 天` : '未报送';
          f.deliverables.records.push({ kind: 'deliverable', id: `${d.taskId}|${d.unitId}`, label: `${d.campaign} · ${d.task}（${d.dueOn} 截止）：${words}`, at: d.dueOn });
        }
      }
    }
  }
  return out;
}

/** The levels counted as 满意: from `level` up, or the pack's own set. */
function satisfiedLevelsOf(pack: PolicyPack, level: number | undefined): number[] {
  const settings = ratingSettings(pack);
  if (level === undefined) return [...settings.satisfaction.satisfiedLevels];
  return settings.levels.map((l) => l.value).filter((v) => v >= level);
}

/**
 * Resolved packs by sector and stored overrides (the text itself): resolving validates the whole
 * pack, far slower than reading the facts, and the same text always resolves to the same pack, so
 * an edit of the overrides is a new key and never reads a stale pack.
 */
const resolvedPacks = new TtlCache<string, PolicyPack>(3_600_000, 100);

async function packOf(db: Executor, orgId: string): Promise<PolicyPack> {
  const row = await repo.findOrganisationPolicy(db, orgId);
  if (!row) throw new Error(`readAppraisalFacts: no organisation ${orgId}`);
  const key = `${row.sector}\u0000${row.policy_overrides}`;
  const hit = resolvedPacks.get(key);
  if (hit) return hit;
  const pack = resolvePolicy(row.sector as Sector, parseJson(row.policy_overrides, {}) as never);
  resolvedPacks.set(key, pack);
  return pack;
}

/**
 * Level counts and served counts per person over the period: the closed months already added up
 * (and settled) from their materialised rows, the days around them from the daily rollups.
 */
async function ratingSums(db: Executor, orgId: string, q: AppraisalFactsQuery, offset: number, now: number, ids: string[] | null) {
  const closed = closedMonthsWithin(q, localDate(now, offset));
  const stamps = new Map((await repo.findRatingMonthStamps(db, orgId, closed)).map((s) => [s.month, s.computedAt]));
  const settled = (m: string) => {
    const computedAt = stamps.get(m);
    return computedAt !== undefined && (computedAt >= monthPeriod(m, offset).end + monthSettledMs || now - computedAt <= monthSettledMs);
  };
  // The first run of consecutive settled months (daysAround takes one run).
  const months: string[] = [];
  for (const m of closed) {
    if (settled(m)) months.push(m);
    else if (months.length) break;
  }
  const parts: { source: 'days' | 'months'; from: string; to: string }[] = daysAround(q, months).map((r) => ({ source: 'days' as const, ...r }));
  if (months.length) parts.push({ source: 'months', from: months[0], to: months[months.length - 1] });
  const answers = await Promise.all(
    parts.map(async (p) => ({ levels: await repo.sumLevelsByStaff(db, orgId, p.source, p.from, p.to, ids), served: await repo.sumServedByStaff(db, orgId, p.source, p.from, p.to, ids) })),
  );
  return { levels: answers.flatMap((a) => a.levels), served: answers.flatMap((a) => a.served), months };
}

