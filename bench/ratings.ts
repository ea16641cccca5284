/**
 * npm run bench -- ratings
 * 1. Ingestion: the public rating POST (validated, stored, rollup updated) against a bare route
 *    that only inserts the same row into the same database, side by side in one run, on SQLite
 *    and on PostgreSQL (goal: ≥ 60 % of the bare route's throughput).
 * 2. Statistics at 10 million ratings (rollups from bench/generate-ratings.ts): p95 of the
 *    month view (groupBy=unit) and of the year trend (groupBy=month), with the indicators and 差评
 *    reasons (the API's default) and, for the trend, counts only (details=false, as the dashboard's
 *    chart asks); goal p95 < 100 ms.
 * Last line: name=value pairs. BENCH_SECONDS, BENCH_RATINGS, BENCH_DB=sqlite|postgres|both, BENCH_PART=ingest|stats|both tune it.
 */
import autocannon from 'autocannon';
import { buildApp } from '../src/server/app.js';
import { seedDemo } from '../src/demo/seed.js';
import { newId } from '../src/shared/ids.js';
import { encodeStandingCode } from '../src/modules/ratings/codes.js';
import { findOrganisationByCode } from '../src/modules/organisations/service.js';
import { findUnitByCode } from '../src/modules/units/service.js';
import { benchContext, median, quantile } from './support.js';
import { generateRatingData } from './generate-ratings.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 4);
const ratingsTotal = Number(process.env.BENCH_RATINGS ?? 10_000_000);
const parts = process.env.BENCH_PART ?? 'both';
const kinds = (process.env.BENCH_DB ?? 'both') === 'both' ? (['sqlite', 'postgres'] as const) : ([process.env.BENCH_DB] as ('sqlite' | 'postgres')[]);

async function load(url: string, body: string): Promise<number> {
  const r = await autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections: 8, duration: seconds, workers: 1 });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return r.requests.average;
}

async function ingestion(kind: 'sqlite' | 'postgres'): Promise<number> {
  const { ctx, cleanup } = await benchContext(kind, { YOUZHI_RATE_LIMIT_ALLOW: '127.0.0.1' });
  try {
    await seedDemo(ctx, { password: 'bench-password' });
    const org = (await findOrganisationByCode(ctx, 'demo-hall'))!;
    const unit = (await findUnitByCode(ctx, org.id, 'G-A-01'))!;
    const app = await buildApp(ctx);
    // The reference: the same row, inserted with no validation, no rollup, no access to anything
    // else — the fastest way each database takes it: on SQLite a prepared statement run while
    // holding Kysely's connection (as the public path does), on PostgreSQL one insert.
    const bareRow = (now: number) => ({ id: newId(now), org_id: org.id, unit_id: unit.id, unit_path: unit.path, staff_id: null, service_item_id: null, source: 'code', token_id: null, level: 5, indicators: '{}', reasons: '[]', comment: null, contact_name: null, contact_phone: null, idempotency_key: null, request_hash: null, rated_at: now, rated_date: '2026-11-22', excluded: 0, case_id: null });
    const raw = ctx.db.sqlite;
    const insert = raw?.prepare(`insert into ratings (${Object.keys(bareRow(0)).join(', ')}) values (${Object.keys(bareRow(0)).map(() => '?').join(', ')})`);
    app.post('/bench/bare-rating', { config: { auth: 'public' } }, async (_req, reply) => {
      const row = bareRow(Date.now());
      if (insert) await ctx.db.kysely.connection().execute(async () => void insert.run(Object.values(row)));
      else await ctx.db.kysely.insertInto('ratings').values(row).execute();
      return reply.status(201).send({ ok: true });
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as { port: number }).port;
    const code = encodeStandingCode(ctx.config.secret!, { orgId: org.id, unitId: unit.id, staffId: null });
    const body = JSON.stringify({ code, level: 5, indicators: { overall: 5 } });
    await load(`http://127.0.0.1:${port}/bench/bare-rating`, body); // warm-up
    await load(`http://127.0.0.1:${port}/api/v1/public/ratings`, body);
    const bare: number[] = [];
    const real: number[] = [];
    for (let round = 0; round < 3; round++) {
      bare.push(await load(`http://127.0.0.1:${port}/bench/bare-rating`, body));
      real.push(await load(`http://127.0.0.1:${port}/api/v1/public/ratings`, body));
      console.log(`  ${kind} round ${round + 1}: bare ${bare[round].toFixed(0)} req/s, public rating ${real[round].toFixed(0)} req/s`);
    }
    await app.close();
    const ratio = median(real) / median(bare);
    console.log(`${kind}: public rating POST ${median(real).toFixed(0)} req/s vs bare insert ${median(bare).toFixed(0)} req/s → ${(ratio * 100).toFixed(1)} %`);
    return ratio;
  } finally {
    await cleanup();
  }
}

async function statistics(kind: 'sqlite' | 'postgres'): Promise<{ month: number; year: number; yearCounts: number }> {
  const { ctx, cleanup } = await benchContext(kind);
  try {
    await seedDemo(ctx, { password: 'bench-password' });
    const org = (await findOrganisationByCode(ctx, 'demo-hall'))!;
    const parent = (await findUnitByCode(ctx, org.id, 'G-A'))!;
    const started = Date.now();
    const generated = await generateRatingData(ctx, { orgId: org.id, parentUnitId: parent.id, parentPath: parent.path, units: 200, staffPerUnit: 3, days: 365, lastDay: '2026-11-30', ratings: ratingsTotal });
    console.log(`${kind}: generated ${generated.ratings.toLocaleString()} ratings as ${generated.rollupRows.toLocaleString()} daily rollups in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const app = await buildApp(ctx);
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'hall-quality-office', password: 'bench-password' } });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const time = async (url: string, n: number) => {
      const ms: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        const res = await app.inject({ method: 'GET', url, headers: { cookie } });
        ms.push(performance.now() - t0);
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        if (i === 0 && JSON.parse(res.body).groups.length === 0) throw new Error('no groups: the generator wrote nothing');
      }
      return ms;
    };
    await time('/api/v1/stats/ratings?from=2026-11-01&to=2026-11-30&groupBy=unit', 5);
    const month = quantile(await time('/api/v1/stats/ratings?from=2026-11-01&to=2026-11-30&groupBy=unit', 60), 0.95);
    const year = quantile(await time('/api/v1/stats/ratings?from=2025-12-01&to=2026-11-30&groupBy=month', 30), 0.95);
    const yearCounts = quantile(await time('/api/v1/stats/ratings?from=2025-12-01&to=2026-11-30&groupBy=month&details=false', 30), 0.95);
    console.log(`${kind}: statistics p95 — month view by window ${month.toFixed(1)} ms, 12-month trend ${year.toFixed(1)} ms (counts only ${yearCounts.toFixed(1)} ms)`);
    await app.close();
    return { month, year, yearCounts };
  } finally {
    await cleanup();
  }
}

export default async function run(): Promise<void> {
  const pairs: string[] = [];
  if (parts !== 'stats') for (const kind of kinds) pairs.push(`${kind}_ingest_ratio=${(await ingestion(kind)).toFixed(3)}`);
  if (parts !== 'ingest') for (const kind of kinds) {
    const s = await statistics(kind);
    pairs.push(`${kind}_stats_month_p95_ms=${s.month.toFixed(1)}`, `${kind}_stats_year_p95_ms=${s.year.toFixed(1)}`, `${kind}_stats_year_counts_p95_ms=${s.yearCounts.toFixed(1)}`);
  }
  console.log(pairs.join(' '));
}
