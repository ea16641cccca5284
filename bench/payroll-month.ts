/**
 * One database's payroll month for `npm run bench -- payroll` (see bench/payroll.ts, which runs this
 * file in a child process on the built code):
 *   propose each fact's proposal computed by the rule engine from the pack (the evaluation a
 *          proposal stores: amount, outcomes, citation);
 *   post   the proposals posted through the ledger service (postLedgerEntries, 1,000 a call; on
 *          SQLite the month in one transaction, on PostgreSQL a transaction per call; each batch
 *          audited by entries listing its lines, a hundred an entry) — they land in May's payroll
 *          (RULES §5: the month after);
 *   close  May closed by the office (closePayrollMonth: totals fixed);
 *   export the payroll workbook streamed to a sink (exportPayroll: one row per person with the
 *          items behind it), checked to be a whole xlsx;
 * beside the bare SQL aggregate of the same facts, whose totals must equal the close's; the audit
 * chain is verified afterwards (not timed).
 */
import os from 'node:os';
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
import { storedEvaluation } from '../src/modules/sanctions/proposals.js';
import { verifyAuditChain } from '../src/modules/audit/integrity.js';
import { policyForOrganisation } from '../src/modules/policy/service.js';
import { sanctionRulesOf, type PolicyPack } from '../src/policy/index.js';
import type { SanctionRule } from '../src/engines/rules/index.js';
import type { StaffTable, StaffUnitsTable, UnitsTable } from '../src/db/types.js';
import { loadExcel } from '../src/shared/excel.js';
import { benchContext } from './support.js';

const staffTotal = Number(process.env.BENCH_STAFF ?? 5_000);
const unitsTotal = Number(process.env.BENCH_UNITS ?? 200);
const factsTotal = Number(process.env.BENCH_FACTS ?? 50_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 1_000);
const DAY = 86_400_000;
// Beijing time, as the bank pack keeps it: April's facts go into May's payroll, closed in May.
const aprilStart = Date.parse('2026-04-01T00:00:00+08:00');
const now = Date.parse('2026-05-20T10:00:00+08:00');

interface Fact {
  sanctionId: string;
  staffId: string | null;
  unitId: string | null;
  rule: string;
  facts: Record<string, unknown>;
  finalAt: number;
}

/** A rule's facts as an incident would give them: a count for a per-item rule, the lower range by default. */
function factsFor(rule: SanctionRule, rand: () => number): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  if (rule.kind === 'per_item') facts[rule.countFact] = 1 + Math.floor(rand() * 3);
  if (rule.kind === 'range' && rule.serious) facts.serious = rand() < 0.1;
  return facts;
}

/**
 * The pack's rules a fact of the bench falls under: people's fines and outlets' rewards the
 * engine prices from the pack alone (fixed, per item, a range at its lower bound).
 */
function benchRules(pack: PolicyPack) {
  const priced = (rule: SanctionRule, target: 'person' | 'unit') => {
    if (!['fixed', 'per_item', 'range'].includes(rule.kind) || !rule.targets.includes(target)) return false;
    try {
      return storedEvaluation(pack, rule.code, factsFor(rule, () => 0)).ev.amountFen > 0;
    } catch {
      return false;
    }
  };
  const all = sanctionRulesOf(pack).map((r) => r.rule);
  const person = all.filter((r) => r.direction === 'fine' && priced(r, 'person'));
  const unit = all.filter((r) => r.direction === 'reward' && priced(r, 'unit'));
  if (person.length === 0 || unit.length === 0) throw new Error('the bank pack has no priced rules for people or outlets');
  return { person, unit };
}

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
function* factBatches(rules: ReturnType<typeof benchRules>, staff: StaffTable[], outlets: UnitsTable[]): Generator<Fact[]> {
  const rand = prng(0x9a_2026);
  for (let start = 0; start < factsTotal; start += BATCH) yield Array.from({ length: Math.min(BATCH, factsTotal - start) }, (_, k) => fact(start + k));
  function fact(i: number): Fact {
    // One fact in twenty-five is an outlet's reward; the rest are people's fines.
    const unitOnly = rand() < 0.04;
    const list = unitOnly ? rules.unit : rules.person;
    const rule = list[Math.floor(rand() * list.length)];
    return {
      sanctionId: `bench-${i + 1}`,
      staffId: unitOnly ? null : staff[Math.floor(rand() * staff.length)].id,
      unitId: unitOnly ? outlets[Math.floor(rand() * outlets.length)].id : null,
      rule: rule.code,
      facts: factsFor(rule, rand),
      finalAt: aprilStart + Math.floor(rand() * 30 * DAY),
    };
  }
}

/** Each fact's proposal as the sanctions module computes it (the rule engine over the pack), as the ledger takes it. */
function proposalsOf(pack: PolicyPack, orgId: string, facts: Fact[]): PostLedgerEntryOptions[] {
  return facts.map((f) => {
    const { rule, ev } = storedEvaluation(pack, f.rule, f.facts);
    return {
      orgId,
      sanctionId: f.sanctionId,
      staffId: f.staffId,
      unitId: f.unitId,
      direction: ev.direction,
      amountFen: ev.amountFen,
      outcomes: ev.outcomes,
      ruleCode: rule.code,
      citation: rule.citation,
      summary: rule.label.zh,
      finalAt: f.finalAt,
    };
  });
}

const cpuSeconds = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1e6;
};
const rssMb = () => Math.round(process.memoryUsage().rss / 1e6);

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

export interface PayrollMonthResult {
  propose: number;
  post: number;
  close: number;
  exportS: number;
  bare: number;
  payees: number;
  bytes: number;
}

async function run(kind: 'sqlite' | 'postgres'): Promise<PayrollMonthResult> {
  // The clock stands in May: April's facts go into May's payroll, which the office may close.
  const { ctx, cleanup } = await benchContext(kind, {}, { now: () => now });
  try {
    const db = ctx.db.kysely;
    const org = await createOrganisation(ctx, { code: 'bench-payroll', name: '省分行(基准)', sector: 'bank' });
    const office: Actor = { ...systemActor(org.id, 'bench-office'), role: 'quality_office' };
    const { staff, outlets } = await people(db, org.id);
    console.log(`${kind}: ${staffTotal.toLocaleString('en')} staff in ${unitsTotal} outlets, ${factsTotal.toLocaleString('en')} final facts of April`);

    const pack = await policyForOrganisation(ctx, org.id);
    const rules = benchRules(pack);
    let propose = 0;
    let post = 0;
    const cpu0 = process.cpuUsage();
    // SQLite: the month's posting in one transaction, a batch of proposals at a time — one commit,
    // not one WAL commit and checkpoint per batch. PostgreSQL: a transaction per batch (commits are
    // cheap there, and the process holds less).
    const started = performance.now();
    const postBatches = async (inOne: boolean) => {
      const each = async (trx: typeof db) => {
        for (const facts of factBatches(rules, staff, outlets)) {
          const t0 = performance.now();
          const batch = proposalsOf(pack, org.id, facts);
          propose += (performance.now() - t0) / 1000;
          const months = inOne ? await postLedgerEntries(ctx, trx, office, batch) : await db.transaction().execute((t) => postLedgerEntries(ctx, t, office, batch));
          if (months.some((m) => m.payrollMonth !== '2026-05')) throw new Error('an April fact outside May\'s payroll');
        }
      };
      if (inOne) await db.transaction().execute(each);
      else await each(db);
    };
    await postBatches(kind === 'sqlite');
    post = (performance.now() - started) / 1000 - propose;
    const rssPost = rssMb();
    const cpuPost = cpuSeconds(cpu0);
    await sql.raw('analyze').execute(db);

    let t0 = performance.now();
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
    const rssExport = rssMb();
    const cpuMonth = cpuSeconds(cpu0);

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
    const chain = await verifyAuditChain(ctx);
    if (!chain.ok) throw new Error(`the audit chain does not verify: ${JSON.stringify(chain.firstBroken)}`);
    console.log(
      `${kind}: propose ${propose.toFixed(2)} s, post ${post.toFixed(2)} s (${Math.round(factsTotal / post).toLocaleString('en')} lines/s), close ${close.toFixed(2)} s, export ${exportS.toFixed(2)} s ` +
        `(${closed.people.toLocaleString('en')} rows, ${(sink.bytes / 1e6).toFixed(1)} MB), bare aggregate ${(bareS * 1000).toFixed(0)} ms; ` +
        `net ${(closed.netFen / 100).toLocaleString('en')} 元 agrees; audit chain of ${chain.checked.toLocaleString('en')} entries verifies; ` +
        `this process's CPU: ${cpuPost.toFixed(2)} s to post, ${cpuMonth.toFixed(2)} s with close and export; ` +
        `rss after post ${rssPost} MB, after export ${rssExport} MB; load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores`,
    );
    return { propose, post, close, exportS, bare: bareS, payees: closed.people, bytes: sink.bytes };
  } finally {
    await cleanup();
  }
}

/** Run as a child by bench/payroll.ts, on the built code: `<kind>` → the figures as one `RESULT {json}` line. */
const kind = process.argv[2] as 'sqlite' | 'postgres';
if (kind !== 'sqlite' && kind !== 'postgres') throw new Error('usage: payroll-month sqlite|postgres');
const result = await run(kind);
// The whole process's high-water mark: set-up, the month, the checks after it.
console.log(`RESULT ${JSON.stringify({ ...result, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}`);
