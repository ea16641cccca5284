/** Types of the indicator competition engine (RULES §7 考核指标, 竞赛评分). */

/** A decimal as the client or the policy pack writes it: `20`, `"0.8"`, `-1.5`. */
export type Decimal = number | string;
export interface Label {
  zh: string;
  en: string;
}

export const INDICATOR_KINDS = ['average', 'ratio', 'deduction', 'points', 'achievement'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

/** The terms of a ratio indicator: r = unit ÷ bank-wide value, Δr = unit ÷ bank-wide increment. */
export const RATIO_TERMS = ['level', 'increment'] as const;
export type RatioTerm = (typeof RATIO_TERMS)[number];

interface IndicatorBase {
  /** Stable code within the competition (`mystery_shopper`). */
  code: string;
  label: Label;
  /** The block (服务质量 / 服务能力 / 营销业绩) the indicator counts in. */
  block: string;
  /** 权重分: the points the indicator is worth (0 for a deduction). */
  weight: Decimal;
}

/**
 * The average of the inputs (the four 神秘人 checks, one survey score) over the full mark, times
 * the weight: avg ÷ 100 × w.
 */
export interface AverageIndicator extends IndicatorBase {
  kind: 'average';
  inputs: string[];
  fullMark: Decimal;
}

/**
 * Sum of the ratio terms (r, Δr) times the weight and factors, optionally times an acceptance
 * score over its full mark: (r + Δr) × w × 80 % × 50 %; r × w × 80 % × acceptance ÷ 100.
 * Inputs: `unit_value`, `bank_value` (level), `unit_increment`, `bank_increment` (increment),
 * `acceptance`.
 */
export interface RatioIndicator extends IndicatorBase {
  kind: 'ratio';
  terms: RatioTerm[];
  factors: Decimal[];
  acceptanceFullMark?: Decimal;
}

/** Points off per item counted (−1 per major complaint or media report); enough items → not eligible. */
export interface DeductionIndicator extends IndicatorBase {
  kind: 'deduction';
  inputs: string[];
  perItem: Decimal;
  /** This many items or more in the period → the unit is not eligible for honours. */
  ineligibleAtLeast?: number;
}

/** Points the assessor awards directly (input `points`), within 0 and the cap. */
export interface PointsIndicator extends IndicatorBase {
  kind: 'points';
}

/**
 * A value measured against its target (input `value`): higher is better → value ÷ target × w;
 * lower is better → target ÷ value × w (a value of 0 earns the cap).
 */
export interface AchievementIndicator extends IndicatorBase {
  kind: 'achievement';
  target: Decimal;
  direction: 'higher' | 'lower';
}

export type Indicator = AverageIndicator | RatioIndicator | DeductionIndicator | PointsIndicator | AchievementIndicator;

export interface Block {
  code: string;
  label: Label;
  weight: Decimal;
}

export interface CompetitionDefinition {
  code: string;
  label: Label;
  /** 单项指标得分最高得权重分的 n 倍 (1.2); every indicator but a deduction floors at 0. */
  capMultiple: Decimal;
  /**
   * The share of the weight a ratio indicator scores for every unit when a bank-wide denominator
   * is zero or negative (RULES §7 decision: 80 %).
   */
  undefinedRatioShare: Decimal;
  blocks: Block[];
  indicators: Indicator[];
}

/** Raw figures of one unit: indicator code → input code → value. */
export type UnitValues = Record<string, Record<string, Decimal | null | undefined>>;

export interface UnitInput {
  unitId: string;
  values: UnitValues;
}

export type IndicatorStatus = 'scored' | 'fallback' | 'missing';

export interface IndicatorScore {
  code: string;
  block: string;
  kind: IndicatorKind;
  weight: string;
  status: IndicatorStatus;
  /** The score before cap and floor, exact decimal or ≈ 4 places; null when missing. */
  raw: string | null;
  /** The score, 2 places ("18.00"); "0.00" when missing. */
  score: string;
  /** The score exactly, as an integer or a fraction "n/d" in lowest terms ("64/5"). */
  exact: string;
  capped: boolean;
  floored: boolean;
  /** Items counted by a deduction. */
  items?: number;
  /** Input codes without a value. */
  missing: string[];
  /** The formula with the unit's figures, in words. */
  formula: Label;
}

export interface BlockScore {
  code: string;
  label: Label;
  weight: string;
  score: string;
}

export interface UnitScore {
  unitId: string;
  /** Sum of the indicator scores (exact), 2 places. */
  total: string;
  /** The total exactly, "n" or "n/d". */
  exactTotal: string;
  /** Competition rank by exact total, 1, 2, 2, 4. */
  rank: number;
  /** False when a deduction counted at least its `ineligibleAtLeast` items (取消评先资格). */
  eligible: boolean;
  /** False when an input is missing (its indicator scores 0). */
  complete: boolean;
  blocks: BlockScore[];
  indicators: IndicatorScore[];
  /** Why the unit is not eligible, in words; null when eligible. */
  ineligibleReason: Label | null;
}

export interface CompetitionScores {
  code: string;
  units: UnitScore[];
}
