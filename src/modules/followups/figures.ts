import { rate, type Rate } from '../../engines/metrics/index.js';
import type { CaseClock, CasesTable } from '../../db/types.js';
import { clockOutcome } from '../cases/index.js';

export interface FollowUpFigures {
  followUps: number;
  /** 接通率: reached (answered, refused, or answered through the link) ÷ follow-ups ended (those and the unreachable). */
  reachRate: Rate;
  /** 及时率: ended by the due instant ÷ follow-ups whose due clock is decided (stopped, or overdue). */
  onTime: Rate;
  /** 满意率: satisfied (the pack's positive levels) ÷ follow-ups answered with a satisfaction. */
  satisfaction: Rate;
  unreachable: number;
  /** 上门随访: follow-ups with a home visit among their attempts (a visit that met the patient reaches them). */
  homeVisits: number;
  /** Negative answers that opened a rectification. */
  rectifications: number;
}

/**
 * The follow-up figures of a set of follow-ups (exact rates). A follow-up still open and not yet
 * due counts in no rate, so a month in progress is neither flattered nor blamed for it.
 */
export function followUpFigures(rows: CasesTable[], clocks: CaseClock[], positiveLevels: readonly number[], now: number): FollowUpFigures {
  const clockOf = new Map(clocks.map((c) => [c.case_id, c]));
  let ended = 0;
  let reached = 0;
  let decided = 0;
  let met = 0;
  let answered = 0;
  let satisfied = 0;
  let unreachable = 0;
  let rectifications = 0;
  let homeVisits = 0;
  for (const r of rows) {
    const data = JSON.parse(r.data) as { answers?: { satisfaction?: number }; rectification?: unknown; attempts?: { kind?: string }[] };
    if ((data.attempts ?? []).some((a) => a.kind === 'home_visit')) homeVisits += 1;
    const status = r.status;
    if (status === 'unreachable') unreachable += 1;
    if (['completed', 'refused', 'unreachable'].includes(status) || status === 'reached') {
      ended += 1;
      if (status !== 'unreachable') reached += 1;
    }
    const outcome = clockOutcome(clockOf.get(r.id), now);
    if (outcome === 'met' || outcome === 'late') decided += 1;
    if (outcome === 'met') met += 1;
    if (typeof data.answers?.satisfaction === 'number') {
      answered += 1;
      if (positiveLevels.includes(data.answers.satisfaction)) satisfied += 1;
    }
    if (data.rectification) rectifications += 1;
  }
  return { followUps: rows.length, reachRate: rate(reached, ended), onTime: rate(met, decided), satisfaction: rate(satisfied, answered), unreachable, homeVisits, rectifications };
}
