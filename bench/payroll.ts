/**
 * npm run bench -- payroll
 *
 * Closing a payroll month of a large bank (issue 15 item 9): BENCH_STAFF people (5,000) in
 * BENCH_UNITS outlets, BENCH_FACTS final fines and rewards (50,000) that became final in April,
 * then, timed:
 *   post   the facts posted through the ledger service (postLedgerEntries, 1,000 per transaction,
 *          each line audited) — they land in May's payroll (RULES §5: the month after);
 *   close  May closed by the office (closePayrollMonth: totals fixed);
 *   export the payroll workbook streamed to a sink (exportPayroll: one row per person with the
 *          items behind it), checked to be a whole xlsx;
 * beside the bare SQL aggregate of the same facts (one group-by over the lines: fines, rewards and
 * net per person), whose totals must equal the close's. ratio = (close + export) / bare.
 * Goal: post + close + export under 10 s and the process under 300 MB.
 * BENCH_DB=sqlite|postgres|both.
 * Last line: sqlite_s=… pg_s=… (post + close + export) and the parts, ratios and peak_rss_mb.
 */
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import { prng } from '../src/demo/activity-data.js';
import { systemActor, type Actor } from '../src/shared/access.js';
import { newId } from '../src/shared/ids.js';
import { chunks } from '../src/db/chunks.js';
import { createOrganisation } from '../src/modules/organisations/service.js';
import { closePayrollMonth, postLedgerEntries, type PostLedgerEntryOptions } from '../src/modules/ledger/service.js';
import { exportPayroll } from '../src/modules/ledger/payroll-export.js';
import type { StaffTable, StaffUnitsTable, UnitsTable } from '../src/db/types.js';
import { loadExcel } from '../src/shared/excel.js';
import { benchContext } from './support.js';

const staffTotal = Number(process.env.BENCH_STAFF ?? 5_000);
const unitsTotal = Number(process.env.BENCH_UNITS ?? 200);
const factsTotal = Number(process.env.BENCH_FACTS ?? 50_000);
const kinds = (process.env.BENCH_DB ?? 'both') === 'both' ? (['sqlite', 'postgres'] as const) : ([process.env.BENCH_DB] as ('sqlite' | 'postgres')[]);
const BATCH = 1_000;
const DAY = 86_400_000;
// Beijing time, as the bank pack keeps it: April's facts go into May's payroll, closed in May.
const aprilStart = Date.parse('2026-04-01T00:00:00+08:00');
const now = Date.parse('2026-05-20T10:00:00+08:00');

const rules: [string, string, 'fine' | 'reward', number, string[]][] = [
  ['feixian.desk_disorder', '桌面杂乱、下班未关电脑', 'fine', 10_000, []],
  ['feixian.eating', '工作时间吃东西', 'fine', 20_000, []],
  ['feixian.phone_greeting', '接听电话未使用规范用语', 'fine', 20_000, ['notice_criticism']],
  ['psbc.stage_target', '阶段目标未达成', 'fine', 160_000, []],
  ['psbc.soft_problem', '软件问题首次', 'fine', 40_000, ['evening_drill']],
  ['psbc.reward_quarter', '提前达到98分', 'reward', 30_000, ['notice_praise']],
];

async function people(db: Awaited<ReturnType<typeof benchContext>>['ctx']['db']['kysely'], orgId: string) {
  const unit = (parent: UnitsTable | null, code: string, name: string, kind: string, sort: number): UnitsTable => {
    const id = newId(now);
    return { id, org_id: orgId, parent_id: parent?.id ?? null, code, name, kind, path: `${parent?.path ?? '/'}${id}/`, sort_order: sort, phone: null, created_at: now, updated_at: now, version: 1 };
  };
  const root = unit(null, 'BANK', '省分行', 'organisation', 0);
  const outlets = Array.from({ length: unitsTotal }, (_, i) => unit(root, `O${i + 1}`, `${i + 1}号网点`, 'outlet', i));
  for (const rows of chunks([root, ...outlets])) await db.insertInto('units').values(rows).execute();
  const staff: StaffTable[] = Array.from({ length: staffTotal }, (_, i) => ({
    id: newId(now),
    org_id: orgId,
    badge_no: `B${String(i + 1).padStart(5, '0')}`,
    name: `员工${i + 1}`,
    category: null,
    party_branch: null,
    posts: '[]',
    flags: '{}',
    phone: null,
    active: 1,
    created_at: now,
    updated_at: now,
    version: 1,
  }));
  const links: StaffUnitsTable[] = staff.map((s, i) => ({ staff_id: s.id, unit_id: outlets[i % outlets.length].id, org_id: orgId, is_primary: 1 }));
  for (const rows of chunks(staff)) await db.insertInto('staff').values(rows).execute();
  for (const rows of chunks(links)) await db.insertInto('staff_units').values(rows).execute();
  return { staff, outlets };
}

/** The facts, a batch at a time (the whole 50,000 never sit in memory at once). */
function* factBatches(orgId: string, staff: StaffTable[], outlets: UnitsTable[]): Generator<PostLedgerEntryOptions[]> {
  const rand = prng(0x9a_2026);
  for (let start = 0; start < factsTotal; start += BATCH) yield Array.from({ length: Math.min(BATCH, factsTotal - start) }, (_, k) => fact(start + k));
  function fact(i: number): PostLedgerEntryOptions {
    const [ruleCode, summary, direction, amountFen, outcomes] = rules[Math.floor(rand() * rules.length)];
    // One fact in fifty is a unit's own fine (四净三无 per spot).
    const unitOnly = rand() < 0.02;
    return {
      orgId,
      sanctionId: `bench-${i + 1}`,
      staffId: unitOnly ? null : staff[Math.floor(rand() * staff.length)].id,
      unitId: unitOnly ? outlets[Math.floor(rand() * outlets.length)].id : null,
      direction,
      amountFen,
      outcomes,
      ruleCode,
      citation: ruleCode.startsWith('psbc') ? '003:L418–448' : '004:L176–178',
      summary,
      finalAt: aprilStart + Math.floor(rand() * 30 * DAY),
    };
  }
}

/** A sink that counts bytes and checks the stream ends as a zip (an xlsx) does. */
function countingSink(): Writable & { bytes: number; tail: Buffer } {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      sink.bytes += chunk.length;
      sink.tail = Buffer.concat([sink.tail, chunk]).subarray(-22);
      done();
    },
  }) as Writable & { bytes: number; tail: Buffer };
  sink.bytes = 0;
  sink.tail = Buffer.alloc(0);
  return sink;
}

interface Result {
  post: number;
  close: number;
  exportS: number;
  bare: number;
  payees: number;
  bytes: number;
}

async function run(kind: 'sqlite' | 'postgres'): Promise<Result> {
  // The clock stands in May: April's facts go into May's payroll, which the office may close.
  const { ctx, cleanup } = await benchContext(kind, {}, { now: () => now });
  try {
    const db = ctx.db.kysely;
    const org = await createOrganisation(ctx, { code: 'bench-payroll', name: '省分行(基准)', sector: 'bank' });
    const office: Actor = { ...systemActor(org.id, 'bench-office'), role: 'quality_office' };
    const { staff, outlets } = await people(db, org.id);
    console.log(`${kind}: ${staffTotal.toLocaleString('en')} staff in ${unitsTotal} outlets, ${factsTotal.toLocaleString('en')} final facts of April`);

    let t0 = performance.now();
    for (const batch of factBatches(org.id, staff, outlets)) {
      const months = await db.transaction().execute((trx) => postLedgerEntries(ctx, trx, office, batch));
      if (months.some((m) => m.payrollMonth !== '2026-05')) throw new Error('an April fact outside May\'s payroll');
    }
    const post = (performance.now() - t0) / 1000;
    await sql.raw('analyze').execute(db);

    t0 = performance.now();
    const closed = await closePayrollMonth(ctx, office, '2026-05');
    const close = (performance.now() - t0) / 1000;

    // A server loads ExcelJS once, on its first workbook: not part of a close.
    await loadExcel();
    t0 = performance.now();
    const sink = countingSink();
    const file = await exportPayroll(ctx, office, '2026-05', 'zh', (e) => console.error(e));
    await pipeline(file.stream as NodeJS.ReadableStream, sink);
    const exportS = (performance.now() - t0) / 1000;
    if (sink.tail.readUInt32LE(0) !== 0x06054b50) throw new Error('the export is not a whole xlsx (no end of central directory)');

    // The bare aggregate: what one hand-written query gives for the same lines.
    t0 = performance.now();
    const bare = await sql<{ payee: string; fines: number; rewards: number }>`
      select coalesce(e.staff_id, e.unit_id) as payee,
             sum(case when e.amount_fen < 0 then e.amount_fen else 0 end) as fines,
             sum(case when e.amount_fen > 0 then e.amount_fen else 0 end) as rewards
      from ledger_entries e
      where e.org_id = ${org.id} and e.payroll_month = '2026-05'
      group by coalesce(e.staff_id, e.unit_id)`.execute(db);
    const bareS = (performance.now() - t0) / 1000;
    const fines = bare.rows.reduce((a, r) => a + Number(r.fines), 0);
    const rewards = bare.rows.reduce((a, r) => a + Number(r.rewards), 0);
    if (fines !== closed.finesFen || rewards !== closed.rewardsFen || bare.rows.length !== closed.people || closed.lines !== factsTotal) {
      throw new Error(`close totals differ from the bare aggregate: ${JSON.stringify({ closed, fines, rewards, payees: bare.rows.length })}`);
    }
    console.log(
      `${kind}: post ${post.toFixed(2)} s (${Math.round(factsTotal / post).toLocaleString('en')} lines/s), close ${close.toFixed(2)} s, export ${exportS.toFixed(2)} s ` +
        `(${closed.people.toLocaleString('en')} rows, ${(sink.bytes / 1e6).toFixed(1)} MB), bare aggregate ${(bareS * 1000).toFixed(0)} ms; ` +
        `net ${(closed.netFen / 100).toLocaleString('en')} 元 agrees`,
    );
    return { post, close, exportS, bare: bareS, payees: closed.people, bytes: sink.bytes };
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
    pairs.unshift(`${k}_s=${(r.post + r.close + r.exportS).toFixed(2)}`);
    pairs.push(`${k}_post_s=${r.post.toFixed(2)}`, `${k}_close_export_s=${(r.close + r.exportS).toFixed(2)}`, `${k}_bare_ms=${(r.bare * 1000).toFixed(0)}`, `${k}_ratio=${((r.close + r.exportS) / r.bare).toFixed(1)}`);
  }
  pairs.push(`peak_rss_mb=${Math.round(process.resourceUsage().maxRSS / 1024)}`);
  console.log(pairs.join(' '));
}
