import type { Bilingual } from '../../shared/errors.js';
import { meetsThreshold, percent, type Rate, type ThresholdOp } from '../../engines/metrics/index.js';
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

export const measureCatalogue: Readonly<Record<MeasureCode, MeasureDefinition>> = {
  complaint_reply_on_time_rate: {
    code: 'complaint_reply_on_time_rate',
    kind: 'rate',
    label: { zh: '投诉按时答复率', en: 'Complaints replied to on time' },
    definition: {
      zh: '当月答复期限届满的投诉中，在期限内（答复计时于期限时刻前停止）答复的比例',
      en: 'Of the complaints whose reply fell due in the month, the share replied to by the due time (reply clock stopped by its due instant)',
    },
    defaultOp: 'gte',
    source: '002:L103',
    reference: sourceInWords('002:L103'),
  },
  complaint_count: {
    code: 'complaint_count',
    kind: 'count',
    label: { zh: '受理投诉件数', en: 'Complaints received' },
    definition: { zh: '当月受理的投诉件数', en: 'Complaints received in the month' },
    defaultOp: 'lte',
    source: '003:L630',
    reference: sourceInWords('003:L630'),
  },
  rating_satisfaction_rate: {
    code: 'rating_satisfaction_rate',
    kind: 'rate',
    label: { zh: '好差评满意率', en: 'Rating satisfaction' },
    definition: { zh: '当月有效评价中“满意”的比例（按政策包口径）', en: 'Share of the month’s valid ratings that are satisfied (as the policy pack counts them)' },
    defaultOp: 'gte',
    source: '001:L155',
    reference: sourceInWords('001:L155'),
  },
  rating_rate: {
    code: 'rating_rate',
    kind: 'rate',
    label: { zh: '参评率', en: 'Rating rate' },
    definition: { zh: '当月评价数 ÷ 服务人次', en: 'Ratings in the month ÷ clients served' },
    defaultOp: 'gte',
    source: '001:L155',
    reference: sourceInWords('001:L155'),
  },
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

function compareCount(count: number, op: ThresholdOp, targetHundredths: number): boolean {
  const left = count * 100;
  switch (op) {
    case 'gte':
      return left >= targetHundredths;
    case 'gt':
      return left > targetHundredths;
    case 'lte':
      return left <= targetHundredths;
    case 'lt':
      return left < targetHundredths;
  }
}

/** Met / not met, decided on exact fractions (RULES §3: "以上 / 不低于" inclusive). */
export function evaluateMeasure(code: MeasureCode, op: ThresholdOp, targetHundredths: number, month: string, figure: Figure | null): Measurement {
  const def = measureCatalogue[code];
  const base = { code, label: def.label, definition: def.definition, kind: def.kind, op, target: targetHundredths / 100, source: def.source, reference: def.reference, month };
  if (!figure) return { ...base, value: null, numerator: null, denominator: null, met: null };
  if (figure.kind === 'count') return { ...base, value: figure.count, numerator: null, denominator: null, met: compareCount(figure.count, op, targetHundredths) };
  const r = figure.rate;
  if (!r || r.denominator <= 0) return { ...base, value: null, numerator: r?.numerator ?? null, denominator: r?.denominator ?? null, met: null };
  return { ...base, value: percent(r), numerator: r.numerator, denominator: r.denominator, met: meetsThreshold(r, op, targetHundredths / 10_000) };
}

