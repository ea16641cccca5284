/**
 * Activity for dashboards, two ways:
 * - `generateActivity` (src/demo/activity.ts, also `youzhi demo generate`): a realistic
 *   month through the real services — slow per record, every rule applied;
 * - `generateCaseData`: a year of complaints and 差评 rectification cases with their reply clocks as
 *   fast multi-row inserts, for benchmarks at a million cases (no services, no audit, no events).
 *
 * Run the first alone: npx tsx bench/generate-activity.ts demo-hospital 2026-09 [seed] [scale]
 */
import { sql } from 'kysely';
import { newId } from '../src/shared/ids.js';
import type { AppContext, Executor } from '../src/shared/context.js';
import type { CaseClock } from '../src/db/types.js';
import { clockTableRows } from '../src/modules/cases/repository.js';
import { chunks } from '../src/db/chunks.js';
import { generateActivity } from '../src/demo/activity.js';
import { prng } from './generate-ratings.js';

export { generateActivity };

export interface CaseDataOptions {
  orgId: string;
  /** Units the cases belong to (id and path). */
  units: { id: string; path: string }[];
  cases: number;
  /** Days ending with `lastDay` (YYYY-MM-DD, local UTC+8). */
  days: number;
  lastDay: string;
  /** Instant after which no clock is stopped (replies still running are overdue or not yet due). */
  now: number;
  seed?: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const categories = ['attitude', 'attitude', 'attitude', 'efficiency', 'efficiency', 'competence', 'fees', 'environment', 'discipline', 'other'];
const rectStatuses = ['closed', 'closed', 'closed', 'rectified', 'called_back', 'open', 'appealed'];

/**
 * 90 % complaints (with a reply clock due about five working days after receipt: 80 % replied
 * in time, 12 % late, 8 % much later — still running when received in the last 30 days) and 10 % rectification cases from 差评, received
 * evenly over `days`, in time order (ids are time-ordered as the services make them).
 */
/** Clock rows as the repository splits them: the deadline (case_clocks), then the sweep's bookmark (clock_checks). */
async function insertClocks(db: Executor, rows: Record<string, unknown>[]) {
  const split = rows.map((r) => clockTableRows(r as unknown as CaseClock));
  for (const some of chunks(split, 500)) {
    await db.insertInto('case_clocks').values(some.map((r) => r.clock)).execute();
    await db.insertInto('clock_checks').values(some.map((r) => r.check)).execute();
  }
}

export async function generateCaseData(ctx: AppContext, o: CaseDataOptions): Promise<{ cases: number; clocks: number }> {
  const db = ctx.db.kysely;
  const rand = prng(o.seed ?? 20261123);
  const first = Date.parse(`${o.lastDay}T00:00:00+08:00`) - (o.days - 1) * DAY;
  const batch = ctx.db.dialect === 'postgres' ? 2000 : 1000;
  let cases: Record<string, unknown>[] = [];
  let clocks: Record<string, unknown>[] = [];
  let clockCount = 0;
  const flush = async () => {
    if (!cases.length) return;
    const c = cases;
    const k = clocks;
    cases = [];
    clocks = [];
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('cases').values(c as never).execute();
      if (k.length) await insertClocks(trx, k);
    });
  };
  for (let i = 0; i < o.cases; i++) {
    // Business hours of the day, spread evenly over the period.
    const day = first + Math.floor((i / o.cases) * o.days) * DAY;
    const received = Math.min(o.now - HOUR, day + Math.floor((8.5 + 8.5 * ((i * 7919) % 1000) / 1000) * HOUR));
    const unit = o.units[Math.floor(rand() * o.units.length)];
    const complaint = rand() < 0.9;
    const id = newId(received);
    const fate = rand();
    const due = received + 7 * DAY;
    // Replies never given stay open only for recent complaints; older ones were answered late.
    const open = fate >= 0.92 && received > o.now - 30 * DAY;
    const stopped = complaint && !open ? (fate < 0.8 ? received + Math.floor(rand() * 6 * DAY) : due + Math.floor((0.5 + (fate < 0.92 ? 3 : 20) * rand()) * DAY)) : null;
    const stoppedAt = stopped !== null && stopped <= o.now ? stopped : null;
    const status = complaint ? (stoppedAt === null ? 'assigned' : rand() < 0.9 ? 'closed' : 'replied') : rectStatuses[Math.floor(rand() * rectStatuses.length)];
    cases.push({
      id,
      org_id: o.orgId,
      type: complaint ? 'complaint' : 'rectification',
      tracking_no: `BK${String(i).padStart(8, '0')}`,
      channel: complaint ? 'window' : 'rating_qr',
      status,
      priority: 'normal',
      category: complaint ? categories[Math.floor(rand() * categories.length)] : null,
      title: complaint ? '窗口服务投诉' : '差评整改',
      content: '基准测试数据',
      unit_id: unit.id,
      unit_path: unit.path,
      staff_id: null,
      first_responder_id: null,
      assignee_id: null,
      created_by: null,
      data: '{}',
      contact: '{}',
      public_code_hash: null,
      received_at: received,
      closed_at: status === 'closed' ? (stoppedAt ?? received) + DAY : null,
      created_at: received,
      updated_at: stoppedAt ?? received,
      version: 1,
    });
    if (complaint) {
      clockCount++;
      clocks.push({
        case_id: id,
        clock_id: 'reply',
        org_id: o.orgId,
        definition: '{}',
        started_at: received,
        pauses: '[]',
        stopped_at: stoppedAt,
        due_at: due,
        due_date: new Date(due + 8 * HOUR).toISOString().slice(0, 10),
        severe_at: due + 7 * DAY,
        lateness: stoppedAt === null && due < o.now ? 'overdue' : 'on_time',
        next_check_at: stoppedAt === null ? due : null,
        run: 1,
      });
    }
    if (cases.length >= batch) await flush();
  }
  await flush();
  return { cases: o.cases, clocks: clockCount };
}

export interface AppraisalActivityOptions {
  orgId: string;
  /** The windows and the people working at each (bench/generate-ratings.ts makes them). */
  units: { id: string; path: string; staff: string[] }[];
  /** The month of activity (YYYY-MM, local UTC+8) and the instant it is read at (after it). */
  month: string;
  now: number;
  complaints: number;
  inspections: number;
  sanctions: number;
  followUps: number;
  seed?: number;
}

export interface AppraisalActivity {
  complaints: number;
  inspections: number;
  sanctions: number;
  clocks: number;
  deliverables: number;
}

/**
 * A month of what a personal appraisal sheet reads besides 好差评, as fast multi-row inserts (no
 * services, no audit): verified complaints against people (their cases and incidents; one in ten
 * found unfounded), inspections of people with four scored items (one in thirty vetoed) and a few
 * vetoes recorded by hand, sanctions of people (most final in the month, some under appeal, some
 * final the month before), follow-ups and repair callbacks assigned to people's logins (on time,
 * late, still running), and one campaign of every window with two deliverables due in the month.
 */
export async function generateAppraisalActivity(ctx: AppContext, o: AppraisalActivityOptions): Promise<AppraisalActivity> {
  const db = ctx.db.kysely;
  const rand = prng(o.seed ?? 20261201);
  const start = Date.parse(`${o.month}-01T00:00:00+08:00`);
  const days = new Date(Date.UTC(Number(o.month.slice(0, 4)), Number(o.month.slice(5, 7)), 0)).getUTCDate();
  const people = o.units.flatMap((u) => u.staff.map((staffId) => ({ staffId, unit: u })));
  const pick = () => people[Math.floor(rand() * people.length)];
  const inMonth = () => start + Math.floor(rand() * days * DAY);
  const insert = async (table: string, rows: Record<string, unknown>[]) => {
    const size = Math.max(1, Math.floor(60_000 / Math.max(1, Object.keys(rows[0] ?? { a: 1 }).length) / (ctx.db.dialect === 'postgres' ? 1 : 2)));
    for (let i = 0; i < rows.length; i += size) await db.insertInto(table as never).values(rows.slice(i, i + size) as never).execute();
  };
  const caseRow = (id: string, type: string, no: string, title: string, unit: { id: string; path: string }, staffId: string | null, received: number, extra: Record<string, unknown> = {}) => ({
    id, org_id: o.orgId, type, tracking_no: no, channel: 'window', status: 'closed', priority: 'normal', category: null, title, content: '基准测试数据',
    unit_id: unit.id, unit_path: unit.path, staff_id: staffId, first_responder_id: null, assignee_id: null, created_by: null, data: '{}', contact: '{}',
    public_code_hash: null, received_at: received, closed_at: received + DAY, created_at: received, updated_at: received + DAY, version: 1, ...extra,
  });

  // Complaints verified against people, each with its incident (一成复核不属实).
  const cases: Record<string, unknown>[] = [];
  const incidents: Record<string, unknown>[] = [];
  const incident = (staffId: string, unitId: string, kind: string, state: string, at: number, summary: string, source: { type: string; id: string } | null) => ({
    id: newId(at), org_id: o.orgId, staff_id: staffId, unit_id: unitId, subject_key: staffId, kind, state, occurred_at: at, amount_fen: null, details: '{}',
    summary, verdict: null, source_type: source?.type ?? null, source_id: source?.id ?? null, reported_by: null, reported_by_name: 'bench', verified_by: null,
    verified_by_name: 'bench', verified_at: at + DAY, state_note: null, created_at: at, updated_at: at + DAY, version: 1,
  });
  for (let i = 0; i < o.complaints; i++) {
    const { staffId, unit } = pick();
    const at = inMonth();
    const id = newId(at);
    const no = `TS${String(i).padStart(8, '0')}`;
    cases.push(caseRow(id, 'complaint', no, '窗口服务投诉', unit, staffId, at));
    incidents.push(incident(staffId, unit.id, 'verified_complaint', rand() < 0.1 ? 'unfounded' : 'verified', at, `${no} 窗口服务投诉：经核实属实`, { type: 'complaint', id }));
  }
  for (let i = 0; i < Math.ceil(o.inspections / 100); i++) {
    const { staffId, unit } = pick();
    incidents.push(incident(staffId, unit.id, 'veto', 'verified', inMonth(), '违反首问负责制，一票否决', null));
  }

  // Inspections of people: four items, 0–2 points off each in tenths; one in thirty vetoed.
  const inspections: Record<string, unknown>[] = [];
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < o.inspections; i++) {
    const { staffId, unit } = pick();
    const at = inMonth();
    const id = newId(at);
    const vetoed = rand() < 1 / 30 ? 1 : 0;
    let deducted = 0;
    for (let k = 0; k < 4; k++) {
      const milli = rand() < 0.6 ? 0 : 100 * Math.floor(rand() * 20);
      deducted += milli;
      items.push({ inspection_id: id, org_id: o.orgId, position: k, item: `item${k}`, section: 's', cases: milli ? 1 : 0, observations: '[]', pass: null, na: 0, note: null, deduction_milli: milli, failed: '[]', scored: 1, finding: milli ? 1 : 0, veto: vetoed && k === 0 ? 1 : 0, case_id: null, half_hearted: 0, answered: 1 });
    }
    inspections.push({ id, org_id: o.orgId, unit_id: unit.id, unit_path: unit.path, staff_id: staffId, template_code: 'bench-norm', template_version: 1, kind: 'unannounced', performed_at: at, inspector_id: null, inspector_label: 'bench', score_milli: vetoed ? 0 : 100_000 - deducted, max_milli: 100_000, vetoed, status: 'submitted', idempotency_key: null, request_hash: null, signature: null, signer_name: null, created_at: at });
  }

  // Sanctions of people: 八成 final in the month, 一成 under appeal, 一成 final the month before.
  const sanctions: Record<string, unknown>[] = [];
  for (let i = 0; i < o.sanctions; i++) {
    const { staffId, unit } = pick();
    const fate = rand();
    const reward = rand() < 0.2;
    const finalAt = fate < 0.9 ? inMonth() : start - 1 - Math.floor(rand() * 10 * DAY);
    const amount = (reward ? 200 : 50 + Math.floor(rand() * 10) * 50) * 100;
    const label = reward ? { zh: '当选优质服务标兵，个人一次性奖励', en: 'Quality service model' } : { zh: '有效投诉，每次罚款', en: 'Valid complaint fine' };
    sanctions.push({
      id: `bench-s-${i}`, org_id: o.orgId, source_type: 'manual', source_id: `bench-${i}`, rule_code: reward ? 'bench.reward' : 'bench.fine', target_kind: 'person', target_key: staffId, staff_id: staffId, unit_id: unit.id, unit_path: unit.path,
      committee_unit_id: null, direction: reward ? 'reward' : 'fine', amount_fen: amount, proposed_amount_fen: amount, facts: '{}', evaluation: JSON.stringify({ rule: { code: reward ? 'bench.reward' : 'bench.fine', kind: 'fixed', label, citation: 'bench' }, totalFen: amount }), fact: '{}',
      status: fate < 0.8 || fate >= 0.9 ? 'final' : 'appealed', notice_at: finalAt - 7 * DAY, appeal_due_date: null, appeal_closes_at: finalAt, final_at: fate < 0.8 || fate >= 0.9 ? finalAt : null,
      payroll_month: null, created_by: null, created_at: finalAt - 10 * DAY, updated_at: finalAt, version: 5,
    });
  }

  // Follow-ups (随访) and repair callbacks (报修回访) assigned to the logins of one person in five.
  const users: Record<string, unknown>[] = people.filter((_, i) => i % 5 === 0).map((p, i) => ({ id: `bench-u-${i}`, org_id: o.orgId, username: `bench-appraisal-${i}`, password_hash: 'x', role: 'staff', display_name: `员工${i}`, email: null, staff_id: p.staffId, unit_id: p.unit.id, active: 1, failed_logins: 0, locked_until: null, created_at: start, updated_at: start, version: 1 }));
  const clocks: Record<string, unknown>[] = [];
  for (let i = 0; i < o.followUps; i++) {
    const user = users[Math.floor(rand() * users.length)];
    const unit = o.units.find((u) => u.id === user.unit_id)!;
    const repair = rand() < 0.25;
    const due = inMonth();
    const startedAt = due - 7 * DAY;
    const id = newId(startedAt);
    const fate = rand();
    const stopped = fate < 0.7 ? due - Math.floor(rand() * 5 * DAY) : fate < 0.9 ? due + Math.floor(rand() * 3 * DAY) + 1 : null;
    cases.push(caseRow(id, repair ? 'repair' : 'follow_up', `${repair ? 'BX' : 'SF'}${String(i).padStart(8, '0')}`, repair ? '报修工单' : '出院随访', unit, null, startedAt, { assignee_id: user.id, status: stopped === null ? 'assigned' : 'completed', closed_at: stopped }));
    clocks.push({ case_id: id, clock_id: repair ? 'callback' : 'discharge', org_id: o.orgId, definition: '{}', started_at: startedAt, pauses: '[]', stopped_at: stopped, due_at: due, due_date: new Date(due + 8 * HOUR).toISOString().slice(0, 10), severe_at: null, lateness: 'on_time', next_check_at: null, run: 1, pending_year: null, paused_at: null });
  }

  // One campaign of every window: a plan due on the 10th (六成 handed in, a third of them late), a figure due on the 20th (三成).
  const campaignId = newId(start);
  const tasks = [
    { id: newId(start), code: 'plan', due: `${o.month}-10`, share: 0.6 },
    { id: newId(start + 1), code: 'count', due: `${o.month}-20`, share: 0.3 },
  ];
  const submissions: Record<string, unknown>[] = [];
  for (const u of o.units) {
    for (const task of tasks) {
      if (rand() >= task.share) continue;
      const late = rand() < 1 / 3 ? 1 + Math.floor(rand() * 5) : 0;
      const day = Number(task.due.slice(8)) + late - (late ? 0 : Math.floor(rand() * 5));
      const on = `${o.month}-${String(day).padStart(2, '0')}`;
      submissions.push({ id: newId(start + submissions.length), campaign_id: campaignId, org_id: o.orgId, task_id: task.id, unit_id: u.id, received_at: Date.parse(`${on}T10:00:00+08:00`), received_on: on, late_days: late, body: '已报送', figure: null, inspection_id: null, file_name: null, file_mime: null, file_size: null, file_sha256: null, submitted_by: null, submitted_label: 'bench' });
    }
  }
  await insert('users', users);
  await insert('cases', cases);
  await insertClocks(db, clocks);
  await insert('incidents', incidents);
  await insert('inspections', inspections);
  await insert('inspection_items', items);
  await insert('sanctions', sanctions);
  await insert('campaigns', [{ id: campaignId, org_id: o.orgId, year: Number(o.month.slice(0, 4)), template_code: null, title: '服务提升月', leading_group: '领导小组', office: '办公室', settings: '{}', status: 'active', published: 0, starts_on: `${o.month}-01`, ends_on: `${o.month}-${days}`, created_by: null, created_at: start, updated_at: start, version: 1 }]);
  await insert('campaign_phases', [{ id: newId(start), campaign_id: campaignId, code: 'all', position: 0, label_zh: '实施', label_en: 'Implement', timing: '{}', starts_on: `${o.month}-01`, ends_on: `${o.month}-${days}`, source: null }]);
  await insert('campaign_tasks', tasks.map((t, i) => ({ id: t.id, campaign_id: campaignId, code: t.code, position: i, phase_code: 'all', label_zh: t.code === 'plan' ? '实施方案' : '培训人数', label_en: t.code, deliverable: t.code === 'plan' ? 'document' : 'figure', due_spec: '{}', due_on: t.due, source: null })));
  await insert('campaign_units', o.units.map((u) => ({ id: newId(start), campaign_id: campaignId, org_id: o.orgId, unit_id: u.id, unit_path: u.path, leader_staff_id: null, acceptance: null, accepted_at: null, accepted_by: null, acceptance_inspection_id: null, acceptance_note: null, version: 1 })));
  await insert('campaign_submissions', submissions);
  if (ctx.db.dialect === 'postgres') await sql`analyze`.execute(db);
  return { complaints: o.complaints, inspections: o.inspections, sanctions: o.sanctions, clocks: clocks.length, deliverables: o.units.length * tasks.length };
}

// npx tsx bench/generate-activity.ts <orgCode> <YYYY-MM> [seed] [scale]: a month on the configured database.
if (import.meta.url === `file://${process.argv[1]}`) {
  const [orgCode, month, seed, scale] = process.argv.slice(2);
  const { openContext } = await import('../src/bootstrap.js');
  const ctx = await openContext();
  try {
    console.log(JSON.stringify(await generateActivity(ctx, { orgCode, month, seed: seed ? Number(seed) : undefined, scale: scale ? Number(scale) : undefined })));
  } finally {
    await ctx.db.close();
  }
}
