import type { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { requireInOrder } from '../../shared/fields.js';
import { isUnitScoped, type Actor } from '../../shared/access.js';
import { countsByLevel } from '../../shared/level-counts.js';
import { meetsThreshold, percent, ratingRates } from '../../engines/metrics/index.js';
import { businessHoursOf, ratingSettings, ratingThresholds } from '../../policy/index.js';
import { policyForOrganisation } from '../policy/service.js';
import { loadUnitInScope } from '../units/service.js';
import { indicatorKeys, type statsQuery } from './schema.js';
import { labelOfReason, reasonLabels } from './reasons.js';
import type * as repo from './repository.js';
import { sumRatingPeriod } from './months.js';
import { localDate } from '../../shared/months.js';

const levelValues = [1, 2, 3, 4, 5] as const;

type RollupSums = Awaited<ReturnType<typeof repo.sumRollups>>[number];

/** Each GB/T 39734 indicator: level counts, how many rated it, and the mean level (5 best). */
function indicatorSummary(r: RollupSums) {
  return Object.fromEntries(
    indicatorKeys.map((k) => {
      const counts = Object.fromEntries(levelValues.map((l) => [l, Number(r[`${k}_${l}`])])) as Record<1 | 2 | 3 | 4 | 5, number>;
      const answered = levelValues.reduce((a, l) => a + counts[l], 0);
      const sum = levelValues.reduce((a, l) => a + l * counts[l], 0);
      return [k, { counts, answered, average: answered ? Math.round((sum / answered) * 100) / 100 : null }];
    }),
  );
}

/**
 * 好差评统计: counts per level, rating rate, satisfaction, positive and negative rates, each pack
 * threshold with pass/fail, the indicators and the 差评 reasons, per unit, staff member or month —
 * from the rollups, never the raw ratings (`details=false` leaves out the indicators and reasons).
 * A group with fewer ratings than the pack's minimum sample is flagged `smallSample`.
 */
export async function ratingStatistics(ctx: AppContext, actor: Actor, query: z.infer<typeof statsQuery>) {
  requireInOrder(query.from, query.to, 'querystring.from');
  const personal = actor.role === 'staff';
  if (personal && query.staffId && query.staffId !== actor.staffId) throw new AppError('out_of_scope');
  const unitPath = query.unitId ? (await loadUnitInScope(ctx, actor, query.unitId)).path : undefined;
  const pack = await policyForOrganisation(ctx, actor.orgId);
  const settings = ratingSettings(pack);
  const options = settings.satisfaction;
  const filter = {
    orgId: actor.orgId,
    from: query.from,
    to: query.to,
    scopePath: isUnitScoped(actor.role) && !personal ? actor.scopePath : null,
    unitPath,
    staffId: personal ? (actor.staffId ?? '-') : query.staffId,
    groupBy: query.groupBy,
  };
  const details = query.details !== 'false';
  const now = ctx.clock.now();
  const today = localDate(now, businessHoursOf(pack).utcOffsetMinutes);
  const [{ rollups, served, reasons: reasonSums }, reasonList] = await Promise.all([
    sumRatingPeriod(ctx, filter, { details, today, now }),
    details ? reasonLabels(ctx, actor.orgId) : new Map<string, { zh: string; en: string }>(),
  ]);
  const servedBy = new Map(served.map((s) => [s.key, Number(s.served)]));
  const reasonsBy = new Map<string, { code: string; zh: string; en: string; count: number }[]>();
  for (const r of reasonSums) {
    const count = Number(r.n);
    if (count <= 0) continue;
    const list = reasonsBy.get(r.key) ?? [];
    list.push({ code: r.reason, ...labelOfReason(reasonList, r.reason), count });
    reasonsBy.set(r.key, list);
  }
  const scopeOf = { unit: ['window', 'unit'], staff: ['staff'], month: ['organisation', 'window', 'unit'], none: ['organisation', 'window', 'unit', 'staff'] }[query.groupBy];
  const thresholds = ratingThresholds(pack).filter((t) => scopeOf.includes(t.scope));
  const groups = rollups.map((r) => {
    const counts = countsByLevel(r);
    const rates = ratingRates(counts, servedBy.has(r.key) ? servedBy.get(r.key)! : null, options);
    const value = { ratingRate: rates.ratingRate, satisfactionRate: rates.satisfactionRate, positiveRate: rates.positiveRate, negativeRate: rates.negativeRate } as const;
    return {
      key: r.key,
      counts,
      excluded: Number(r.excluded),
      ratings: rates.ratings,
      negative: settings.negativeLevels.reduce((a, l) => a + (counts[l as 1] ?? 0), 0),
      smallSample: rates.ratings < settings.minSampleSize,
      served: rates.served,
      ratingRate: percent(rates.ratingRate),
      satisfactionRate: percent(rates.satisfactionRate),
      positiveRate: percent(rates.positiveRate),
      negativeRate: percent(rates.negativeRate),
      thresholds: thresholds
        .filter((t) => t.metric in value)
        .map((t) => {
          const rate = value[t.metric as keyof typeof value];
          return { id: t.id, label: t.label, metric: t.metric, op: t.op, value: t.value, source: t.source ?? null, reference: t.reference ?? null, pass: rate ? meetsThreshold(rate, t.op, t.value) : null };
        }),
      ...(details ? { indicators: indicatorSummary(r), reasons: (reasonsBy.get(r.key) ?? []).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)) } : {}),
    };
  });
  return { from: query.from, to: query.to, groupBy: query.groupBy, basicSatisfiedCounts: settings.basicSatisfiedCountsAsSatisfied, minSampleSize: settings.minSampleSize, groups };
}

/**
 * Rating rate and satisfaction per unit or staff member over local dates [from, to] as exact
 * fractions, for the awards module (window thresholds, 001:L155): no actor — the caller checks
 * access. A group without ratings or without served counts has the fraction's denominator 0.
 */
export async function ratingFiguresOf(ctx: AppContext, o: { orgId: string; from: string; to: string; groupBy: 'unit' | 'staff' }) {
  const pack = await policyForOrganisation(ctx, o.orgId);
  const options = ratingSettings(pack).satisfaction;
  const now = ctx.clock.now();
  const today = localDate(now, businessHoursOf(pack).utcOffsetMinutes);
  const { rollups, served } = await sumRatingPeriod(ctx, { orgId: o.orgId, from: o.from, to: o.to, scopePath: null, groupBy: o.groupBy }, { details: false, today, now });
  const servedBy = new Map(served.map((s) => [s.key, Number(s.served)]));
  const out = new Map<string, { ratingRate: { numerator: number; denominator: number } | null; satisfactionRate: { numerator: number; denominator: number } }>();
  for (const r of rollups) {
    const rates = ratingRates(countsByLevel(r), servedBy.has(r.key) ? servedBy.get(r.key)! : null, options);
    out.set(r.key, {
      ratingRate: rates.ratingRate ? { numerator: rates.ratingRate.numerator, denominator: rates.ratingRate.denominator } : null,
      satisfactionRate: { numerator: rates.satisfactionRate.numerator, denominator: rates.satisfactionRate.denominator },
    });
  }
  return out;
}
