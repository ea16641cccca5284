import { evaluateClock, pauseClock, resumeClock, startClock, stopClock, type ClockDefinition, type ClockRun, type ClockStatus } from '../../engines/sla/index.js';
import { CalendarYearMissingError, type WorkCalendar } from '../../engines/calendar/index.js';
import type { ClockOps } from '../../engines/workflow/index.js';
import { parseJson } from '../../shared/json.js';
import type { CaseClock } from '../../db/types.js';

/** A stored clock as the SLA engine sees it. */
export function runOf(row: CaseClock): ClockRun {
  return { startedAt: Number(row.started_at), pauses: parseJson(row.pauses, []), stoppedAt: row.stopped_at === null ? null : Number(row.stopped_at) };
}

export function definitionOf(row: Pick<CaseClock, 'definition'>): ClockDefinition {
  return parseJson(row.definition, null as unknown as ClockDefinition);
}

type ClockBase = Pick<CaseClock, 'case_id' | 'clock_id' | 'org_id' | 'definition' | 'run'>;

/** When the open pause began, or null when the clock runs or has stopped. */
function pausedAt(run: ClockRun): number | null {
  if (run.stoppedAt !== null) return null;
  return run.pauses.find((p) => p.to === null)?.from ?? null;
}

/** The row after evaluating the clock at `now` with the levels already fired. */
export function clockRow(base: ClockBase, run: ClockRun, status: ClockStatus): CaseClock {
  return {
    ...base,
    started_at: run.startedAt,
    pauses: JSON.stringify(run.pauses),
    stopped_at: run.stoppedAt,
    due_at: status.dueAt,
    due_date: status.dueDate,
    severe_at: status.severeAt,
    lateness: status.lateness,
    next_check_at: status.nextCheckAt,
    pending_year: null,
    paused_at: pausedAt(run),
  };
}

/**
 * The clock evaluated and ready to store. When its deadline reaches a year whose holiday schedule
 * is not loaded, the row is stored pending (期限待定): no due instant, nothing for the sweep to
 * fire, `pending_year` naming the year, until resolvePendingDeadlines finds the schedule.
 */
export function evaluatedClockRow(cal: WorkCalendar, base: ClockBase, run: ClockRun, now: number, fired?: ReadonlySet<string>): CaseClock {
  try {
    return clockRow(base, run, evaluateClock(cal, definitionOf(base), run, now, fired));
  } catch (e) {
    if (!(e instanceof CalendarYearMissingError)) throw e;
    return {
      ...base,
      started_at: run.startedAt,
      pauses: JSON.stringify(run.pauses),
      stopped_at: run.stoppedAt,
      due_at: null,
      due_date: null,
      severe_at: null,
      lateness: 'on_time',
      next_check_at: null,
      pending_year: e.year,
      paused_at: pausedAt(run),
    };
  }
}

/** Applies an action's clock operations to the case's clocks; returns rows to store. */
export function applyClockOps(
  cal: WorkCalendar,
  rows: CaseClock[],
  ops: ClockOps,
  now: number,
  definitions: (clockId: string) => ClockDefinition,
  fired: (row: CaseClock) => ReadonlySet<string>,
): CaseClock[] {
  const out: CaseClock[] = [];
  const byId = new Map(rows.map((r) => [r.clock_id, r]));
  const touched = new Set([...(ops.start ?? []), ...(ops.stop ?? []), ...(ops.pause ?? []), ...(ops.resume ?? [])]);
  for (const clockId of touched) {
    const row = byId.get(clockId);
    if (ops.start?.includes(clockId)) {
      // (Re)start: a reopened case gets a fresh run of the clock, with its own escalations.
      const definition = definitions(clockId);
      const base = { case_id: row?.case_id ?? '', clock_id: clockId, org_id: row?.org_id ?? '', definition: JSON.stringify(definition), run: (row?.run ?? 0) + 1 };
      out.push(evaluatedClockRow(cal, base, startClock(now), now));
      continue;
    }
    if (!row) continue;
    let run = runOf(row);
    if (ops.pause?.includes(clockId)) run = pauseClock(run, now);
    if (ops.resume?.includes(clockId)) run = resumeClock(run, now);
    if (ops.stop?.includes(clockId)) run = stopClock(run, now);
    out.push(evaluatedClockRow(cal, row, run, now, fired(row)));
  }
  return out;
}

/**
 * One clock of a case, decided or not at `now`: met by its due instant, late, or still open and not
 * yet due (`none`: no clock, or no due instant yet). The figures of repairs and follow-ups count these.
 */
export function clockOutcome(c: Pick<CaseClock, 'due_at' | 'stopped_at'> | undefined, now: number): 'met' | 'late' | 'open' | 'none' {
  if (!c || c.due_at === null) return 'none';
  if (c.stopped_at !== null) return Number(c.stopped_at) <= Number(c.due_at) ? 'met' : 'late';
  return now > Number(c.due_at) ? 'late' : 'open';
}
