import type { AppContext } from '../../shared/context.js';
import { businessHoursOf } from '../../policy/index.js';
import { policyForOrganisation } from '../policy/service.js';
import { listOrganisations } from '../organisations/service.js';
import { lastClosedMonth, monthPeriod, monthsEndingWith } from '../../shared/months.js';
import { liveUnitMonth, materialisedState, maxAgeMs, writeMaterialisedMonth } from './summary.js';
import * as repo from './repository.js';
import { keepReceivedCounts } from './received.js';
import * as summaries from './summary-repository.js';

/** Closed months kept materialised: the trend of the month view (12 months ending with the last closed one). */
const trendMonths = 12;
/** A month still being worked on (last month's cases, the first days after it ended) is added up again at most once a minute. */
const rewriteAfterMs = 60_000;
/** A claim outlives a node that dies while adding up a month by this long, then another node takes the month. */
const claimLeaseMs = 10 * 60_000;

/**
 * Background round (src/jobs/scheduler.ts), at start-up and then every round, so at month end too:
 * keeps the received counts' watermark close to now and materialises, per organisation, the closed
 * months of the trend that are missing, changed since (the same test as a request's), or older than
 * half the hour a request trusts them. Every node may run it at once: a month is claimed before it
 * is added up, and checked again once claimed, so each change is materialised once. A request never
 * waits for this: until it is done, it adds the month up live (summary.ts).
 * Returns the months materialised, as `orgId:month`.
 */
export async function materialiseClosedMonths(ctx: AppContext, options: { node: string }): Promise<string[]> {
  const done: string[] = [];
  for (const org of await listOrganisations(ctx)) {
    const offset = businessHoursOf(await policyForOrganisation(ctx, org.id)).utcOffsetMinutes;
    await keepReceivedCounts(ctx, org.id, offset);
    const now = ctx.clock.now();
    const months = monthsEndingWith(lastClosedMonth(now, offset), trendMonths);
    const periods = new Map(months.map((m) => [m, monthPeriod(m, offset)]));
    const due = (state: Awaited<ReturnType<typeof materialisedState>>, m: string) => {
      const computedAt = state.stamps.get(m)?.computed_at;
      if (computedAt === undefined) return true;
      const age = Date.now() - computedAt;
      return state.fresh.has(m) ? age > maxAgeMs / 2 : age >= rewriteAfterMs;
    };
    const state = await materialisedState(ctx.db.kysely, org.id, months, periods);
    // Newest first: last month is the one users open first after start-up or month end.
    for (const month of months.filter((m) => due(state, m)).reverse()) {
      if (!(await summaries.claimMonth(ctx.db.kysely, org.id, month, options.node, now, now + claimLeaseMs))) continue;
      try {
        // Another node may have written the month between our look and our claim.
        const again = await materialisedState(ctx.db.kysely, org.id, [month], periods);
        if (!due(again, month)) continue;
        const p = periods.get(month)!;
        const [units, rectifications] = await Promise.all([liveUnitMonth(ctx, org.id, p, now, offset), repo.rectifications(ctx.db.kysely, org.id, p.start, p.end)]);
        await writeMaterialisedMonth(ctx, org.id, month, { units, rectifications }, again.current, now);
        done.push(`${org.id}:${month}`);
      } finally {
        await summaries.releaseMonth(ctx.db.kysely, org.id, month, options.node);
      }
    }
  }
  return done;
}
