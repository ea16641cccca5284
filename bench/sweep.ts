/**
 * npm run bench -- sweep
 * The deadline sweep (到期扫描) over 1 million open complaints (PRODUCT.md: < 1 s per sweep), on
 * SQLite and PostgreSQL. Each complaint has a real reply clock (the hall pack's definition,
 * evaluated on the organisation's calendar), received over the last 15 days, so its next check
 * falls where the SLA engine puts it. Measured: a round at 10:00 (what came due in the minute since
 * the last one), the round at 17:31 — working-day deadlines end at close of business, so that day's
 * clocks all turn overdue and the next day's reminders fire at once (escalations fired,
 * notifications queued, lateness recorded, audited) — and the round after it (nothing left: the
 * fixed cost at a million open cases). Reference in the same run: the bare claim query alone.
 * The data is generated once and the rounds run BENCH_RUNS times (3), each on a fresh copy of it:
 * on a shared machine one run of the burst moves by a third, so the figures are the medians and
 * the burst's rate is listed for every run.
 * BENCH_CASES scales it down; BENCH_DB=sqlite|postgres|both.
 * Last line: cases=… runs=… sqlite_quiet_round_ms=… sqlite_idle_round_ms=… sqlite_close_of_business_s=…
 * sqlite_checks_per_s=… (median) sqlite_checks_per_s_runs=a,b,c sqlite_checks_per_cpu_s=… (the app
 * process's CPU time only: what a loaded machine does not distort) … postgres_…
 */
import { sql } from 'kysely';
import { seedDemo } from '../src/demo/seed.js';
import { findOrganisationByCode } from '../src/modules/organisations/service.js';
import { calendarForOrganisation } from '../src/modules/calendar/service.js';
import { policyForOrganisation } from '../src/modules/policy/service.js';
import { sweepDueClocks } from '../src/modules/cases/sweep.js';
import { evaluatedClockRow } from '../src/modules/cases/clocks.js';
import { claimDueClocks, clockTableRows } from '../src/modules/cases/repository.js';
import type { CaseClocksTable, ClockChecksTable } from '../src/db/types.js';
import { evaluateClock, startClock } from '../src/engines/sla/index.js';
import { clockFor } from '../src/policy/index.js';
import { newId } from '../src/shared/ids.js';
import { benchDataset, median, type BenchDataset } from './support.js';
import type { AppContext } from '../src/shared/context.js';
import { prng } from './generate-ratings.js';

const total = Number(process.env.BENCH_CASES ?? 1_000_000);
const kinds = (process.env.BENCH_DB ?? 'both') === 'both' ? (['sqlite', 'postgres'] as const) : ([process.env.BENCH_DB] as ('sqlite' | 'postgres')[]);
const MIN = 60_000;
/** Runs of the rounds, each on its own copy of the generated data (BENCH_RUNS). */
const repeats = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const quietAt = Date.parse('2026-11-16T10:00:00+08:00');
const burstAt = Date.parse('2026-11-16T17:31:00+08:00');
const DAY = 86_400_000;

/** Open complaints with real reply clocks, as a server leaves them after the round at 09:59. */
async function generate(ctx: AppContext, kind: 'sqlite' | 'postgres', lastRound: number) {
  await seedDemo(ctx, { password: 'bench-password' });
  const org = (await findOrganisationByCode(ctx, 'demo-hall'))!;
  const units = await ctx.db.kysely.selectFrom('units').select(['id', 'path']).where('org_id', '=', org.id).where('kind', '=', 'window').execute();
  const cal = await calendarForOrganisation(ctx, org.id);
  const c = clockFor(await policyForOrganisation(ctx, org.id), 'complaint', 'reply');
  const parsed = { id: c.id, duration: c.duration, severelyOverdue: c.severelyOverdue, escalations: c.escalations };
  const definition = JSON.stringify(parsed);
  const rand = prng(20261116);
  // Cases arrive over the last 15 days and are stored as they arrive (oldest first), as a server stores them.
  const arrivals = Float64Array.from({ length: total }, () => Math.floor(rand() * 15 * DAY)).sort().reverse();
  const batch = kind === 'postgres' ? 2000 : 1000;
  for (let i = 0; i < total; i += batch) {
    const cases: Record<string, unknown>[] = [];
    const clocks: CaseClocksTable[] = [];
    const checks: ClockChecksTable[] = [];
    const fired: Record<string, unknown>[] = [];
    for (let j = i; j < Math.min(total, i + batch); j++) {
      const received = lastRound - arrivals[j];
      const id = newId(received);
      const unit = units[j % units.length];
      cases.push({ id, org_id: org.id, type: 'complaint', tracking_no: `BS${String(j).padStart(9, '0')}`, channel: 'window', status: 'assigned', priority: 'normal', category: 'efficiency', title: '窗口办理超时', content: '基准测试数据', unit_id: unit.id, unit_path: unit.path, staff_id: null, first_responder_id: null, assignee_id: null, created_by: null, data: '{}', contact: '{}', public_code_hash: null, received_at: received, closed_at: null, created_at: received, updated_at: received, version: 1 });
      // Levels whose time had come were fired by earlier rounds.
      const run = startClock(received);
      const passed = evaluateClock(cal, parsed, run, lastRound).escalations.filter((e) => e.fireAt <= lastRound).map((e) => e.id);
      for (const level of passed) fired.push({ case_id: id, clock_id: 'reply', run: 1, level_id: level, fired_at: lastRound, fired_by: 'history' });
      const row = evaluatedClockRow(cal, { case_id: id, clock_id: 'reply', org_id: org.id, definition, run: 1 }, run, lastRound, new Set(passed));
      const { clock, check } = clockTableRows({ ...row, paused_at: null });
      clocks.push(clock);
      checks.push(check);
    }
    await ctx.db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('cases').values(cases as never).execute();
      await trx.insertInto('case_clocks').values(clocks).execute();
      await trx.insertInto('clock_checks').values(checks).execute();
      if (fired.length) await trx.insertInto('case_escalations').values(fired as never).execute();
    });
  }
}

/** One run on a fresh copy of the data: the 10:00 round, the close-of-business round and the one after it. */
async function measure(kind: 'sqlite' | 'postgres', dataset: BenchDataset, clock: { now: number }) {
  clock.now = quietAt;
  const { ctx, cleanup } = await dataset.copy();
  try {
    const started = Date.now();
    await sql.raw(kind === 'postgres' ? 'vacuum analyze' : 'analyze').execute(ctx.db.kysely);
    // PostgreSQL: the generated rows' WAL is checkpointed now, not by a checkpoint that would land
    // at a random moment of the rounds (it made the burst's figure vary by a quarter). Every page
    // the burst touches still writes its full image once, as after any checkpoint in production.
    if (kind === 'postgres') await sql.raw('checkpoint').execute(ctx.db.kysely);
    console.log(`${kind}: ${kind === 'postgres' ? 'vacuum analyze, checkpoint' : 'analyze'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const due = async () => Number((await ctx.db.kysely.selectFrom('clock_checks').select((eb) => eb.fn.countAll().as('n')).where('next_check_at', '<=', clock.now).executeTakeFirstOrThrow()).n);
    const claimOnly = async () => {
      const t0 = performance.now();
      await claimDueClocks(ctx.db.kysely, kind, { now: clock.now, limit: 500 });
      return performance.now() - t0;
    };
    const round = async () => {
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const report = await sweepDueClocks(ctx, { node: 'bench' });
      const cpu = process.cpuUsage(cpu0);
      // On a shared machine the wall clock counts the waits for a core; this process's CPU time does not (PostgreSQL's own is not in it).
      return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, report };
    };
    const quietDue = await due();
    const claimMs = await claimOnly();
    const quiet = await round();
    // Working-day deadlines end at close of business (RULES §1): that day's clocks all turn at 17:30.
    clock.now = burstAt;
    const burstDue = await due();
    const burst = await round();
    const idle = await round();
    const perSecond = burst.report.checked / (burst.ms / 1000);
    const perCpuSecond = burst.report.checked / (burst.cpuMs / 1000);
    console.log(`${kind}: 10:00 round: ${quietDue} clocks due, ${quiet.report.fired} escalations fired in ${quiet.ms.toFixed(1)} ms (the bare claim query: ${claimMs.toFixed(1)} ms)`);
    console.log(`${kind}: 17:31 round (close of business): ${burstDue} clocks due, ${burst.report.fired} escalations fired, ${burst.report.latenessChanges} lateness changes in ${(burst.ms / 1000).toFixed(1)} s (${perSecond.toFixed(0)} checks/s, ${perCpuSecond.toFixed(0)} per CPU-second of this process; batches of ${ctx.config.sweepBatch}, one transaction each)`);
    console.log(`${kind}: the next round (nothing due): ${idle.ms.toFixed(1)} ms`);
    if (burst.report.checked !== burstDue) throw new Error(`the round checked ${burst.report.checked} of ${burstDue} due clocks`);
    return { quiet: quiet.ms, idle: idle.ms, burst: burst.ms, burstDue, perSecond, perCpuSecond, claim: claimMs };
  } finally {
    await cleanup();
  }
}

async function run(kind: 'sqlite' | 'postgres') {
  // A Monday at 10:00 in Beijing, inside the seeded schedules; the clock moves only when told.
  const clock = { now: quietAt };
  const env: Record<string, string> = process.env.YOUZHI_SWEEP_BATCH ? { YOUZHI_SWEEP_BATCH: process.env.YOUZHI_SWEEP_BATCH } : {};
  const started = Date.now();
  // The last round ran a minute before 10:00: every clock is stored as that round left it.
  const dataset = await benchDataset(kind, (ctx) => generate(ctx, kind, quietAt - MIN), env, { now: () => clock.now });
  console.log(`${kind}: ${total.toLocaleString()} open complaints with reply clocks in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  try {
    const runs = [];
    for (let i = 0; i < repeats; i++) {
      console.log(`${kind}: run ${i + 1} of ${repeats}, on a fresh copy of the data`);
      runs.push(await measure(kind, dataset, clock));
    }
    return runs;
  } finally {
    await dataset.drop();
  }
}

export default async function main() {
  const out: string[] = [];
  for (const kind of kinds) {
    const runs = await run(kind);
    const mid = (pick: (r: (typeof runs)[number]) => number) => median(runs.map(pick));
    const burstSeconds = runs.map((r) => (r.burst / 1000).toFixed(1)).join(',');
    const perSecond = runs.map((r) => r.perSecond.toFixed(0)).join(',');
    console.log(`${kind}: close of business in ${runs.length} runs: ${burstSeconds} s, ${perSecond} checks/s (the median is reported)`);
    out.push(`${kind}_quiet_round_ms=${mid((r) => r.quiet).toFixed(1)} ${kind}_idle_round_ms=${mid((r) => r.idle).toFixed(1)} ${kind}_claim_ms=${mid((r) => r.claim).toFixed(1)} ${kind}_close_of_business_due=${runs[0].burstDue} ${kind}_close_of_business_s=${(mid((r) => r.burst) / 1000).toFixed(1)} ${kind}_checks_per_s=${mid((r) => r.perSecond).toFixed(0)} ${kind}_checks_per_s_runs=${perSecond} ${kind}_checks_per_cpu_s=${mid((r) => r.perCpuSecond).toFixed(0)}`);
  }
  console.log(`cases=${total} runs=${repeats} ${out.join(' ')}`);
}
