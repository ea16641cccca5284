import type { AppContext, Executor } from '../../shared/context.js';
import * as repo from './repository.js';
import * as monthRepo from './month-repository.js';
import { closedMonthsWithin, daysAround } from './periods.js';

/**
 * Closed months are read from their materialised sums (migration 0015), the rest of a range from
 * the daily rollups. A month is added up on first read and again when a write reached it (an upheld
 * appeal, a corrected served count drop its stamp) or when it is older than an hour — a bound on
 * any change that bypasses the stamps, such as a rating still in flight at midnight. Both sources
 * hold the same counts, so the figures do not depend on which one answered.
 */
const maxAgeMs = 3_600_000;

type Sums = Awaited<ReturnType<typeof repo.sumRollups>>[number];
type ReasonSums = Awaited<ReturnType<typeof repo.sumReasons>>[number];
type ServedSums = Awaited<ReturnType<typeof repo.sumServed>>[number];

/** Materialises the closed months that are missing or stale; false when one could not be (another request was at it). */
async function ensureMonths(ctx: AppContext, orgId: string, months: readonly string[], now: number): Promise<boolean> {
  const stamps = new Map((await monthRepo.findMonthStamps(ctx.db.kysely, orgId, months)).map((s) => [s.month, s.computedAt]));
  let ready = true;
  for (const month of months) {
    const computedAt = stamps.get(month);
    if (computedAt !== undefined && now - computedAt <= maxAgeMs) continue;
    try {
      await ctx.db.kysely.transaction().execute((trx) => monthRepo.materialiseMonth(trx, orgId, month, now));
    } catch {
      ready = false;
    }
  }
  return ready;
}

/** Adds numeric columns of rows with the same key (the same group from the month and the day sources). */
function mergeBy<T extends Record<string, unknown>>(rows: T[], keyOf: (r: T) => string): T[] {
  const merged = new Map<string, Record<string, unknown>>();
  for (const row of rows) {
    const k = keyOf(row);
    const into = merged.get(k);
    if (!into) {
      merged.set(k, { ...row });
      continue;
    }
    for (const [c, v] of Object.entries(row)) if (c !== 'key' && c !== 'reason') into[c] = Number(into[c] ?? 0) + Number(v ?? 0);
  }
  return [...merged.values()] as T[];
}

/** The sums a statistics query needs — levels, served counts, and (with `details`) indicators and reasons — over its range. */
export async function sumRatingPeriod(ctx: AppContext, filter: repo.StatsFilter, options: { details: boolean; today: string; now: number }) {
  const db = ctx.db.kysely;
  const closed = closedMonthsWithin(filter, options.today);
  const months = closed.length > 0 && (await ensureMonths(ctx, filter.orgId, closed, options.now)) ? closed : [];
  const parts: { filter: repo.StatsFilter; source: repo.RollupSource }[] = daysAround(filter, months).map((r) => ({ filter: { ...filter, ...r }, source: 'days' }));
  if (months.length) parts.push({ filter: { ...filter, from: months[0], to: months[months.length - 1] }, source: 'months' });
  const answers = await Promise.all(
    parts.map(({ filter: f, source }) =>
      Promise.all([
        repo.sumRollups(db, f, { levelsOnly: !options.details, source }),
        repo.sumServed(db, f, source),
        options.details ? repo.sumReasons(db, f, source) : ([] as ReasonSums[]),
      ]),
    ),
  );
  return {
    rollups: mergeBy<Sums>(answers.flatMap((a) => a[0]), (r) => r.key),
    served: mergeBy<ServedSums>(answers.flatMap((a) => a[1]), (r) => r.key),
    reasons: mergeBy<ReasonSums>(answers.flatMap((a) => a[2]), (r) => `${r.key}\u0000${r.reason}`),
  };
}

/** A write into the daily rollups or served counts of these dates: their months are added up again when next read. */
export async function forgetMonthsOf(db: Executor, orgId: string, dates: Iterable<string>) {
  for (const month of new Set([...dates].map((d) => d.slice(0, 7)))) await monthRepo.forgetMonth(db, orgId, month);
}

/** Forgets an organisation's materialised months (after activity was written back-dated into them). */
export async function forgetMaterialisedRatingMonths(ctx: AppContext, orgId: string) {
  await monthRepo.forgetAllMonths(ctx.db.kysely, orgId);
}
