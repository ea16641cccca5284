/**
 * npm run bench -- dashboard
 * The quality dashboard's month view (GET /api/v1/dashboard?month=…, quality office, whole
 * organisation) at 10 million ratings (daily rollups from bench/generate-ratings.ts: 200 windows ×
 * 3 staff × 365 days) and 1 million cases with their reply clocks (multi-row inserts,
 * bench/generate-activity.ts), on SQLite and PostgreSQL. p95 over BENCH_REQUESTS (≥ 30) requests
 * after warm-up; the cold first request (which materialises the closed months, the viewed one too) is
 * reported separately, as are the current (open) month and one window's subtree (the unit-head path,
 * which joins each reply clock to its case). Goal: p95 < 100 ms.
 * BENCH_CASES, BENCH_RATINGS scale it down; BENCH_DB=sqlite|postgres|both.
 * Last line: sqlite_dashboard_p95_ms=… postgres_dashboard_p95_ms=…
 */
import { sql } from 'kysely';
import { buildApp } from '../src/server/app.js';
import { seedDemo } from '../src/demo/seed.js';
import { findOrganisationByCode } from '../src/modules/organisations/service.js';
import { findUnitByCode } from '../src/modules/units/service.js';
import { benchContext, median, quantile, timedGetAs } from './support.js';
import { generateRatingData } from './generate-ratings.js';
import { generateCaseData } from './generate-activity.js';

const ratingsTotal = Number(process.env.BENCH_RATINGS ?? 10_000_000);
const casesTotal = Number(process.env.BENCH_CASES ?? 1_000_000);
const requests = Math.max(30, Number(process.env.BENCH_REQUESTS ?? 40));
const kinds = (process.env.BENCH_DB ?? 'both') === 'both' ? (['sqlite', 'postgres'] as const) : ([process.env.BENCH_DB] as ('sqlite' | 'postgres')[]);

const localDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

async function run(kind: 'sqlite' | 'postgres'): Promise<{ p95: number; current: number; cold: number; scoped: number }> {
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
    console.log(`${kind}: first request (materialises the closed months: the trend's and, once it has ended, the month itself) ${cold.ms.toFixed(0)} ms`);
    for (let i = 0; i < 3; i++) await get(`/api/v1/dashboard?month=${currentMonth}`);
    const full = await series(lastMonth);
    const current = await series(currentMonth);
    // One window's subtree: the per-unit reply figures need each clock's case (a join), as for unit heads.
    const scoped = await series(lastMonth, `&unitId=${units[0].id}`);
    console.log(`${kind}: month view ${lastMonth} (closed): median ${median(full).toFixed(1)} ms, p95 ${quantile(full, 0.95).toFixed(1)} ms over ${full.length} requests`);
    console.log(`${kind}: month view ${currentMonth} (open):   median ${median(current).toFixed(1)} ms, p95 ${quantile(current, 0.95).toFixed(1)} ms over ${current.length} requests`);
    console.log(`${kind}: month view ${lastMonth}, one window's subtree: median ${median(scoped).toFixed(1)} ms, p95 ${quantile(scoped, 0.95).toFixed(1)} ms over ${scoped.length} requests`);
    await app.close();
    return { p95: quantile(full, 0.95), current: quantile(current, 0.95), cold: cold.ms, scoped: quantile(scoped, 0.95) };
  } finally {
    await cleanup();
  }
}

export default async function main(): Promise<void> {
  console.log(`dashboard benchmark: ${ratingsTotal.toLocaleString()} ratings, ${casesTotal.toLocaleString()} cases, ${requests} requests per series`);
  const pairs: string[] = [];
  for (const kind of kinds) {
    const r = await run(kind);
    pairs.push(`${kind}_dashboard_p95_ms=${r.p95.toFixed(1)}`);
    console.log(`${kind}_dashboard_current_month_p95_ms=${r.current.toFixed(1)} ${kind}_dashboard_scoped_p95_ms=${r.scoped.toFixed(1)} ${kind}_dashboard_cold_ms=${r.cold.toFixed(0)}`);
  }
  console.log(pairs.join(' '));
}
