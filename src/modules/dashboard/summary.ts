import type { AppContext } from '../../shared/context.js';
import { TtlCache } from '../../shared/ttl-cache.js';
import { levelCountsOf } from '../../shared/level-counts.js';
import { mergeUnitMonths, type UnitMonth } from './figures.js';
import { monthPeriod, type Period } from '../../shared/months.js';
import { forgetReceived, receivedInMonth } from './received.js';
import * as repo from './repository.js';
import * as summaries from './summary-repository.js';

/**
 * Figures per unit for a set of months. An open month (not ended at `now`) is aggregated live.
 * A closed month is materialised once and re-aggregated only when it may have changed: a case
 * received before the month's end was changed (created, acted on, a 差评 appeal upheld — the
 * rectification case is received at the rating's instant) after the materialisation's stamp, or a served
 * count of the month was corrected, or it is older than an hour (a bound on any change that
 * bypasses both stamps, e.g. activity written back-dated by a simulated clock without calling
 * `forgetMaterialisedMonths`). Both sources run the same SQL, so they agree.
 */
const maxAgeMs = 3_600_000;
const rewriteAfterMs = 60_000;

/**
 * Rows of materialised months by organisation, month and materialisation stamp: a stamp names one
 * immutable set of rows (re-materialising gives a new stamp), so every process may keep them.
 */
const materialisedRows = new TtlCache<string, UnitMonth[]>(maxAgeMs, 5_000);

export async function liveUnitMonth(ctx: AppContext, orgId: string, period: Period, now: number, utcOffsetMinutes: number): Promise<UnitMonth[]> {
  const db = ctx.db.kysely;
  const [received, reply, rollups, served] = await Promise.all([
    receivedInMonth(ctx, orgId, period, utcOffsetMinutes),
    repo.replyDeadlines(db, orgId, period.start, period.end, now),
    repo.rollupsByUnit(db, orgId, period.from, period.to),
    repo.servedByUnit(db, orgId, period.from, period.to),
  ]);
  return mergeUnitMonths({ received, reply, rollups, served });
}

export async function unitMonths(ctx: AppContext, orgId: string, months: string[], utcOffsetMinutes: number, now: number): Promise<Map<string, UnitMonth[]>> {
  const db = ctx.db.kysely;
  const out = new Map<string, UnitMonth[]>();
  const periods = new Map(months.map((m) => [m, monthPeriod(m, utcOffsetMinutes)]));
  const closed = months.filter((m) => periods.get(m)!.end <= now);
  for (const m of months.filter((x) => !closed.includes(x))) out.set(m, await liveUnitMonth(ctx, orgId, periods.get(m)!, now, utcOffsetMinutes));
  if (closed.length === 0) return out;

  const current = await summaries.currentStamps(db, orgId);
  const stamps = new Map((await summaries.findStamps(db, orgId, closed)).map((s) => [s.month, s]));
  const changedReceipt = new Map<number, number | null>();
  const changedServed = new Map<number, string | null>();
  const stale: string[] = [];
  for (const m of closed) {
    const s = stamps.get(m);
    const p = periods.get(m)!;
    if (!s || Date.now() - s.computed_at > maxAgeMs) {
      stale.push(m);
      continue;
    }
    if (s.cases_stamp < current.cases) {
      if (!changedReceipt.has(s.cases_stamp)) changedReceipt.set(s.cases_stamp, await summaries.earliestReceiptChangedSince(db, orgId, s.cases_stamp));
      const earliest = changedReceipt.get(s.cases_stamp);
      if (earliest !== null && earliest !== undefined && earliest < p.end) {
        stale.push(m);
        continue;
      }
    }
    if (s.served_stamp < current.served) {
      if (!changedServed.has(s.served_stamp)) changedServed.set(s.served_stamp, await summaries.earliestServedDateChangedSince(db, orgId, s.served_stamp));
      const earliest = changedServed.get(s.served_stamp);
      if (earliest && earliest <= p.to) stale.push(m);
    }
  }
  const fresh = closed.filter((m) => !stale.includes(m));
  const cacheKey = (m: string) => `${orgId}|${m}|${stamps.get(m)!.computed_at}`;
  const toRead = fresh.filter((m) => !materialisedRows.get(cacheKey(m)));
  for (const r of await summaries.findMonthUnits(db, orgId, toRead)) {
    const list = out.get(r.month) ?? [];
    list.push({ unitId: r.unit_id === '' ? null : r.unit_id, unitPath: r.unit_path, received: r.received, replyDecided: r.reply_decided, replyMet: r.reply_met, ...levelCountsOf(r), served: r.served });
    out.set(r.month, list);
  }
  for (const m of toRead) materialisedRows.set(cacheKey(m), out.get(m) ?? []);
  for (const m of fresh) out.set(m, materialisedRows.get(cacheKey(m)) ?? []);
  // The stamp is the newest change seen, but earlier than this millisecond: a write later in the
  // same millisecond (same clock reading) still compares as newer, so it is never missed.
  const stamp = { cases: Math.min(current.cases, now - 1), served: Math.min(current.served, now - 1) };
  for (const m of stale) {
    const units = await liveUnitMonth(ctx, orgId, periods.get(m)!, now, utcOffsetMinutes);
    out.set(m, units);
    // A month still being worked on (last month's cases, the first days after it ended) is
    // written again at most once a minute, not on every read.
    const previous = stamps.get(m);
    if (!previous || Date.now() - previous.computed_at >= rewriteAfterMs) await materialise(ctx, orgId, m, units, stamp);
  }
  return out;
}

async function materialise(ctx: AppContext, orgId: string, month: string, units: UnitMonth[], stamps: { cases: number; served: number }) {
  const rows = units.map((u) => ({
    org_id: orgId,
    month,
    unit_id: u.unitId ?? '',
    unit_path: u.unitPath,
    received: u.received,
    reply_decided: u.replyDecided,
    reply_met: u.replyMet,
    ...levelCountsOf(u),
    served: u.served,
  }));
  try {
    await ctx.db.kysely.transaction().execute((trx) => summaries.replaceMonth(trx, orgId, month, rows, { org_id: orgId, month, cases_stamp: stamps.cases, served_stamp: stamps.served, computed_at: Date.now() }));
  } catch {
    // A cache: another request materialising the same month at the same moment wins; we still answer.
  }
}

/** Drops an organisation's materialised months (the activity generator writes into past months). */
export async function forgetMaterialisedMonths(ctx: AppContext, orgId: string): Promise<void> {
  await summaries.deleteMonths(ctx.db.kysely, orgId);
  await forgetReceived(ctx, orgId);
}
