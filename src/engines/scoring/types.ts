/**
 * Types of the scoring engine (RULES §4 Inspections): templates as the pack writes them, the
 * results an inspector enters, and the scored inspection.
 */

/** Chinese and English, as everywhere in the product. */
export interface Label {
  zh: string;
  en: string;
}

/** A decision note where the seeds are silent or vague (both languages). */
export interface Decision {
  zh: string;
  en: string;
}

/**
 * Points as the pack writes them: a number or a decimal string with at most three places
 * (`1`, `0.1`, `'0.25'`). The engine turns them into whole thousandths before any arithmetic.
 */
export type PointsValue = number | string;

/** How a measurement compares with its threshold when it breaches the standard. */
export type Boundary = '<=' | '<' | '>=' | '>';
export const BOUNDARIES: readonly Boundary[] = ['<=', '<', '>=', '>'];

/** Units of measured metrics; each has a default range (see `METRIC_RANGES`). */
export type MetricUnit = 'count' | 'rings' | 'minutes' | 'hours' | 'days' | 'percent' | 'minute_of_day';
export const METRIC_UNITS: readonly MetricUnit[] = ['count', 'rings', 'minutes', 'hours', 'days', 'percent', 'minute_of_day'];

/**
 * A measured indicator. A measurement breaches the standard when `value <failsWhen> threshold`
 * (window wait: `failsWhen: '>'`, `threshold: 10` — 10 minutes itself complies, 004:L202).
 */
export interface ScoringMetric {
  code: string;
  label: Label;
  unit: MetricUnit;
  failsWhen: Boundary;
  threshold: number;
  /** Range of a valid measurement; defaults by unit (percent 0–100, counts ≥ 0 whole numbers…). */
  min?: number;
  max?: number;
  source?: string;
  decision?: Decision;
}

/**
 * `case`: the item loses `deduction` for every case (cases entered, plus every measurement that
 * breaches a metric). `failure`: the item loses `deduction` for every failed indicator (each
 * breached metric once, or the item itself when marked `pass: false`).
 */
export type DeductionBasis = 'case' | 'failure';

export interface ScoringItem {
  code: string;
  label: Label;
  /** Required unless the item is advisory or incomplete. */
  points?: PointsValue;
  per?: DeductionBasis;
  /** Per case or per failure; default: the item's points (one finding loses the item). */
  deduction?: PointsValue;
  /** Most the item can lose; default and maximum: its points. */
  cap?: PointsValue;
  metrics?: ScoringMetric[];
  /** May the inspector mark the item 不适用 (N/A)? Default false. */
  allowNa?: boolean;
  /** Encouraged, recorded, never scored (提前10分钟上班 "提倡", 002:L163). */
  advisory?: boolean;
  /** 一票否决: any finding on this item fails the whole inspection (001:L869). */
  veto?: boolean;
  /** The seed text is cut off: the item is listed but cannot be scored (hospital item 六). */
  incomplete?: boolean;
  /**
   * A finding on this item needs evidence: a note at once, a photo attached afterwards to the
   * rectification case it opens (iAuditor's "a NO needs a note and a photo"). Not scored.
   */
  evidence?: boolean;
  source?: string;
  decision?: Decision;
}

export interface ScoringSection {
  code: string;
  label: Label;
  items: ScoringItem[];
  source?: string;
  decision?: Decision;
}

/**
 * `deduct`: full mark minus the deductions, never below 0 (the hospital scorecard, 004:L202).
 * `earn`: the sum of what each item keeps (0–100 checklists).
 */
export type ScoringMode = 'deduct' | 'earn';

/** What a veto does to the score: `zero` — the inspection scores 0; `flag` — the score stands, marked vetoed. */
export type VetoOutcome = 'zero' | 'flag';

export interface ScoringTemplate {
  /** Stable code, lower-case kebab-case: `hospital-scorecard`. */
  code: string;
  version?: number;
  label: Label;
  mode: ScoringMode;
  /** `deduct`: required. `earn`: optional, and then it must equal the items' points. */
  fullMark?: PointsValue;
  /** Default `zero`. */
  vetoOutcome?: VetoOutcome;
  sections: ScoringSection[];
  source?: string;
  decision?: Decision;
}

/** One measurement, e.g. `{ metric: 'window_wait', value: 13 }` (minutes). */
export interface Observation {
  metric: string;
  value: number;
}

/** What the inspector found on one item. An item with no result has no findings. */
export interface ItemResult {
  item: string;
  cases?: number;
  observations?: Observation[];
  pass?: boolean;
  na?: boolean;
  note?: string;
}

export interface ScoringInput {
  template: ScoringTemplate;
  results: ItemResult[];
}

export interface ItemScore {
  item: string;
  section: string;
  /** Points lost, after the cap; 0 for advisory, incomplete and N/A items. */
  deduction: number;
  /** Cases counted: entered plus breaching measurements. */
  cases: number;
  /** Codes of the metrics that breached their standard, in template order. */
  failed: string[];
  /** Failures counted: breached metrics of a failure item, plus a `pass: false`. */
  failures: number;
  /** True when the deduction was cut to the item's cap. */
  capped: boolean;
  na: boolean;
  /** False for advisory and incomplete items: findings are recorded, never scored. */
  scored: boolean;
  /** True when this veto item found something and so failed the inspection. */
  veto: boolean;
}

export interface ScoreResult {
  template: string;
  version?: number;
  mode: ScoringMode;
  score: number;
  maxScore: number;
  /** Sum of the item deductions (before the floor at 0 and any veto). */
  deductions: number;
  vetoed: boolean;
  items: ItemScore[];
}

/** One problem with a template or with an inspection's results. */
export interface ScoringIssue {
  /** Where: `['results', 2, 'observations', 0, 'value']`, `['sections', 0, 'items', 3, 'points']`. */
  path: (string | number)[];
  /** Stable machine-readable reason. */
  reason: ScoringIssueReason;
  message: { zh: string; en: string };
}

export type ScoringIssueReason =
  | 'invalid_shape'
  | 'unknown_field'
  | 'unknown_item'
  | 'duplicate_item'
  | 'unknown_metric'
  | 'duplicate_metric'
  | 'out_of_range'
  | 'not_accepted'
  | 'na_not_allowed'
  | 'na_with_findings'
  | 'item_incomplete'
  | 'invalid_code'
  | 'duplicate_code'
  | 'invalid_points'
  | 'inconsistent';
