/**
 * npm run bench -- appraisal
 *
 * Filling one month's personal appraisal sheets (个人考核, issue 21 item 6) of a large bank:
 * BENCH_STAFF people (5,000) at BENCH_UNITS windows (200), a month (November 2026) of activity —
 * 好差评 rollups from BENCH_RATINGS ratings (1.5 M) and served counts, BENCH_COMPLAINTS verified
 * complaints (3,000; a tenth found unfounded), BENCH_INSPECTIONS inspections of people (5,000, four
 * scored items each, a few vetoed) and vetoes recorded by hand, BENCH_SANCTIONS sanctions (10,000:
 * most final in November, some under appeal or final in October), BENCH_FOLLOWUPS follow-ups and
 * repair callbacks (8,000) assigned to people's logins, and a campaign of every window with two
 * deliverables due — then, timed on 2 December:
 *   fill   readAppraisalFacts for the whole organisation (one query per source) and the engine's
 *          fillSheet for every person with the bank pack's teller template (柜员) (each measured item with its
 *          records and words); the first read from the daily rollups (November not yet added up),
 *          then again once the rating statistics materialised the month (`months`);
 * and the appraisal module's fill use case (createPeriod, as POST /api/v1/appraisals/periods: the
 *          same read and sheets, stored with the records they link to, audited), once;
 * beside the reference, the bare SQL aggregate of the same facts (one hand-written group-by per
 * source: counts and sums per person, no records, no words), whose totals must equal ours.
 * ratio = fill ÷ reference. Goal: the fill under 10 s and the process under 300 MB.
 * BENCH_DB=sqlite|postgres|both (PostgreSQL at BENCH_DATABASE_URL or the local server).
 * Last line: sqlite_s=… sqlite_ref_s=… sqlite_ratio=… (and _first_s, _months_s, _module_s, _fill_rss_mb) pg_… peak_rss_mb=…
 */
import os from 'node:os';
import { sql, type Kysely } from 'kysely';
import { createOrganisation } from '../src/modules/organisations/service.js';
import { createUnit } from '../src/modules/units/service.js';
import { policyForOrganisation } from '../src/modules/policy/service.js';
import { ratingFiguresOf } from '../src/modules/ratings/index.js';
import { readAppraisalFacts } from '../src/modules/appraisals/facts.js';
import { findAppraisalTemplate, ratingSettings } from '../src/policy/index.js';
import { fillSheet, type SheetTemplate, type StaffFacts } from '../src/engines/appraisal/index.js';
import { createPeriod } from '../src/modules/appraisals/service.js';
import { systemActor } from '../src/shared/access.js';
import type { Database } from '../src/db/types.js';
import { benchContext, median } from './support.js';
import { generateRatingData } from './generate-ratings.js';
import { generateAppraisalActivity } from './generate-activity.js';

const staffTotal = Number(process.env.BENCH_STAFF ?? 5_000);
const unitsTotal = Number(process.env.BENCH_UNITS ?? 200);
const ratingsTotal = Number(process.env.BENCH_RATINGS ?? 1_500_000);
const complaints = Number(process.env.BENCH_COMPLAINTS ?? 3_000);
const inspections = Number(process.env.BENCH_INSPECTIONS ?? 5_000);
const sanctions = Number(process.env.BENCH_SANCTIONS ?? 10_000);
const followUps = Number(process.env.BENCH_FOLLOWUPS ?? 8_000);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const kinds = (process.env.BENCH_DB ?? 'both') === 'both' ? (['sqlite', 'postgres'] as const) : ([process.env.BENCH_DB] as ('sqlite' | 'postgres')[]);
const month = '2026-11';
const period = { from: '2026-11-01', to: '2026-11-30' };
const start = Date.parse('2026-11-01T00:00:00+08:00');
const end = Date.parse('2026-12-01T00:00:00+08:00');
// The sheets are filled on 2 December: November is closed, its follow-ups and deliverables decided.
const now = Date.parse('2026-12-02T10:00:00+08:00');

const rssMb = () => Math.round(process.memoryUsage().rss / 1e6);
const seconds = async <T>(fn: () => Promise<T>): Promise<{ s: number; value: T }> => {
  const t0 = performance.now();
  const value = await fn();
  return { s: (performance.now() - t0) / 1000, value };
};

/** Ours: the facts of everyone, and every person's sheet filled by the engine. */
async function fill(db: Kysely<Database>, orgId: string, template: SheetTemplate) {
  const t0 = performance.now();
  const facts = await readAppraisalFacts(db, { orgId, ...period, now });
  const read = (performance.now() - t0) / 1000;
  let records = 0;
  let vetoed = 0;
  for (const f of facts.values()) {
    const sheet = fillSheet(template, f, {});
    for (const item of sheet.items) records += item.records.length;
    if (sheet.vetoed) vetoed += 1;
  }
  return { facts, records, vetoed, read };
}

interface Totals {
  rated: number;
  satisfied: number;
  served: number;
  complaints: number;
  deductedMilli: number;
  vetoes: number;
  fineFen: number;
  rewardFen: number;
  followUpsDue: number;
  followUpsOnTime: number;
  deliverablesDue: number;
  deliverablesLate: number;
  deliverablesMissing: number;
}

function totalsOf(facts: Map<string, StaffFacts>): Totals {
  const t: Totals = { rated: 0, satisfied: 0, served: 0, complaints: 0, deductedMilli: 0, vetoes: 0, fineFen: 0, rewardFen: 0, followUpsDue: 0, followUpsOnTime: 0, deliverablesDue: 0, deliverablesLate: 0, deliverablesMissing: 0 };
  for (const f of facts.values()) {
    t.rated += f.ratings.rated;
    t.satisfied += f.ratings.satisfied;
    t.served += f.ratings.served;
    t.complaints += f.verifiedComplaints.length;
    t.deductedMilli += Math.round(Number(f.inspectionDeductions.points) * 1000);
    t.vetoes += f.inspectionVetoes.length;
    t.fineFen += f.sanctions.fineFen;
    t.rewardFen += f.sanctions.rewardFen;
    t.followUpsDue += f.followUps.due;
    t.followUpsOnTime += f.followUps.onTime;
    t.deliverablesDue += f.deliverables.due;
    t.deliverablesLate += f.deliverables.late;
    t.deliverablesMissing += f.deliverables.missing;
  }
  return t;
}

/** The reference: what hand-written group-bys over the same tables give per person (no records, no words). */
async function reference(db: Kysely<Database>, orgId: string, satisfiedLevels: readonly number[]): Promise<Totals> {
  const satisfied = sql.join(satisfiedLevels.map((l) => sql`sum(${sql.ref(`c${l}`)})`), sql` + `);
  const q = async <R>(query: ReturnType<typeof sql<R>>) => (await query.execute(db)).rows;
  const levels = await q<{ staff_id: string; rated: number; satisfied: number }>(sql`
    select staff_id, sum(c1) + sum(c2) + sum(c3) + sum(c4) + sum(c5) as rated, ${satisfied} as satisfied
    from rating_rollups where org_id = ${orgId} and date between ${period.from} and ${period.to} and staff_id <> '' group by staff_id`);
  const served = await q<{ staff_id: string; served: number }>(sql`
    select staff_id, sum(served) as served from served_counts
    where org_id = ${orgId} and date between ${period.from} and ${period.to} and staff_id <> '' group by staff_id`);
  const incidents = await q<{ staff_id: string; complaints: number; vetoes: number }>(sql`
    select staff_id, sum(case when kind = 'verified_complaint' then 1 else 0 end) as complaints,
           sum(case when kind = 'veto' and (source_type is null or source_type <> 'inspection') then 1 else 0 end) as vetoes
    from incidents where org_id = ${orgId} and state = 'verified' and staff_id is not null and occurred_at >= ${start} and occurred_at < ${end}
    group by staff_id`);
  const inspected = await q<{ staff_id: string; deducted: number; vetoed: number }>(sql`
    select n.staff_id, sum(i.deduction_milli) as deducted, count(distinct case when n.vetoed = 1 then n.id end) as vetoed
    from inspections n join inspection_items i on i.inspection_id = n.id
    where n.org_id = ${orgId} and n.staff_id is not null and n.performed_at >= ${start} and n.performed_at < ${end} group by n.staff_id`);
  const money = await q<{ staff_id: string; fines: number; rewards: number }>(sql`
    select staff_id, sum(case when direction = 'fine' then amount_fen else 0 end) as fines, sum(case when direction = 'reward' then amount_fen else 0 end) as rewards
    from sanctions where org_id = ${orgId} and status = 'final' and target_kind = 'person' and final_at >= ${start} and final_at < ${end} group by staff_id`);
  const clocks = await q<{ staff_id: string; due: number; met: number }>(sql`
    select u.staff_id, sum(case when k.stopped_at is not null or k.due_at < ${now} then 1 else 0 end) as due,
           sum(case when k.stopped_at is not null and k.stopped_at <= k.due_at then 1 else 0 end) as met
    from case_clocks k join cases c on c.id = k.case_id join users u on u.id = c.assignee_id
    where k.org_id = ${orgId} and (c.type = 'follow_up' or (c.type = 'repair' and k.clock_id = 'callback')) and k.due_at >= ${start} and k.due_at < ${end} and u.staff_id is not null
    group by u.staff_id`);
  // Per campaign unit first (a few hundred rows), then per unit in or under one (a few hundred more:
  // both materialised once, or SQLite runs them for every person), then the people of those units.
  const deliverables = await q<{ staff_id: string; due: number; late: number; missing: number }>(sql`
    with d as materialized (
      select cu.unit_path, count(*) as due, sum(case when s.late_days > 0 then 1 else 0 end) as late, sum(case when s.id is null then 1 else 0 end) as missing
      from campaigns c join campaign_units cu on cu.campaign_id = c.id
      join campaign_tasks t on t.campaign_id = c.id and t.due_on between ${period.from} and ${period.to}
      left join campaign_submissions s on s.task_id = t.id and s.unit_id = cu.unit_id
      where c.org_id = ${orgId} and c.status <> 'draft' group by cu.unit_path),
    u as materialized (
      select un.id, sum(d.due) as due, sum(d.late) as late, sum(d.missing) as missing
      from units un join d on substr(un.path, 1, length(d.unit_path)) = d.unit_path where un.org_id = ${orgId} group by un.id)
    select su.staff_id, u.due, u.late, u.missing
    from staff st join staff_units su on su.staff_id = st.id and su.is_primary = 1 join u on u.id = su.unit_id
    where st.org_id = ${orgId} and st.active = 1`);
  const sum = <R>(rows: R[], key: keyof R) => rows.reduce((a, r) => a + Number(r[key] ?? 0), 0);
  return {
    rated: sum(levels, 'rated'),
    satisfied: sum(levels, 'satisfied'),
    served: sum(served, 'served'),
    complaints: sum(incidents, 'complaints'),
    deductedMilli: sum(inspected, 'deducted'),
    vetoes: sum(incidents, 'vetoes') + sum(inspected, 'vetoed'),
    fineFen: sum(money, 'fines'),
    rewardFen: sum(money, 'rewards'),
    followUpsDue: sum(clocks, 'due'),
    followUpsOnTime: sum(clocks, 'met'),
    deliverablesDue: sum(deliverables, 'due'),
    deliverablesLate: sum(deliverables, 'late'),
    deliverablesMissing: sum(deliverables, 'missing'),
  };
}

interface Result {
  fill: number;
  first: number;
  months: number;
  ref: number;
  module: number;
  /** How much the fills (three runs, garbage included) raised the process's RSS over the generated data. */
  fillRssMb: number;
}

async function run(kind: 'sqlite' | 'postgres'): Promise<Result> {
  const { ctx, cleanup } = await benchContext(kind, {}, { now: () => now });
  try {
    const db = ctx.db.kysely;
    const org = await createOrganisation(ctx, { code: 'bench-appraisal', name: '市分行(考核基准)', sector: 'bank' });
    const root = await createUnit(ctx, systemActor(org.id, 'bench'), { code: 'BANK', name: '市分行', kind: 'organisation' });
    let t0 = performance.now();
    const generated = await generateRatingData(ctx, { orgId: org.id, parentUnitId: root.id, parentPath: root.path, units: unitsTotal, staffPerUnit: Math.round(staffTotal / unitsTotal), days: 30, lastDay: period.to, ratings: ratingsTotal, posts: ['柜员'] });
    const activity = await generateAppraisalActivity(ctx, { orgId: org.id, units: generated.units, month, now, complaints, inspections, sanctions, followUps });
    await sql.raw('analyze').execute(db);
    console.log(
      `${kind}: ${staffTotal.toLocaleString('en')} staff at ${unitsTotal} windows; November: ${generated.ratings.toLocaleString('en')} ratings (${generated.rollupRows.toLocaleString('en')} person-days), ` +
        `${activity.complaints.toLocaleString('en')} complaints, ${activity.inspections.toLocaleString('en')} inspections, ${activity.sanctions.toLocaleString('en')} sanctions, ${activity.clocks.toLocaleString('en')} follow-ups and callbacks, ` +
        `${activity.deliverables} campaign deliverables — generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const pack = await policyForOrganisation(ctx, org.id);
    // The bank pack's teller sheet (柜员): satisfaction, rating rate, complaints, inspections, vetoes, sanctions, 德能勤绩.
    const template = findAppraisalTemplate(pack, 'teller');
    if (!template) throw new Error('the bank pack has no teller template');

    // Ours, from the daily rollups (nobody has read November's statistics yet): the first read, then the median.
    const rssBefore = rssMb();
    const times: number[] = [];
    const reads: number[] = [];
    let ours: Awaited<ReturnType<typeof fill>> | null = null;
    for (let i = 0; i < runs; i++) {
      const r = await seconds(() => fill(db, org.id, template));
      times.push(r.s);
      reads.push(r.value.read);
      ours = r.value;
    }
    const rssFill = rssMb();
    // The reference, the same number of times.
    const refTimes: number[] = [];
    let ref: Totals | null = null;
    for (let i = 0; i < runs; i++) {
      const r = await seconds(() => reference(db, org.id, ratingSettings(pack).satisfaction.satisfiedLevels));
      refTimes.push(r.s);
      ref = r.value;
    }
    const mine = totalsOf(ours!.facts);
    if (JSON.stringify(mine) !== JSON.stringify(ref)) throw new Error(`the facts differ from the bare aggregate:\n ours ${JSON.stringify(mine)}\n  ref ${JSON.stringify(ref)}`);
    if (ours!.facts.size !== staffTotal) throw new Error(`${ours!.facts.size} people's facts, expected ${staffTotal}`);

    // Once the rating statistics have added November up, its ratings come from the month's rows.
    t0 = performance.now();
    await ratingFiguresOf(ctx, { orgId: org.id, ...period, groupBy: 'staff' });
    const materialise = (performance.now() - t0) / 1000;
    const monthTimes: number[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await seconds(() => fill(db, org.id, template));
      monthTimes.push(r.s);
      if (JSON.stringify(totalsOf(r.value.facts)) !== JSON.stringify(ref)) throw new Error('the facts from the month rollups differ');
    }
    // The appraisal module's use case, once (a period is filled once): the same facts and sheets, stored with their links, audited.
    const office = { ...systemActor(org.id, 'bench-office'), role: 'quality_office' as const };
    const stored = await seconds(() => createPeriod(ctx, office, { template: 'teller', period: month }));
    if (stored.value.sheets !== staffTotal) throw new Error(`the period filled ${stored.value.sheets} sheets, expected ${staffTotal}`);
    const result = { fill: median(times), first: times[0], months: median(monthTimes), ref: median(refTimes), module: stored.s, fillRssMb: rssFill - rssBefore };
    console.log(
      `${kind}: fill ${result.fill.toFixed(2)} s (reading the facts ${median(reads).toFixed(2)} s, the rest the engine's sheets; first ${result.first.toFixed(2)} s; ${ours!.facts.size.toLocaleString('en')} sheets, ${ours!.records.toLocaleString('en')} records linked, ${ours!.vetoed} vetoed), ` +
        `from the month's rollups ${result.months.toFixed(2)} s (adding the month up ${materialise.toFixed(2)} s, once); bare aggregate ${result.ref.toFixed(2)} s; the appraisal module's fill (POST /periods: sheets stored with their record links) ${result.module.toFixed(2)} s; totals agree: ` +
        `${mine.rated.toLocaleString('en')} rated, ${mine.complaints} complaints, ${(mine.deductedMilli / 1000).toLocaleString('en')} points off, ${mine.vetoes} vetoes, fines ${(mine.fineFen / 100).toLocaleString('en')} 元, ` +
        `${mine.followUpsDue} follow-ups due, ${mine.deliverablesDue} deliverables due; rss ${rssBefore} MB before, ${rssFill} MB after the fills; load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores`,
    );
    return result;
  } finally {
    await cleanup();
  }
}

export default async function main(): Promise<void> {
  const pairs: string[] = [];
  const short = { sqlite: 'sqlite', postgres: 'pg' } as const;
  for (const kind of kinds) {
    const r = await run(kind);
    const k = short[kind];
    pairs.push(`${k}_s=${r.fill.toFixed(2)}`, `${k}_ref_s=${r.ref.toFixed(2)}`, `${k}_ratio=${(r.fill / r.ref).toFixed(1)}`, `${k}_first_s=${r.first.toFixed(2)}`, `${k}_months_s=${r.months.toFixed(2)}`, `${k}_module_s=${r.module.toFixed(2)}`, `${k}_fill_rss_mb=${r.fillRssMb}`);
  }
  // The peak includes generating 1.5 M ratings in this process; the fills' own share is *_fill_rss_mb.
  pairs.push(`peak_rss_mb=${Math.round(process.resourceUsage().maxRSS / 1024)}`);
  console.log(pairs.join(' '));
}
