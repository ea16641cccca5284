/**
 * npm run bench -- inspections
 *
 * 1. Scoring throughput: the engine's scoreInspection (compiled template, as the service calls it)
 *    on the shipped hospital-scorecard and bank-mystery-shopper templates, beside a hand-written
 *    loop that knows only that one template (integer thousandths, caps). Both must give the same
 *    score (and veto) for every input before anything is timed. The engine validates every result
 *    and is general, so scoring_ratio (engine / hand loop) below 1 is expected.
 * 2. The coverage screen of a province-sized bank: a unit tree province → BENCH_BRANCHES 一级支行 →
 *    BENCH_OUTLETS outlets, BENCH_INSPECTIONS inspections over the last year written in bulk with
 *    the real schema (scored by the engine, item rows as the service writes them), then the quality
 *    office's screens through app.inject: the quarter's generated plan, the last quarter's bands and
 *    the first page of the inspection list. p50/p95 over BENCH_REQUESTS requests after warm-up.
 *    Goal: p95 < 200 ms.
 * BENCH_DB=sqlite|postgres|both; BENCH_SCORING_N scales part 1.
 * Last line: scoring_ratio=… and <db>_<endpoint>_p95_ms=…
 */
import { sql } from 'kysely';
import { buildApp } from '../src/server/app.js';
import { prng } from '../src/demo/activity-data.js';
import { compileTemplate, fromMilli, scoreInspection, toMilli, type CompiledTemplate, type ItemResult, type ScoreResult } from '../src/engines/scoring/index.js';
import { hospitalScorecard } from '../src/policy/presets/templates/hospital-scorecard.js';
import { bankMysteryShopper } from '../src/policy/presets/templates/bank-mystery-shopper.js';
import { systemActor } from '../src/shared/access.js';
import { newId } from '../src/shared/ids.js';
import { chunks } from '../src/db/chunks.js';
import { createOrganisation } from '../src/modules/organisations/service.js';
import { createUser } from '../src/modules/users/service.js';
import { currentTemplate } from '../src/modules/inspections/templates.js';
import { itemRows, type InspectionInput } from '../src/modules/inspections/service.js';
import type { InspectionItemsTable, InspectionsTable, UnitsTable } from '../src/db/types.js';
import { benchContext, median, quantile, timedGetAs } from './support.js';

const scoringN = Number(process.env.BENCH_SCORING_N ?? 50_000);
const outletsTotal = Number(process.env.BENCH_OUTLETS ?? 2_000);
const branchesTotal = Number(process.env.BENCH_BRANCHES ?? 20);
const inspectionsTotal = Number(process.env.BENCH_INSPECTIONS ?? 50_000);
const requests = Math.max(20, Number(process.env.BENCH_REQUESTS ?? 50));
const kinds = (process.env.BENCH_DB ?? 'both') === 'both' ? (['sqlite', 'postgres'] as const) : ([process.env.BENCH_DB] as ('sqlite' | 'postgres')[]);
const ROUNDS = 5;
const DAY = 86_400_000;
const password = 'bench-password';

// Part 1: scoring ----------------------------------------------------------------------------------

/** The hospital scorecard by hand (004:L202–204): deduct from 10, per case or per failed indicator, capped. */
function hospitalByHand(results: ItemResult[]): { milli: number; vetoed: boolean } {
  let lost = 0;
  for (const r of results) {
    const cases = r.cases ?? 0;
    const obs = r.observations ?? [];
    switch (r.item) {
      case 'lawful':
        lost += Math.min(cases * 1000, 1000);
        break;
      case 'service': {
        let n = cases;
        for (const o of obs) if ((o.metric === 'window_wait' && o.value > 10) || (o.metric === 'equipment_report' && o.value > 24) || (o.metric === 'routine_test' && o.value > 30)) n++;
        lost += Math.min(n * 100, 1000);
        break;
      }
      case 'quality': {
        let f = 0;
        for (const o of obs) {
          const v = o.value;
          switch (o.metric) {
            case 'major_incident':
            case 'grade_c_records':
              if (v > 0) f++;
              break;
            case 'incident_reporting':
              if (v < 100) f++;
              break;
            case 'average_stay':
              if (v > 10) f++;
              break;
            case 'prescription_compliance':
              if (v < 98) f++;
              break;
            case 'grade_a_records':
              if (v < 85) f++;
              break;
            case 'drug_ratio':
              if (v > 30) f++;
              break;
          }
        }
        lost += Math.min(f * 500, 3000);
        break;
      }
      case 'fees':
      case 'care':
        lost += Math.min(cases * 200, 1000);
        break;
    }
  }
  return { milli: Math.max(0, 10_000 - lost), vetoed: false };
}

const hardwarePoints: Record<string, number> = { self_service: 10_000, unionpay_sign: 5_000, premises: 10_000, signage: 10_000, notices: 5_000 };

/** The mystery-shopper check by hand (003:L436–448): 100 earned, a failed hardware item loses its points, −5 per lapse capped at 10, veto flags. */
function bankByHand(results: ItemResult[]): { milli: number; vetoed: boolean } {
  let lost = 0;
  let vetoed = false;
  for (const r of results) {
    if (r.item === 'founded_complaint') vetoed ||= r.pass === false;
    else if (r.item in hardwarePoints) lost += r.pass === false ? hardwarePoints[r.item] : 0;
    else lost += Math.min((r.cases ?? 0) * 5_000, 10_000);
  }
  return { milli: Math.max(0, 100_000 - lost), vetoed };
}

const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const oneDecimal = (x: number) => Math.round(x * 10) / 10;

function hospitalInputs(rand: () => number, n: number): ItemResult[][] {
  const quality: [string, () => number][] = [
    ['major_incident', () => (rand() < 0.05 ? 1 : 0)],
    ['incident_reporting', () => (rand() < 0.8 ? 100 : oneDecimal(90 + rand() * 10))],
    ['average_stay', () => oneDecimal(6 + rand() * 6)],
    ['prescription_compliance', () => oneDecimal(95 + rand() * 5)],
    ['grade_a_records', () => oneDecimal(80 + rand() * 20)],
    ['grade_c_records', () => (rand() < 0.1 ? Math.ceil(rand() * 3) : 0)],
    ['drug_ratio', () => oneDecimal(20 + rand() * 15)],
  ];
  return Array.from({ length: n }, () => {
    const out: ItemResult[] = [];
    if (rand() < 0.5) out.push({ item: 'lawful', cases: rand() < 0.9 ? 0 : 1 });
    const waits = Array.from({ length: Math.floor(rand() * 8) }, () => ({ metric: pick(rand, ['window_wait', 'equipment_report', 'routine_test']), value: Math.floor(rand() * 40) }));
    out.push({ item: 'service', observations: waits, ...(rand() < 0.2 ? { cases: Math.floor(rand() * 4) } : {}) });
    out.push({ item: 'quality', observations: quality.filter(() => rand() < 0.7).map(([metric, value]) => ({ metric, value: value() })) });
    for (const item of ['fees', 'care']) if (rand() < 0.6) out.push({ item, cases: Math.floor(rand() * 7) });
    if (rand() < 0.1) out.push({ item: 'relations', note: '待定义' });
    return out;
  });
}

/** A mystery-shopper visit: mostly passes, a few lapses, a rare founded complaint (scores spread around 85–100). */
function bankResults(rand: () => number): ItemResult[] {
  const out: ItemResult[] = [];
  for (const item of Object.keys(hardwarePoints)) out.push({ item, pass: rand() >= 0.08 });
  for (const item of ['lobby_manager_dress', 'teller_phone', 'fee_knowledge', 'count_reminder', 'lobby_manager_service', 'security_guard']) {
    if (rand() < 0.8) out.push({ item, cases: rand() < 0.85 ? 0 : Math.ceil(rand() * 3) });
  }
  if (rand() < 0.3) out.push({ item: 'founded_complaint', pass: rand() >= 0.02 });
  return out;
}

type Scorer = (results: ItemResult[]) => { milli: number; vetoed: boolean };

/** Every input scores the same both ways; returns the number of mismatches. */
function agreement(name: string, compiled: CompiledTemplate, hand: Scorer, inputs: ItemResult[][]): number {
  let bad = 0;
  for (const results of inputs) {
    const e = scoreInspection({ template: compiled, results });
    const h = hand(results);
    if (e.score !== fromMilli(h.milli) || e.vetoed !== h.vetoed) {
      if (bad < 5) console.log(`  ${name} mismatch: engine ${e.score}${e.vetoed ? ' (veto)' : ''}, hand ${fromMilli(h.milli)}${h.vetoed ? ' (veto)' : ''} for ${JSON.stringify(results)}`);
      bad++;
    }
  }
  return bad;
}

/** ops/s of `fn` over the inputs, median of ROUNDS rounds; engine and hand loop alternate within a round. */
function throughput(compiled: CompiledTemplate, hand: Scorer, inputs: ItemResult[][]): { engine: number; hand: number } {
  let sink = 0;
  const engineRun = () => {
    const t0 = performance.now();
    for (const results of inputs) sink += scoreInspection({ template: compiled, results }).score;
    return inputs.length / ((performance.now() - t0) / 1000);
  };
  // The hand loop is far faster: several passes per round for a measurable time.
  const passes = 20;
  const handRun = () => {
    const t0 = performance.now();
    for (let p = 0; p < passes; p++) for (const results of inputs) sink += hand(results).milli;
    return (inputs.length * passes) / ((performance.now() - t0) / 1000);
  };
  engineRun();
  handRun();
  const e: number[] = [];
  const h: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    e.push(engineRun());
    h.push(handRun());
  }
  if (sink === 0.5) console.log('unreachable'); // keeps the results alive
  return { engine: median(e), hand: median(h) };
}

async function scoring(): Promise<{ ratio: number; mismatches: number; pairs: string[] }> {
  const rand = prng(0x5c0_2026);
  const cases: [string, CompiledTemplate, Scorer, ItemResult[][]][] = [
    ['hospital-scorecard', compileTemplate(hospitalScorecard), hospitalByHand, hospitalInputs(rand, scoringN)],
    ['bank-mystery-shopper', compileTemplate(bankMysteryShopper), bankByHand, Array.from({ length: scoringN }, () => bankResults(rand))],
  ];
  let mismatches = 0;
  const ratios: number[] = [];
  const pairs: string[] = [];
  for (const [name, compiled, hand, inputs] of cases) {
    const bad = agreement(name, compiled, hand, inputs);
    mismatches += bad;
    console.log(`${name}: agreement ${inputs.length - bad}/${inputs.length} identical scores`);
    const t = throughput(compiled, hand, inputs);
    ratios.push(t.engine / t.hand);
    const key = name.split('-')[0];
    console.log(`${name}: engine ${Math.round(t.engine).toLocaleString('en')} ops/s, hand loop ${Math.round(t.hand).toLocaleString('en')} ops/s, ratio ${(t.engine / t.hand).toFixed(3)}`);
    pairs.push(`${key}_engine_ops_per_s=${Math.round(t.engine)}`, `${key}_hand_ops_per_s=${Math.round(t.hand)}`, `${key}_ratio=${(t.engine / t.hand).toFixed(3)}`);
  }
  // One figure: the geometric mean of the two templates' ratios.
  return { ratio: Math.sqrt(ratios[0] * ratios[1]), mismatches, pairs };
}

// Part 2: the coverage screen ----------------------------------------------------------------------

/** Local (Beijing, the bank pack's offset) quarter of an instant: 2026-Q4. */
function quarterOf(ms: number): string {
  const d = new Date(ms + 8 * 3_600_000);
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

function previousQuarter(q: string): string {
  const [y, n] = [Number(q.slice(0, 4)), Number(q.slice(6))];
  return n === 1 ? `${y - 1}-Q4` : `${y}-Q${n - 1}`;
}

/** The province's unit tree, written in bulk: province → branches → outlets. */
async function generateUnits(db: Awaited<ReturnType<typeof benchContext>>['ctx']['db']['kysely'], orgId: string, now: number) {
  const unit = (parent: UnitsTable | null, code: string, name: string, kind: string, sort: number): UnitsTable => {
    const id = newId(now);
    return { id, org_id: orgId, parent_id: parent?.id ?? null, code, name, kind, path: `${parent?.path ?? '/'}${id}/`, sort_order: sort, phone: null, created_at: now, updated_at: now, version: 1 };
  };
  const root = unit(null, 'PROV', '省分行', 'organisation', 0);
  const branches = Array.from({ length: branchesTotal }, (_, b) => unit(root, `B${b + 1}`, `第${b + 1}一级支行`, 'branch', b));
  const outlets = Array.from({ length: outletsTotal }, (_, o) => unit(branches[o % branchesTotal], `B${(o % branchesTotal) + 1}-O${o + 1}`, `${o + 1}号网点`, 'outlet', o));
  for (const rows of chunks([root, ...branches, ...outlets])) await db.insertInto('units').values(rows).execute();
  return outlets;
}

async function coverage(kind: 'sqlite' | 'postgres'): Promise<Record<string, { p50: number; p95: number }>> {
  const { ctx, cleanup } = await benchContext(kind);
  try {
    const db = ctx.db.kysely;
    const now = Date.now();
    let started = Date.now();
    const org = await createOrganisation(ctx, { code: 'bench-bank', name: '省分行(基准)', sector: 'bank' });
    const sys = systemActor(org.id, 'bench');
    await createUser(ctx, sys, { username: 'bench-quality', password, role: 'quality_office' });
    const outlets = await generateUnits(db, org.id, now);
    const template = await currentTemplate(ctx, org.id, 'bank-mystery-shopper');
    // Inspections over the last 365 days, scored by the engine; item rows exactly as the service writes them.
    const rand = prng(20261204);
    const inspectionKinds = ['mystery_shopper', 'mystery_shopper', 'mystery_shopper', 'unannounced', 'video_review'];
    let itemCount = 0;
    // One transaction per 1,000 inspections.
    for (let done = 0; done < inspectionsTotal; done += 1_000) {
      const rows: InspectionsTable[] = [];
      const items: InspectionItemsTable[] = [];
      for (let k = done; k < Math.min(inspectionsTotal, done + 1_000); k++) {
        const outlet = outlets[Math.floor(rand() * outlets.length)];
        const performedAt = now - Math.floor(rand() * 365 * DAY);
        const results = bankResults(rand);
        const r: ScoreResult = scoreInspection({ template: template.compiled, results });
        const id = newId(performedAt);
        rows.push({
          id,
          org_id: org.id,
          unit_id: outlet.id,
          unit_path: outlet.path,
          staff_id: null,
          template_code: template.template.code,
          template_version: template.version,
          kind: pick(rand, inspectionKinds),
          performed_at: performedAt,
          inspector_id: null,
          inspector_label: 'bench-inspector',
          score_milli: toMilli(r.score) ?? 0,
          max_milli: toMilli(r.maxScore) ?? 0,
          vetoed: r.vetoed ? 1 : 0,
          status: 'submitted',
          idempotency_key: null,
          request_hash: null,
          signature: null,
          signer_name: null,
          created_at: performedAt,
        });
        items.push(...itemRows(id, org.id, { results } as InspectionInput, r));
      }
      itemCount += items.length;
      await db.transaction().execute(async (trx) => {
        for (const c of chunks(rows)) await trx.insertInto('inspections').values(c).execute();
        for (const c of chunks(items)) await trx.insertInto('inspection_items').values(c).execute();
      });
    }
    await sql.raw(kind === 'postgres' ? 'vacuum analyze' : 'analyze').execute(db);
    console.log(`${kind}: ${branchesTotal} branches, ${outletsTotal.toLocaleString('en')} outlets, ${inspectionsTotal.toLocaleString('en')} inspections, ${itemCount.toLocaleString('en')} item rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const app = await buildApp(ctx, { logger: { level: 'error' } });
    const get = await timedGetAs(app, 'bench-quality', password);
    const quarter = quarterOf(now);
    const endpoints: [string, string][] = [
      ['plan', `/api/v1/inspection-plans/generate?quarter=${quarter}`],
      ['bands', `/api/v1/inspection-bands?quarter=${previousQuarter(quarter)}`],
      ['list', '/api/v1/inspections?page=1&pageSize=20'],
    ];
    const plan = (await get(endpoints[0][1])).body;
    const bands = (await get(endpoints[1][1])).body;
    const list = (await get(endpoints[2][1])).body;
    const rechecks = plan.units.filter((u: { reasons: string[] }) => u.reasons.includes('recheck')).length;
    console.log(
      `${kind}: plan ${quarter}: ${plan.units.length} units (${plan.required.outletsRequired} outlets required, ${rechecks} rechecks); bands ${previousQuarter(quarter)}: ${bands.items.length} outlets ranked, ` +
        `${bands.items.filter((i: { band: string | null }) => i.band === 'docked' || i.band === 'docked_more').length} docked; list: ${list.total.toLocaleString('en')} inspections`,
    );
    const out: Record<string, { p50: number; p95: number }> = {};
    for (const [name, url] of endpoints) {
      for (let i = 0; i < 3; i++) await get(url);
      const ms: number[] = [];
      for (let i = 0; i < requests; i++) ms.push((await get(url)).ms);
      out[name] = { p50: median(ms), p95: quantile(ms, 0.95) };
      console.log(`${kind}: ${name.padEnd(5)} ${url}: p50 ${out[name].p50.toFixed(1)} ms, p95 ${out[name].p95.toFixed(1)} ms over ${requests} requests`);
    }
    await app.close();
    return out;
  } finally {
    await cleanup();
  }
}

export default async function main(): Promise<void> {
  console.log(`inspections benchmark: scoring ${scoringN.toLocaleString('en')} inputs per template; ${outletsTotal.toLocaleString('en')} outlets, ${inspectionsTotal.toLocaleString('en')} inspections, ${requests} requests per endpoint`);
  const s = await scoring();
  console.log(s.pairs.join(' '));
  if (s.mismatches) {
    console.log(`WARNING: ${s.mismatches} scores differ between the engine and the hand loop`);
    process.exitCode = 1;
  }
  const pairs = [`scoring_ratio=${s.ratio.toFixed(3)}`];
  for (const kind of kinds) {
    const r = await coverage(kind);
    for (const [name, v] of Object.entries(r)) pairs.push(`${kind}_${name}_p95_ms=${v.p95.toFixed(1)}`);
  }
  console.log(pairs.join(' '));
}
