import type { Bilingual } from '../../shared/errors.js';
import { compareBy, meetsThreshold, percent, type Rate, type ThresholdOp } from '../../engines/metrics/index.js';
import { sourceInWords, type Words } from '../../policy/index.js';

/**
 * The fixed catalogue of measures a commitment may be linked to: each one is a figure the owning
 * modules already keep (complaint reply clocks, rating rollups), computed for a calendar month.
 */
export const measureCodes = ['complaint_reply_on_time_rate', 'complaint_count', 'rating_satisfaction_rate', 'rating_rate'] as const;
export type MeasureCode = (typeof measureCodes)[number];

export const thresholdOps = ['gte', 'gt', 'lte', 'lt'] as const satisfies readonly ThresholdOp[];

export interface MeasureDefinition {
  code: MeasureCode;
  /** A rate is shown in % (target 0–100); a count is a number of cases. */
  kind: 'rate' | 'count';
  label: Bilingual;
  /** Exactly what is counted. */
  definition: Bilingual;
  defaultOp: ThresholdOp;
  source: string;
  /** The source in words (《窗口服务典型案例》第5篇), what people read instead of the citation. */
  reference: Words | null;
}

/** A measure; its default operator follows its kind: a rate is a floor (≥), a count a ceiling (≤). */
function measure(code: MeasureCode, kind: MeasureDefinition['kind'], label: Bilingual, definition: Bilingual, source: string): MeasureDefinition {
  return { code, kind, label, definition, defaultOp: kind === 'rate' ? 'gte' : 'lte', source, reference: sourceInWords(source) };
}

export const measureCatalogue: Readonly<Record<MeasureCode, MeasureDefinition>> = {
  complaint_reply_on_time_rate: measure(
    'complaint_reply_on_time_rate',
    'rate',
    { zh: '投诉按时答复率', en: 'Complaints replied to on time' },
    {
      zh: '当月答复期限届满的投诉中，在期限内（答复计时于期限时刻前停止）答复的比例',
      en: 'Of the complaints whose reply fell due in the month, the share replied to by the due time (reply clock stopped by its due instant)',
    },
    '002:L103',
  ),
  complaint_count: measure('complaint_count', 'count', { zh: '受理投诉件数', en: 'Complaints received' }, { zh: '当月受理的投诉件数', en: 'Complaints received in the month' }, '003:L630'),
  rating_satisfaction_rate: measure(
    'rating_satisfaction_rate',
    'rate',
    { zh: '好差评满意率', en: 'Rating satisfaction' },
    { zh: '当月有效评价中“满意”的比例（按政策包口径）', en: 'Share of the month’s valid ratings that are satisfied (as the policy pack counts them)' },
    '001:L155',
  ),
  rating_rate: measure('rating_rate', 'rate', { zh: '参评率', en: 'Rating rate' }, { zh: '当月评价数 ÷ 服务人次', en: 'Ratings in the month ÷ clients served' }, '001:L155'),
};

export function isMeasureCode(code: string | null | undefined): code is MeasureCode {
  return !!code && (measureCodes as readonly string[]).includes(code);
}

export type Figure = { kind: 'rate'; rate: Rate | null } | { kind: 'count'; count: number };

export interface Measurement {
  code: MeasureCode;
  label: Bilingual;
  definition: Bilingual;
  kind: 'rate' | 'count';
  op: ThresholdOp;
  target: number;
  source: string;
  reference: Words | null;
  /** The month measured ('YYYY-MM'): the last full month. */
  month: string;
  /** % with two decimals for rates, the count for counts; null when there was nothing to measure. */
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** null when there was nothing to measure (e.g. no complaint fell due). */
  met: boolean | null;
}

/** Met / not met, decided on exact fractions (RULES §3: "以上 / 不低于" inclusive). */
export function evaluateMeasure(code: MeasureCode, op: ThresholdOp, targetHundredths: number, month: string, figure: Figure | null): Measurement {
  const def = measureCatalogue[code];
  const base = { code, label: def.label, definition: def.definition, kind: def.kind, op, target: targetHundredths / 100, source: def.source, reference: def.reference, month };
  if (!figure) return { ...base, value: null, numerator: null, denominator: null, met: null };
  if (figure.kind === 'count') return { ...base, value: figure.count, numerator: null, denominator: null, met: compareBy(op, figure.count * 100, targetHundredths) };
  const r = figure.rate;
  if (!r || r.denominator <= 0) return { ...base, value: null, numerator: r?.numerator ?? null, denominator: r?.denominator ?? null, met: null };
  return { ...base, value: percent(r), numerator: r.numerator, denominator: r.denominator, met: meetsThreshold(r, op, targetHundredths / 10_000) };
}

