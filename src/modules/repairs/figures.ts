import { rate, type Rate } from '../../engines/metrics/index.js';
import type { CaseClock, CasesTable } from '../../db/types.js';
import { clockOutcome } from '../cases/index.js';


export interface RepairFigures {
  orders: number;
  /** 到达及时率: arrived by the arrival deadline ÷ orders whose arrival is decided (arrived, or overdue). */
  arrivalOnTime: Rate;
  /** 24 小时修复率: completed within the completion clock ÷ orders whose completion is decided. */
  completedInTime: Rate;
  /** 回访率: called back ÷ completed. */
  callbackRate: Rate;
  /** 回访及时率: called back by the callback deadline ÷ callbacks decided (made, or overdue). */
  callbackOnTime: Rate;
}

/**
 * The four repair figures of a set of orders (exact rates: numerator and denominator). An order
 * whose deadline has not come yet counts nowhere, so a month in progress is not flattered or
 * blamed for what is still open.
 */
export function repairFigures(orders: CasesTable[], clocks: CaseClock[], now: number): RepairFigures {
  const by = new Map<string, Map<string, CaseClock>>();
  for (const c of clocks) by.set(c.case_id, (by.get(c.case_id) ?? new Map()).set(c.clock_id, c));
  const tally = () => ({ met: 0, decided: 0 });
  const arrival = tally();
  const completion = tally();
  const callback = tally();
  let completed = 0;
  let calledBack = 0;
  const count = (t: { met: number; decided: number }, o: ReturnType<typeof clockOutcome>) => {
    if (o === 'met' || o === 'late') t.decided += 1;
    if (o === 'met') t.met += 1;
  };
  for (const order of orders) {
    const c = by.get(order.id) ?? new Map();
    count(arrival, clockOutcome(c.get('arrival'), now));
    count(completion, clockOutcome(c.get('completion'), now));
    const done = c.get('completion')?.stopped_at != null;
    if (done) {
      completed += 1;
      if (c.get('callback')?.stopped_at != null) calledBack += 1;
      count(callback, clockOutcome(c.get('callback'), now));
    }
  }
  return {
    orders: orders.length,
    arrivalOnTime: rate(arrival.met, arrival.decided),
    completedInTime: rate(completion.met, completion.decided),
    callbackRate: rate(calledBack, completed),
    callbackOnTime: rate(callback.met, callback.decided),
  };
}
