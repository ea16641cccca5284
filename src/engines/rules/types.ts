/**
 * Types of the sanctions rule engine (RULES §5 奖惩): a rule as the policy pack writes it, the
 * facts a reviewer or a proposal supplies, and the evaluation (amount in fen, who pays, outcomes,
 * the sum in words).
 */

/** Chinese and English, as everywhere in the product. */
export interface Label {
  zh: string;
  en: string;
}

/** What a proposal knows about the offence: counts, scores, ranks, flags, the reviewer's pick. */
export type RuleFacts = Readonly<Record<string, number | boolean | string | null | undefined>>;

/** Who is charged (RULES §5: a person, an outlet, a manager or a department, jointly; 003:L431, L434, L490). */
export type SanctionTarget = 'person' | 'unit' | 'manager' | 'department';
export const SANCTION_TARGETS: readonly SanctionTarget[] = ['person', 'unit', 'manager', 'department'];

/**
 * Non-money consequences. The ladder 通报批评 → 取消当年评优 (004:L124); 通报表扬 (004:L176);
 * the evening drill and training of 003:L448; the government centre's 批评教育, 内部告诫,
 * 作为考核依据 and 行政处分 (004:L188); the ABC bands' pay docking and 优秀网点 (003:L341).
 */
export type OutcomeCode =
  | 'notice_criticism'
  | 'notice_praise'
  | 'disqualify_year_awards'
  | 'training'
  | 'evening_drill'
  | 'criticism'
  | 'internal_warning'
  | 'appraisal_record'
  | 'administrative_sanction'
  | 'performance_pay_docked'
  | 'performance_pay_docked_more'
  | 'excellent_outlet';
export const OUTCOME_CODES: readonly OutcomeCode[] = [
  'notice_criticism',
  'notice_praise',
  'disqualify_year_awards',
  'training',
  'evening_drill',
  'criticism',
  'internal_warning',
  'appraisal_record',
  'administrative_sanction',
  'performance_pay_docked',
  'performance_pay_docked_more',
  'excellent_outlet',
];

/** An amount in fen; `null` is a placeholder the organisation has not set (the seed's "20xx"). */
export type Fen = number | null;

/** A score or target as the pack writes it: a number or a decimal string, three places at most. */
export type Decimal = number | string;

export type RuleKind = 'fixed' | 'per_item' | 'per_member' | 'per_person_present' | 'per_participant' | 'range' | 'formula' | 'rank_band';
export const RULE_KINDS: readonly RuleKind[] = ['fixed', 'per_item', 'per_member', 'per_person_present', 'per_participant', 'range', 'formula', 'rank_band'];

export type FactType = 'integer' | 'decimal' | 'boolean' | 'fen' | 'string';

/** A fact the rule reads; `required: false` facts may be left out. */
export interface FactSpec {
  name: string;
  type: FactType;
  required: boolean;
  label: Label;
}

/**
 * A target score: one number, or one per stage (PSBC 92 / 95 / 98, 003:L420–422) read from the
 * `stage` fact.
 */
export type TargetScore = Decimal | { byStage: Readonly<Record<string, Decimal>> };

/**
 * When a score misses its target. `strict`: below the target only ("92分以上" is met at 92, so
 * 92 itself costs nothing; "98分以下(不含98分)", 003:L429). `inclusive`: at the target too.
 */
export type TargetBoundary = 'strict' | 'inclusive';

interface RuleBase {
  /** Stable code, `<catalogue>.<offence>` (e.g. `psbc.stage_target`). */
  code: string;
  kind: RuleKind;
  direction: 'fine' | 'reward';
  /** Charged jointly: each target listed receives its share (usually one). */
  targets: SanctionTarget[];
  /**
   * The rule's own rate for a repeat offence, replacing the general ×2 (003:L448: 500 per point
   * instead of 200). Only for rules that take a `repeat` fact.
   */
  repeatRate?: { amountFen: Fen };
  /** Outcomes of a repeat offence, replacing `outcomes` (003:L448 training; 004:L188 行政处分). */
  repeatOutcomes?: OutcomeCode[];
  outcomes?: OutcomeCode[];
  label: Label;
  /** Where the rule comes from: `003:L427` for the source documents, or the organisation's own reference. */
  citation: string;
  /** The facts the rule reads. A `repeat` fact (and `priority`) makes the rule double on a repeat. */
  facts: FactSpec[];
}

/** A fixed sum per offence (004:L176 第十六条: phone greeting missing, 200 元). */
export interface FixedRule extends RuleBase {
  kind: 'fixed';
  amountFen: Fen;
}

/**
 * A sum per item, time or point, read from the fact `countFact` (its spec says integer or
 * decimal): 100 元 per item (004:L176 第五条), 200 元 per point (003:L448).
 */
export interface PerItemRule extends RuleBase {
  kind: 'per_item';
  amountFen: Fen;
  countFact: string;
}

/** A sum per spot found, charged to every member of the unit (004:L176 第三条 四净三无). Facts `spots`, `members`. */
export interface PerMemberRule extends RuleBase {
  kind: 'per_member';
  amountFen: Fen;
}

/** A sum to every employee present (004:L177 第九条 loud noise). Fact `present`. */
export interface PerPersonPresentRule extends RuleBase {
  kind: 'per_person_present';
  amountFen: Fen;
}

/** A sum to every participant (004:L177 第十条 group chatting, 500 元 each). Fact `participants`. */
export interface PerParticipantRule extends RuleBase {
  kind: 'per_participant';
  amountFen: Fen;
}

/**
 * The reviewer picks `amountFen` inside [minFen, maxFen] (004:L177 第十七条 300–500 元); a
 * `serious` fact selects the higher range when the rule has one (情节严重 500–1000 元).
 */
export interface RangeRule extends RuleBase {
  kind: 'range';
  minFen: Fen;
  maxFen: Fen;
  serious?: { minFen: Fen; maxFen: Fen };
}

/**
 * `base + perPoint × (target − score)` when the score misses the target (003:L428:
 * 考核=1000+(目标分值-得分)200元). Facts `score`, and `stage` when the target is per stage.
 */
export interface FormulaRule extends RuleBase {
  kind: 'formula';
  baseFen: Fen;
  perPointFen: Fen;
  target: TargetScore;
  boundary: TargetBoundary;
}

/**
 * One band of a banded rule; every condition given must hold. Ranks count from the top (1 = best)
 * or from the bottom (1 = last) as the rule says.
 */
export interface Band {
  /** The band's key in the pack (`bottom_100`), used to name its amount when it is unset. */
  id?: string;
  rankFrom?: number;
  rankTo?: number;
  /** The score is at least this (以上/不低于, inclusive). */
  scoreAtLeast?: Decimal;
  /** The score is below this (低于, strict). */
  scoreBelow?: Decimal;
  amountFen: Fen;
  outcomes?: OutcomeCode[];
  label: Label;
}

/**
 * Rank or score bands, first match wins (003:L429 stage 3: bottom 100 → "20xx", 101–200 → 1000;
 * 003:L431: last 500, second last 300; 003:L341 ABC). Optionally plus `perPointFen` per point
 * below the target, and only when the target is missed (`when: 'target_missed'`) or met
 * (`'target_met'`, 003:L424).
 */
export interface RankBandRule extends RuleBase {
  kind: 'rank_band';
  rankCounted: 'from_top' | 'from_bottom';
  bands: Band[];
  perPointFen?: Fen;
  target?: TargetScore;
  boundary?: TargetBoundary;
  when?: 'always' | 'target_missed' | 'target_met';
}

export type SanctionRule = FixedRule | PerItemRule | PerMemberRule | PerPersonPresentRule | PerParticipantRule | RangeRule | FormulaRule | RankBandRule;

/** What one kind of target is charged: `count` heads (or one) × `amountFenEach`. */
export interface SanctionShare {
  target: SanctionTarget;
  count: number;
  amountFenEach: number;
}

export interface RuleEvaluation {
  ruleCode: string;
  direction: 'fine' | 'reward';
  /** Total over all shares, an integer ≥ 0. */
  amountFen: number;
  shares: SanctionShare[];
  outcomes: OutcomeCode[];
  /** The sum in words, e.g. "1000 元 + 3 分 × 200 元 = 1600 元". */
  breakdown: Label[];
}
