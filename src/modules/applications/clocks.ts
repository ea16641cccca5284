import type { AppContext, Executor } from '../../shared/context.js';
import type { CaseClock } from '../../db/types.js';
import { startClock, stopClock, type ClockDefinition } from '../../engines/sla/index.js';
import { clockFor } from '../../policy/index.js';
import { days, defaultEscalations } from '../../policy/presets/common.js';
import { calendarForOrganisation } from '../calendar/service.js';
import { policyForOrganisation } from '../policy/service.js';
import { evaluatedClockRow } from '../cases/index.js';
import { caseClocksOf, storeCaseClock } from '../cases/service.js';
import { PROCESSING_CLOCK } from './workflow.js';

/**
 * The processing clock of an accepted application: the service item's committed limit in working
 * days (each item has its own, so it is not a pack clock). Lateness follows the pack's rule for
 * application clocks; the escalation ladder is the default one for a clock of that length (no
 * reminder for 即办 items, whose limit is 0). The definition is stored with the clock, so the
 * sweep escalates it like any other and later edits of the item do not move it.
 */
export async function startProcessingClock(ctx: AppContext, trx: Executor, kase: { id: string; org_id: string }, committedDays: number, at: number): Promise<CaseClock> {
  const cal = await calendarForOrganisation(ctx, kase.org_id, trx);
  const pack = await policyForOrganisation(ctx, kase.org_id, trx);
  const lateness = clockFor(pack, 'application', 'supplement_notice').severelyOverdue;
  const definition: ClockDefinition = {
    id: PROCESSING_CLOCK,
    duration: { amount: committedDays, unit: 'working_days' },
    severelyOverdue: lateness,
    escalations: defaultEscalations(days(committedDays)).value.filter((e) => committedDays > 0 || e.when !== 'before'),
  };
  const row = evaluatedClockRow(cal, { case_id: kase.id, clock_id: PROCESSING_CLOCK, org_id: kase.org_id, definition: JSON.stringify(definition), run: 1 }, startClock(at), ctx.clock.now());
  await storeCaseClock(trx, row);
  return row;
}

/**
 * The pack's `supplement_notice` clock (002:L98: one notice within 5 working days of receipt),
 * started at receipt and stopped when the intake issues the notice: met, or late when the
 * application was received long before it was registered.
 */
export async function recordSupplementNoticeClock(ctx: AppContext, trx: Executor, kase: { id: string; org_id: string }, receivedAt: number, issuedAt: number): Promise<CaseClock> {
  const cal = await calendarForOrganisation(ctx, kase.org_id, trx);
  const pack = await policyForOrganisation(ctx, kase.org_id, trx);
  const c = clockFor(pack, 'application', 'supplement_notice');
  const definition: ClockDefinition = { id: c.id, duration: c.duration, severelyOverdue: c.severelyOverdue, escalations: c.escalations };
  const run = stopClock(startClock(receivedAt), Math.max(issuedAt, receivedAt));
  const row = evaluatedClockRow(cal, { case_id: kase.id, clock_id: c.id, org_id: kase.org_id, definition: JSON.stringify(definition), run: 1 }, run, issuedAt);
  await storeCaseClock(trx, row);
  return row;
}

export async function hasClock(trx: Executor, caseId: string, clockId: string): Promise<boolean> {
  return (await caseClocksOf(trx, caseId)).some((c) => c.clock_id === clockId);
}
