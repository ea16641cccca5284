/**
 * npm run bench -- dashboard
 * The quality dashboard's month view (GET /api/v1/dashboard?month=…, quality office, whole
 * organisation) at 10 million ratings (daily rollups from bench/generate-ratings.ts: 200 windows ×
 * 3 staff × 365 days) and 1 million cases with their reply clocks (multi-row inserts,
 * bench/generate-activity.ts), on SQLite and PostgreSQL, as a server runs it: the background
 * round's start-up pass materialises the closed months of the trend first (timed on its own), then
 * a fresh app answers its cold first request and BENCH_REQUESTS (≥ 30) timed requests after warm-up
 * (p95) — the last closed month for the whole organisation and for one window's subtree (the
 * unit-head path: its 超期 count meets the overdue clocks with the subtree's cases), and the current
 * (open) month. Last, the materialised months are dropped and one request times the fallback a user
 * meets before the start-up pass is done (every closed month added up live).
 * Goals (issue 20 item 5): p95 < 100 ms for the organisation and for the subtree, cold first request < 2 s.
 * BENCH_CASES, BENCH_RATINGS scale it down; BENCH_DB=sqlite|postgres|both.
 * Last line: <db>_dashboard_p95_ms=… <db>_dashboard_scoped_p95_ms=… <db>_dashboard_cold_ms=… per database.
 */
import { sql } from 'kysely';
import { buildApp } from '../src/server/app.js';
import { seedDemo } from '../src/demo/seed.js';
import { findOrganisationByCode } from '../src/modules/organisations/service.js';
import { findUnitByCode } from '../src/modules/units/service.js';
import { benchContext, median, quantile, timedGetAs } from './support.js';
import { generateRatingData } from './generate-ratings.js';
import { generateCaseData } from './generate-activity.js';
import { materialiseClosedMonths } from '../src/modules/dashboard/index.js';
import { forgetMaterialisedMonths } from '../src/modules/dashboard/summary.js';

const ratingsTotal = Number(process.env.BENCH_RATINGS ?? 10_000_000);
const casesTotal = Number(process.env.BENCH_CASES ?? 1_000_000);
const requests = Math.max(30, Number(process.env.BENCH_REQUESTS ?? 40));
const kinds = (process.env.BENCH_DB ?? 'both') === 'both' ? (['sqlite', 'postgres'] as const) : ([process.env.BENCH_DB] as ('sqlite' | 'postgres')[]);

const localDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

interface Figures {
  p95: number;
  current: number;
  cold: number;
  scoped: number;
  startup: number;
  unmaterialised: number;
}

async function run(kind: 'sqlite' | 'postgres'): Promise<Figures> {
  const { ctx, cleanup } = await benchContext(kind);
  try {
    await seedDemo(ctx, { password: 'bench-password' });
    const org = (await findOrganisationByCode(ctx, 'demo-hall'))!;
    const parent = (await findUnitByCode(ctx, org.id, 'G-A'))!;
    const now = Date.now();
    const today = localDate(now);
    let started = Date.now();
    const ratings = await generateRatingData(ctx, { orgId: org.id, parentUnitId: parent.id, parentPath: parent.path, units: 200, staffPerUnit: 3, days: 365, lastDay: today, ratings: ratingsTotal });
    console.log(`${kind}: ${ratings.ratings.toLocaleString()} ratings as ${ratings.rollupRows.toLocaleString()} rollup rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const units = await ctx.db.kysely.selectFrom('units').select(['id', 'path']).where('org_id', '=', org.id).where('kind', '=', 'window').execute();
    started = Date.now();
    const cases = await generateCaseData(ctx, { orgId: org.id, units, cases: casesTotal, days: 365, lastDay: today, now });
    console.log(`${kind}: ${cases.cases.toLocaleString()} cases, ${cases.clocks.toLocaleString()} reply clocks in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    started = Date.now();
    await sql.raw(kind === 'postgres' ? 'vacuum analyze' : 'analyze').execute(ctx.db.kysely);
    console.log(`${kind}: ${kind === 'postgres' ? 'vacuum analyze' : 'analyze'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    // Start-up: the background round's first pass (src/jobs/scheduler.ts), before users arrive.
    let t0 = performance.now();
    const materialised = await materialiseClosedMonths(ctx, { node: 'bench' });
    const startup = performance.now() - t0;
    console.log(`${kind}: start-up pass of the background round: ${materialised.length} closed months materialised (12 per organisation) in ${(startup / 1000).toFixed(1)} s — no request waits for it`);

    const app = await buildApp(ctx, { logger: { level: 'error' } });
    const get = await timedGetAs(app, 'hall-quality-office', 'bench-password');
    const currentMonth = today.slice(0, 7);
    const d = new Date(`${currentMonth}-01T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() - 1);
    const lastMonth = d.toISOString().slice(0, 7);
    const series = async (month: string, extra = '') => {
      const ms: number[] = [];
      for (let i = 0; i < requests; i++) ms.push((await get(`/api/v1/dashboard?month=${month}${extra}`)).ms);
      return ms;
    };
    const cold = await get(`/api/v1/dashboard?month=${lastMonth}`);
    const view = cold.body;
    if (view.complaints.received.value === 0 || view.ratings.ratings.value === 0) throw new Error('empty dashboard: the generators wrote nothing for the month');
    console.log(`${kind}: ${lastMonth}: ${view.complaints.received.value.toLocaleString()} complaints, on time ${view.complaints.replyOnTime.value} %, ${view.ratings.ratings.value.toLocaleString()} ratings, satisfaction ${view.ratings.satisfactionRate.value} %, ${view.ranking.windows.length} windows ranked, ${view.thresholds.breaches.length} threshold breaches`);
    for (let i = 0; i < 3; i++) await get(`/api/v1/dashboard?month=${currentMonth}`);
    const full = await series(lastMonth);
    const current = await series(currentMonth);
    // One window's subtree, as its unit head sees it.
    const scoped = await series(lastMonth, `&unitId=${units[0].id}`);
    // The fallback before the start-up pass is done: nothing materialised, every closed month of the trend added up live.
    await forgetMaterialisedMonths(ctx, org.id);
    t0 = performance.now();
    const fallback = await get(`/api/v1/dashboard?month=${lastMonth}`);
    const unmaterialised = performance.now() - t0;
    // The closed month's figures (not those "now", such as overdue, which move with the clock).
    const closedFigures = (v: typeof view) => JSON.stringify([v.trend, v.ratings, v.complaints.received, v.complaints.replyOnTime, v.ranking, v.negative.rectifications]);
    if (closedFigures(fallback.body) !== closedFigures(view)) throw new Error('the month added up live differs from the materialised month');
    const f: Figures = { p95: quantile(full, 0.95), current: quantile(current, 0.95), cold: cold.ms, scoped: quantile(scoped, 0.95), startup, unmaterialised };
    const line = (ms: number[]) => `median ${median(ms).toFixed(1)} ms, p95 ${quantile(ms, 0.95).toFixed(1)} ms over ${ms.length} requests`;
    console.log(`${kind}: month view ${lastMonth} (closed), whole organisation: ${line(full)} — reference p95 < 100 ms`);
    console.log(`${kind}: month view ${lastMonth}, one window's subtree:       ${line(scoped)} — reference p95 < 100 ms (148 ms before the background materialisation)`);
    console.log(`${kind}: month view ${currentMonth} (open), whole organisation:   ${line(current)}`);
    console.log(`${kind}: cold first request after start-up ${f.cold.toFixed(0)} ms — reference < 2,000 ms (11–13 s when the request materialised the months)`);
    console.log(`${kind}: first request before the start-up pass is done (live fallback, same figures) ${unmaterialised.toFixed(0)} ms`);
    await app.close();
    return f;
  } finally {
    await cleanup();
  }
}

export default async function main(): Promise<void> {
  console.log(`dashboard benchmark: ${ratingsTotal.toLocaleString()} ratings, ${casesTotal.toLocaleString()} cases, ${requests} requests per series`);
  const pairs: string[] = [];
  for (const kind of kinds) {
    const r = await run(kind);
    console.log(`${kind}_dashboard_current_month_p95_ms=${r.current.toFixed(1)} ${kind}_dashboard_startup_materialise_ms=${r.startup.toFixed(0)} ${kind}_dashboard_unmaterialised_ms=${r.unmaterialised.toFixed(0)}`);
    pairs.push(`${kind}_dashboard_p95_ms=${r.p95.toFixed(1)} ${kind}_dashboard_scoped_p95_ms=${r.scoped.toFixed(1)} ${kind}_dashboard_cold_ms=${r.cold.toFixed(0)}`);
  }
  console.log(pairs.join(' '));
}
