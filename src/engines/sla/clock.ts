import {
  addBusinessMinutes,
  businessMinutesBetween,
  effectiveReceiptDate,
  localDateOf,
  shiftWorkingDays,
  workingDayDeadline,
  workingDaysBetween,
  type WorkCalendar,
} from '../calendar/index.js';
import type { ClockDefinition, ClockRun, ClockStatus, Duration, DurationUnit, EscalationTiming, Lateness } from './types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * How much clock time the pauses consumed, in the clock's own unit (working days, business
 * minutes or milliseconds). An open pause runs until `now`; nothing counts after the stop.
 *
 * Working days: both ends of a pause are placed like a receipt (RULES §1: at/after closing or on
 * a non-working day → the next working day), so a pause consumes one working day for each close
 * of business it spans. Using the bare local dates instead let a clock paused on its due day
 * before closing turn overdue that evening while still paused (and back to on time the next
 * working day), and charged a Friday-evening-to-Monday-morning pause a whole working day.
 */
function pausedAmount(cal: WorkCalendar, unit: DurationUnit, run: ClockRun, now: number): number {
  let total = 0;
  for (const p of run.pauses) {
    const end = Math.min(p.to ?? now, run.stoppedAt ?? Infinity);
    if (end <= p.from) continue;
    if (unit === 'working_days') total += Math.max(0, workingDaysBetween(cal, effectiveReceiptDate(cal, p.from), effectiveReceiptDate(cal, end)));
    else if (unit === 'business_hours') total += businessMinutesBetween(cal, p.from, end);
    else total += end - p.from;
  }
  return total;
}

/** The instant `amount` units after the start, extended by the paused time. */
function deadline(cal: WorkCalendar, startedAt: number, amount: number, unit: DurationUnit, paused: number): { at: number; date: string } {
  switch (unit) {
    case 'working_days': {
      // RULES §1: receipt day not counted; after closing → next working day; ends at close of business.
      const d = workingDayDeadline(cal, startedAt, amount + paused);
      return { at: d.dueAt, date: d.dueDate };
    }
    case 'business_hours': {
      const at = addBusinessMinutes(cal, startedAt, amount * 60 + paused);
      return { at, date: localDateOf(cal, at) };
    }
    case 'calendar_hours':
    case 'calendar_days': {
      const at = startedAt + amount * (unit === 'calendar_hours' ? HOUR : DAY) + paused;
      return { at, date: localDateOf(cal, at) };
    }
  }
}

/** An instant moved by an offset in its unit (working days keep the local time of day). */
export function shiftInstant(cal: WorkCalendar, t: number, offset: Duration | { amount: number; unit: DurationUnit }, sign: 1 | -1): number {
  const n = offset.amount * sign;
  if (n === 0) return t;
  switch (offset.unit) {
    case 'working_days':
      return shiftWorkingDays(cal, t, n);
    case 'business_hours':
      return addBusinessMinutes(cal, t, n * 60);
    case 'calendar_hours':
      return t + n * HOUR;
    case 'calendar_days':
      return t + n * DAY;
  }
}

/**
 * factor × amount. Working-day deadlines are whole days, so that product is rounded up (7.5 → 8),
 * after dropping floating-point noise (25 × 2.2 = 55.00000000000001 must stay 55); hours are not
 * rounded (3 business hours × 1.5 = 4.5 hours).
 */
function severeAmount(amount: number, factor: number, unit: DurationUnit): number {
  const x = amount * factor;
  return unit === 'working_days' ? Math.ceil(Math.round(x * 1e6) / 1e6) : x;
}

function latenessAt(t: number, dueAt: number, severeAt: number): Lateness {
  if (t > severeAt) return 'severely_overdue';
  if (t > dueAt) return 'overdue';
  return 'on_time';
}

/**
 * The state of one clock at `now`: its due and severely-overdue instants (extended by pauses),
 * its lateness, which escalation levels are due and not yet `fired`, and when the sweep
 * should look at it next. Pure: the calendar and the clock's history are inputs.
 */
export function evaluateClock(cal: WorkCalendar, def: ClockDefinition, run: ClockRun, now: number, fired: ReadonlySet<string> = new Set()): ClockStatus {
  const { amount, unit } = def.duration;
  const paused = pausedAmount(cal, unit, run, now);
  const due = deadline(cal, run.startedAt, amount, unit, paused);
  const severeAt =
    def.severelyOverdue.mode === 'multiple'
      ? deadline(cal, run.startedAt, severeAmount(amount, def.severelyOverdue.factor, unit), unit, paused).at
      : shiftInstant(cal, due.at, def.severelyOverdue.delay, 1);

  const state: ClockStatus['state'] = run.stoppedAt !== null ? 'stopped' : run.pauses.some((p) => p.to === null) ? 'paused' : 'running';
  const timings = def.escalations.map((e) => {
    const anchor = e.anchor === 'due' ? due.at : severeAt;
    return { id: e.id, fireAt: shiftInstant(cal, anchor, e.offset, e.when === 'before' ? -1 : 1), due: false };
  });
  const at = state === 'stopped' ? (run.stoppedAt as number) : now;
  const placed: ClockStatus = { state, dueAt: due.at, dueDate: due.date, severeAt, lateness: latenessAt(at, due.at, severeAt), met: state === 'stopped' ? at <= due.at : null, escalations: timings, nextCheckAt: null };
  return withFiredLevels(placed, now, fired);
}

/**
 * The status at `now` once the levels in `fired` have fired: the deadlines stay where they were,
 * which levels are due and when to look next follow from the set. The sweep re-evaluates a clock
 * this way right after firing its levels, without placing its deadlines on the calendar again.
 */
export function withFiredLevels(status: ClockStatus, now: number, fired: ReadonlySet<string>): ClockStatus {
  const running = status.state === 'running';
  const escalations: EscalationTiming[] = status.escalations.map((e) => ({ id: e.id, fireAt: e.fireAt, due: running && e.fireAt <= now && !fired.has(e.id) }));
  let nextCheckAt: number | null = null;
  if (running) {
    // The earliest of: a level still to fire, the instant after each deadline still ahead, now if a level is due.
    let next = Infinity;
    for (const e of escalations) {
      if (e.due) next = Math.min(next, now);
      else if (e.fireAt > now && !fired.has(e.id)) next = Math.min(next, e.fireAt);
    }
    if (now <= status.dueAt) next = Math.min(next, status.dueAt + 1);
    if (now <= status.severeAt) next = Math.min(next, status.severeAt + 1);
    nextCheckAt = next === Infinity ? null : next;
  }
  // Field by field, not a spread of the status: the sweep makes two of these a clock.
  const { state, dueAt, dueDate, severeAt, lateness, met } = status;
  return { state, dueAt, dueDate, severeAt, lateness, met, escalations, nextCheckAt };
}

/** Pause a running clock (e.g. waiting for the complainant); a no-op when already paused or stopped. */
export function pauseClock(run: ClockRun, at: number): ClockRun {
  if (run.stoppedAt !== null || run.pauses.some((p) => p.to === null)) return run;
  return { ...run, pauses: [...run.pauses, { from: at, to: null }] };
}

export function resumeClock(run: ClockRun, at: number): ClockRun {
  if (!run.pauses.some((p) => p.to === null)) return run;
  return { ...run, pauses: run.pauses.map((p) => (p.to === null ? { from: p.from, to: Math.max(at, p.from) } : p)) };
}

/** Stop the clock (the obligation is met); an open pause ends at the stop. */
export function stopClock(run: ClockRun, at: number): ClockRun {
  if (run.stoppedAt !== null) return run;
  return { ...resumeClock(run, at), stoppedAt: at };
}

export function startClock(at: number): ClockRun {
  return { startedAt: at, pauses: [], stoppedAt: null };
}
