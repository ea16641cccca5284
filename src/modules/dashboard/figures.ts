/**
 * Pure arithmetic over the grouped rows: which groups lie in the caller's subtree, their sums,
 * and the rates of RULES §3 (engines/metrics, the same functions as ratings/service.ts).
 */
import { rate, ratingRates, type Rate, type SatisfactionOptions } from '../../engines/metrics/index.js';
import { addLevelCounts, countsByLevel, emptyLevelCounts, type FiveLevelCounts, type LevelCountRow } from '../../shared/level-counts.js';

/** One unit's figures for one month (live from SQL, or materialised for a closed month). */
export interface UnitMonth extends LevelCountRow {
  unitId: string | null;
  unitPath: string;
  received: number;
  replyDecided: number;
  replyMet: number;
  /** null: no served count was recorded for the unit (its rating rate is unknown, not 0 %). */
  served: number | null;
}

export interface Grouped {
  unit_id: string | null;
  unit_path: string;
}

/** A group is in scope when its stored unit path starts with the scope's path (null: everything). */
export function inScope(path: string, prefix: string | null): boolean {
  return prefix === null || path.startsWith(prefix);
}

export function scoped<T extends Grouped>(rows: T[], prefix: string | null): T[] {
  return rows.filter((r) => inScope(r.unit_path, prefix));
}

/** The unit-month rows in scope (filtered in place of copying: the dashboard sums thousands per view). */
export function unitMonthsInScope(units: UnitMonth[], prefix: string | null): UnitMonth[] {
  return prefix === null ? units : units.filter((u) => inScope(u.unitPath, prefix));
}

const keyOf = (unitId: string | null, unitPath: string) => `${unitId ?? ''}|${unitPath}`;

/** Joins the per-unit groups of one month into one row per (unit, path). */
export function mergeUnitMonths(parts: {
  received: (Grouped & { n: number })[];
  reply: (Grouped & { decided: number; met: number })[];
  rollups: (Grouped & LevelCountRow)[];
  served: (Grouped & { served: number })[];
}): UnitMonth[] {
  const out = new Map<string, UnitMonth>();
  const row = (g: Grouped) => {
    const key = keyOf(g.unit_id, g.unit_path);
    let r = out.get(key);
    if (!r) {
      r = { unitId: g.unit_id, unitPath: g.unit_path, received: 0, replyDecided: 0, replyMet: 0, ...emptyLevelCounts(), served: null };
      out.set(key, r);
    }
    return r;
  };
  for (const g of parts.received) row(g).received += g.n;
  for (const g of parts.reply) {
    const r = row(g);
    r.replyDecided += g.decided;
    r.replyMet += g.met;
  }
  for (const g of parts.rollups) addLevelCounts(row(g), g);
  for (const g of parts.served) {
    const r = row(g);
    r.served = (r.served ?? 0) + g.served;
  }
  return [...out.values()];
}

export interface MonthTotals {
  received: number;
  replyDecided: number;
  replyMet: number;
  counts: FiveLevelCounts;
  excluded: number;
  served: number | null;
}

export function totalsOf(units: UnitMonth[]): MonthTotals {
  let received = 0;
  let replyDecided = 0;
  let replyMet = 0;
  let served: number | null = null;
  const levels = emptyLevelCounts();
  for (const u of units) {
    received += u.received;
    replyDecided += u.replyDecided;
    replyMet += u.replyMet;
    addLevelCounts(levels, u);
    if (u.served !== null) served = (served ?? 0) + u.served;
  }
  return { received, replyDecided, replyMet, counts: countsByLevel(levels), excluded: levels.excluded, served };
}

/**
 * 按时答复率 — the one definition used by the dashboard, the trend, the monthly report and the
 * exports' 是否按期 column: among complaints whose reply clock's due instant falls in the month
 * and is decided (the clock stopped, or the due instant has passed), the share whose clock
 * stopped at or before the due instant. A reply still running and not yet due is not counted.
 */
export function replyOnTimeRate(t: Pick<MonthTotals, 'replyDecided' | 'replyMet'>): Rate {
  return rate(t.replyMet, t.replyDecided);
}

export function rates(t: MonthTotals, options: SatisfactionOptions) {
  return ratingRates(t.counts, t.served, options);
}

/** n₁/d₁ compared with n₂/d₂ exactly (no float error at ties). */
export function compareRates(a: Rate, b: Rate): number {
  return a.numerator * b.denominator - b.numerator * a.denominator;
}

