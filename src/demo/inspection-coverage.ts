/**
 * Coverage and assignments for the demo organisations (issue 14 items 3 and 5), through the
 * services, so the plan & coverage screen and the inspector's home show them on a first start:
 * - the hall: this month's management phone checks of half of its windows (the others are the
 *   gaps, 004:L214), and a CCTV review of every window on each working day of the month so far,
 *   one of them incomplete — an afternoon clip short and finished after 15:00 (004:L116);
 * - both: a plan for this quarter whose entries go to the demo inspector and social supervisor.
 * Idempotency keys and duplicate checks make a second run store nothing.
 */
import type { AppContext } from '../shared/context.js';
import { isAppError } from '../shared/errors.js';
import type { Actor, Role } from '../shared/access.js';
import { localDate } from '../shared/months.js';
import { workingDaysInRange } from '../engines/calendar/index.js';
import { calendarForOrganisation } from '../modules/calendar/service.js';
import { findUnitByCode } from '../modules/units/service.js';
import { findUserByUsername } from '../modules/users/service.js';
import { createInspection } from '../modules/inspections/service.js';
import { assignPlanEntry } from '../modules/inspections/assignments.js';
import { createQuarterPlan, getQuarterPlan } from '../modules/inspections/plans.js';

const DAY = 86_400_000;
/** The demo organisations keep Beijing time (their packs' business hours). */
const OFFSET = 8 * 60;

interface DemoCoverage {
  prefix: string;
  /** Windows phoned by management this month (004:L214); the others show as gaps. */
  phoneChecked: string[];
  /** Counters reviewed on CCTV every working day; the last one is short on the latest day. */
  counters: string[];
  /** This quarter's plan entries and who they go to. */
  assignments: { unit: string; to: 'inspector' | 'supervisor'; dueInDays: number }[];
}

const demos: Record<string, DemoCoverage> = {
  'demo-hall': {
    prefix: 'hall',
    phoneChecked: ['G-A-01', 'G-A-02', 'G-B-01'],
    counters: ['G-A-01', 'G-A-02', 'G-B-01', 'G-B-02', 'G-HELP', 'G-A-03'],
    assignments: [
      { unit: 'G-A-03', to: 'inspector', dueInDays: 7 },
      { unit: 'G-B-02', to: 'inspector', dueInDays: 10 },
      { unit: 'G-HELP', to: 'supervisor', dueInDays: 14 },
    ],
  },
  'demo-hospital': {
    prefix: 'hosp',
    phoneChecked: [],
    counters: [],
    assignments: [
      { unit: 'H-OPD-REG', to: 'inspector', dueInDays: 7 },
      { unit: 'H-OPD-INF', to: 'supervisor', dueInDays: 12 },
    ],
  },
};

async function actorFor(ctx: AppContext, username: string, orgId: string): Promise<Actor | null> {
  const user = await findUserByUsername(ctx, username);
  if (!user || user.org_id !== orgId) return null;
  return { userId: user.id, orgId, role: user.role as Role, username: user.username, staffId: null, unitId: null, scopePath: null, via: 'cli' };
}

/** Local wall-clock time on a civil date as an instant ('2026-12-03', 14 * 60 + 30). */
const at = (date: string, minute: number) => Date.parse(`${date}T00:00:00Z`) - OFFSET * 60_000 + minute * 60_000;

function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/** A demo step that a second run (or an office's own edits) already did: skipped, not fatal. */
async function unlessDone<T>(f: () => Promise<T>): Promise<T | null> {
  try {
    return await f();
  } catch (e) {
    if (isAppError(e)) return null;
    throw e;
  }
}

export async function seedDemoCoverage(ctx: AppContext, orgCode: string, orgId: string, now: number): Promise<void> {
  const demo = demos[orgCode];
  if (!demo) return;
  const inspector = await actorFor(ctx, `${demo.prefix}-inspector`, orgId);
  const office = await actorFor(ctx, `${demo.prefix}-quality-office`, orgId);
  const supervisor = await actorFor(ctx, `${demo.prefix}-supervisor`, orgId);
  if (!inspector || !office || !supervisor) return;
  const unitId = async (code: string) => (await findUnitByCode(ctx, orgId, code))?.id;
  const today = localDate(now, OFFSET);
  const monthStart = at(`${today.slice(0, 7)}-01`, 0);

  // Management phone checks, spread over this month so far.
  for (const [n, code] of demo.phoneChecked.entries()) {
    const id = await unitId(code);
    if (!id) continue;
    const performedAt = monthStart + Math.floor(((now - monthStart) * (n + 1)) / (demo.phoneChecked.length + 1));
    await createInspection(ctx, inspector, {
      templateCode: 'phone-check',
      unitId: id,
      kind: 'phone_check',
      performedAt: new Date(performedAt).toISOString(),
      idempotencyKey: `demo-${orgCode}-phone-${today.slice(0, 7)}-${code}`,
      results: [{ item: 'answer_rings', observations: [{ metric: 'rings', value: 2 + n }] }, { item: 'greeting', pass: true }, { item: 'caller_hangs_up_first', pass: true }],
    });
  }

  // CCTV reviews: the working days of this month before today (or the last three before it), and
  // today once its reviews would be done; the latest past day has the short one.
  if (demo.counters.length) {
    const cal = await calendarForOrganisation(ctx, orgId);
    const yesterday = localDate(now - DAY, OFFSET);
    let past = workingDaysInRange(cal, `${today.slice(0, 7)}-01`, yesterday);
    if (past.length === 0) past = workingDaysInRange(cal, localDate(now - 14 * DAY, OFFSET), yesterday).slice(-3);
    const shortDay = past[past.length - 1];
    const days = [...past, ...(workingDaysInRange(cal, today, today).length && at(today, 14 * 60 + 30) <= now ? [today] : [])];
    for (const date of days) {
      for (const code of demo.counters) {
        const id = await unitId(code);
        if (!id) continue;
        const short = date === shortDay && code === demo.counters[demo.counters.length - 1];
        await createInspection(ctx, inspector, {
          templateCode: 'cctv-clips',
          unitId: id,
          kind: 'video_review',
          performedAt: new Date(at(date, short ? 15 * 60 + 45 : 14 * 60 + 30)).toISOString(),
          idempotencyKey: `demo-${orgCode}-cctv-${date}-${code}`,
          results: [
            { item: 'morning_clips', observations: [{ metric: 'clips', value: 2 }] },
            { item: 'afternoon_clips', observations: [{ metric: 'clips', value: short ? 1 : 2 }] },
            { item: 'done_by_15', observations: [{ metric: 'finished_at', value: short ? 15 * 60 + 40 : 14 * 60 + 20 }] },
          ],
        });
      }
    }
  }

  // This quarter's plan and its assignments.
  const quarter = quarterOf(today);
  const entries = (await Promise.all(demo.assignments.map(async (a) => ({ ...a, id: await unitId(a.unit) })))).filter((a): a is typeof a & { id: string } => !!a.id);
  const plan = (await unlessDone(() => createQuarterPlan(ctx, office, { quarter, units: entries.map((e) => ({ unitId: e.id })) }))) ?? (await getQuarterPlan(ctx, office, quarter));
  for (const e of entries) {
    const assignee = e.to === 'inspector' ? inspector : supervisor;
    await unlessDone(() => assignPlanEntry(ctx, office, { planId: plan.id, unitId: e.id, assigneeId: assignee.userId, dueDate: localDate(now + e.dueInDays * DAY, OFFSET) }));
  }
}
