import type { AppContext, Executor } from '../../shared/context.js';
import { TtlCache } from '../../shared/ttl-cache.js';
import { levelCountsOf } from '../../shared/level-counts.js';
import { mergeUnitMonths, type UnitMonth } from './figures.js';
import { monthPeriod, type Period } from '../../shared/months.js';
import { forgetReceived, receivedInMonth } from './received.js';
import * as repo from './repository.js';
import * as summaries from './summary-repository.js';

/**
 * Figures per unit for a set of months. An open month (not ended at `now`) is aggregated live.
 * A closed month is read from its materialised rows (written by the background round, materialise.ts,
 * never by a request) while they still hold: no case received before the month's end was changed
 * (created, acted on, a 差评 appeal upheld — the rectification case is received at the rating's
 * instant) after the materialisation's stamp, no served count of the month was corrected, and they
 * are at most an hour old (a bound on any change that bypasses both stamps, e.g. activity written
 * back-dated by a simulated clock without calling `forgetMaterialisedMonths`). Otherwise — not yet
 * materialised, or changed since — the request aggregates the month live from the cases and the
 * daily rollups: slower, the same figures (both sources run the same SQL).
 */
export const maxAgeMs = 3_600_000;

type RectificationRow = Awaited<ReturnType<typeof repo.rectifications>>[number];

/**
 * Rows of materialised months by organisation, month and materialisation stamp: a stamp names one
 * immutable set of rows (re-materialising gives a new stamp), so every process may keep them.
 */
const materialisedRows = new TtlCache<string, UnitMonth[]>(maxAgeMs, 5_000);
const materialisedRectifications = new TtlCache<string, RectificationRow[]>(maxAgeMs, 1_000);

export async function liveUnitMonth(ctx: AppContext, orgId: string, period: Period, now: number, utcOffsetMinutes: number): Promise<UnitMonth[]> {
  const db = ctx.db.kysely;
  const [received, reply, rollups, served] = await Promise.all([
    receivedInMonth(ctx, orgId, period),
    repo.replyDeadlines(db, orgId, period.start, period.end, now),
    repo.rollupsByUnit(db, orgId, period.from, period.to),
    repo.servedByUnit(db, orgId, period.from, period.to),
  ]);
  return mergeUnitMonths({ received, reply, rollups, served });
}

export type MonthStamp = Awaited<ReturnType<typeof summaries.findStamps>>[number];

/**
 * Which of these closed months have materialised rows that still hold (`fresh`), with every month's
 * stamp and the organisation's newest case and served-count change (`current`).
 */
export async function materialisedState(db: Executor, orgId: string, closed: string[], periods: Map<string, Period>) {
  const [current, stampRows] = await Promise.all([summaries.currentStamps(db, orgId), summaries.findStamps(db, orgId, closed)]);
  const stamps = new Map(stampRows.map((s) => [s.month, s]));
  const changedReceipt = new Map<number, number | null>();
  const changedServed = new Map<number, string | null>();
  const fresh = new Set<string>();
  for (const m of closed) {
    const s = stamps.get(m);
    const p = periods.get(m)!;
    if (!s || Date.now() - s.computed_at > maxAgeMs) continue;
    if (s.cases_stamp < current.cases) {
      if (!changedReceipt.has(s.cases_stamp)) changedReceipt.set(s.cases_stamp, await summaries.earliestReceiptChangedSince(db, orgId, s.cases_stamp));
      const earliest = changedReceipt.get(s.cases_stamp);
      if (earliest !== null && earliest !== undefined && earliest < p.end) continue;
    }
    if (s.served_stamp < current.served) {
      if (!changedServed.has(s.served_stamp)) changedServed.set(s.served_stamp, await summaries.earliestServedDateChangedSince(db, orgId, s.served_stamp));
      const earliest = changedServed.get(s.served_stamp);
      if (earliest && earliest <= p.to) continue;
    }
    fresh.add(m);
  }
  return { current, stamps, fresh };
}

/**
 * The figures of `months` per unit, and the 差评整改 cases of month `rectificationsOf` per unit and
 * status, for a request: reads, never writes.
 */
export async function unitMonths(ctx: AppContext, orgId: string, months: string[], utcOffsetMinutes: number, now: number, rectificationsOf: string) {
  const db = ctx.db.kysely;
  const periods = new Map([...months, rectificationsOf].map((m) => [m, monthPeriod(m, utcOffsetMinutes)]));
  const closed = [...periods.keys()].filter((m) => periods.get(m)!.end <= now);
  const { stamps, fresh } = closed.length ? await materialisedState(db, orgId, closed, periods) : { stamps: new Map<string, MonthStamp>(), fresh: new Set<string>() };
  const cacheKey = (m: string) => `${orgId}|${m}|${stamps.get(m)!.computed_at}`;
  const toRead = months.filter((m) => fresh.has(m) && !materialisedRows.get(cacheKey(m)));
  const readRectifications = async (): Promise<RectificationRow[]> => {
    const p = periods.get(rectificationsOf)!;
    if (!fresh.has(rectificationsOf)) return repo.rectifications(db, orgId, p.start, p.end);
    const cached = materialisedRectifications.get(cacheKey(rectificationsOf));
    if (cached) return cached;
    const rows = await summaries.findMonthRectifications(db, orgId, rectificationsOf);
    materialisedRectifications.set(cacheKey(rectificationsOf), rows);
    return rows;
  };
  // Months not (or no longer) materialised are added up live, side by side: the request never waits for the background round.
  const live = months.filter((m) => !fresh.has(m));
  const [materialised, liveUnits, rectifications] = await Promise.all([
    summaries.findMonthUnits(db, orgId, toRead),
    Promise.all(live.map((m) => liveUnitMonth(ctx, orgId, periods.get(m)!, now, utcOffsetMinutes))),
    readRectifications(),
  ]);
  const read = new Map<string, UnitMonth[]>(toRead.map((m) => [m, []]));
  for (const r of materialised) {
    read.get(r.month)!.push({ unitId: r.unit_id === '' ? null : r.unit_id, unitPath: r.unit_path, received: r.received, replyDecided: r.reply_decided, replyMet: r.reply_met, ...levelCountsOf(r), served: r.served });
  }
  for (const [m, units] of read) materialisedRows.set(cacheKey(m), units);
  const out = new Map<string, UnitMonth[]>();
  live.forEach((m, i) => out.set(m, liveUnits[i]));
  for (const m of months.filter((x) => fresh.has(x))) out.set(m, read.get(m) ?? materialisedRows.get(cacheKey(m)) ?? []);
  return { months: out, rectifications };
}

/**
 * Writes one closed month's rows with the stamps they were computed at (the background round only).
 * The stamp is the newest change seen, but earlier than this millisecond: a write later in the
 * same millisecond (same clock reading) still compares as newer, so it is never missed.
 */
export async function writeMaterialisedMonth(ctx: AppContext, orgId: string, month: string, figures: { units: UnitMonth[]; rectifications: RectificationRow[] }, current: { cases: number; served: number }, now: number) {
  const { units } = figures;
  const rectifications = figures.rectifications.map((r) => ({ org_id: orgId, month, unit_id: r.unit_id ?? '', unit_path: r.unit_path, status: r.status, n: r.n }));
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
  const stamp = { org_id: orgId, month, cases_stamp: Math.min(current.cases, now - 1), served_stamp: Math.min(current.served, now - 1), computed_at: Date.now() };
  await ctx.db.kysely.transaction().execute((trx) => summaries.replaceMonth(trx, orgId, month, rows, rectifications, stamp));
}

/** Drops an organisation's materialised months (the activity generator writes into past months). */
export async function forgetMaterialisedMonths(ctx: AppContext, orgId: string): Promise<void> {
  await summaries.deleteMonths(ctx.db.kysely, orgId);
  await forgetReceived(ctx, orgId);
}
