import { meetsThreshold, percent, type RatingRates } from '../../engines/metrics/index.js';
import type { RatingThreshold } from '../../policy/index.js';

/** The rating metrics a pack threshold may name that rollups can answer (surveys have their own). */
const rateMetrics = ['ratingRate', 'satisfactionRate', 'positiveRate', 'negativeRate'] as const;
type RateMetric = (typeof rateMetrics)[number];

export interface Subject {
  type: 'organisation' | 'window' | 'unit' | 'staff';
  id: string;
  name: string;
  rates: RatingRates;
  link: string;
}

export interface ThresholdCheck {
  thresholdId: string;
  label: { zh: string; en: string };
  metric: RateMetric;
  op: string;
  value: number;
  kind: 'target' | 'trigger';
  action: string;
  source: string | null;
  subject: { type: Subject['type']; id: string; name: string };
  actual: number | null;
  pass: boolean | null;
  /** A target missed, or a trigger whose condition holds (e.g. canteen < 60 % → rectification). */
  breached: boolean;
  link: string;
}

/**
 * Each monthly pack threshold (ratingThresholds, e.g. 001:L155 window rating rate and satisfaction
 * ≥ 90 %) applied to every subject of its scope; `pass` is meetsThreshold on exact fractions,
 * null when there is nothing to divide by (no breach without data).
 */
export function checkThresholds(rules: RatingThreshold[], subjects: Subject[]): ThresholdCheck[] {
  const out: ThresholdCheck[] = [];
  for (const t of rules) {
    if (t.period !== 'month' || !(rateMetrics as readonly string[]).includes(t.metric)) continue;
    const metric = t.metric as RateMetric;
    for (const s of subjects.filter((x) => x.type === t.scope)) {
      const r = s.rates[metric];
      const pass = r ? meetsThreshold(r, t.op, t.value) : null;
      out.push({
        thresholdId: t.id,
        label: t.label,
        metric,
        op: t.op,
        value: t.value,
        kind: t.kind,
        action: t.action,
        source: t.source ?? null,
        subject: { type: s.type, id: s.id, name: s.name },
        actual: percent(r),
        pass,
        breached: t.kind === 'target' ? pass === false : pass === true,
        link: s.link,
      });
    }
  }
  return out;
}
