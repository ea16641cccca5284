import { evaluateClock, pauseClock, resumeClock, startClock, stopClock, type ClockDefinition, type ClockRun, type ClockStatus } from '../../engines/sla/index.js';
import type { WorkCalendar } from '../../engines/calendar/index.js';
import type { ClockOps } from '../../engines/workflow/index.js';
import { parseJson } from '../../shared/json.js';
import type { CaseClocksTable } from '../../db/types.js';

/** A stored clock as the SLA engine sees it. */
export function runOf(row: CaseClocksTable): ClockRun {
  return { startedAt: Number(row.started_at), pauses: parseJson(row.pauses, []), stoppedAt: row.stopped_at === null ? null : Number(row.stopped_at) };
}

export function definitionOf(row: CaseClocksTable): ClockDefinition {
  return parseJson(row.definition, null as unknown as ClockDefinition);
}

/** The row after evaluating the clock at `now` with the levels already fired. */
export function clockRow(base: Omit<CaseClocksTable, 'due_at' | 'due_date' | 'severe_at' | 'lateness' | 'next_check_at' | 'pauses' | 'started_at' | 'stopped_at'>, run: ClockRun, status: ClockStatus): CaseClocksTable {
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
  };
}

/** Applies an action's clock operations to the case's clocks; returns rows to store. */
export function applyClockOps(
  cal: WorkCalendar,
  rows: CaseClocksTable[],
  ops: ClockOps,
  now: number,
  definitions: (clockId: string) => ClockDefinition,
  fired: (row: CaseClocksTable) => ReadonlySet<string>,
): CaseClocksTable[] {
  const out: CaseClocksTable[] = [];
  const byId = new Map(rows.map((r) => [r.clock_id, r]));
  const touched = new Set([...(ops.start ?? []), ...(ops.stop ?? []), ...(ops.pause ?? []), ...(ops.resume ?? [])]);
  for (const clockId of touched) {
    const row = byId.get(clockId);
    if (ops.start?.includes(clockId)) {
      // (Re)start: a reopened case gets a fresh run of the clock, with its own escalations.
      const definition = definitions(clockId);
      const run = startClock(now);
      const status = evaluateClock(cal, definition, run, now);
      out.push(clockRow({ case_id: row?.case_id ?? '', clock_id: clockId, org_id: row?.org_id ?? '', definition: JSON.stringify(definition), run: (row?.run ?? 0) + 1 }, run, status));
      continue;
    }
    if (!row) continue;
    let run = runOf(row);
    if (ops.pause?.includes(clockId)) run = pauseClock(run, now);
    if (ops.resume?.includes(clockId)) run = resumeClock(run, now);
    if (ops.stop?.includes(clockId)) run = stopClock(run, now);
    const status = evaluateClock(cal, definitionOf(row), run, now, fired(row));
    out.push(clockRow(row, run, status));
  }
  return out;
}
