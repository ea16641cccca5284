/**
 * Activity for dashboards, two ways:
 * - `generateActivity` (src/demo/activity.ts, also `youzhi demo generate`): a realistic
 *   month through the real services — slow per record, every rule applied;
 * - `generateCaseData`: a year of complaints and 差评 rectification cases with their reply clocks as
 *   fast multi-row inserts, for benchmarks at a million cases (no services, no audit, no events).
 *
 * Run the first alone: npx tsx bench/generate-activity.ts demo-hospital 2026-09 [seed] [scale]
 */
import { newId } from '../src/shared/ids.js';
import type { AppContext } from '../src/shared/context.js';
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
      if (k.length) await trx.insertInto('case_clocks').values(k as never).execute();
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
