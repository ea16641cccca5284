/**
 * Youzhi indicator competition engine (RULES §7 考核指标, 竞赛评分): KPI definitions as data —
 * weights, blocks, caps, formulas — scored exactly for every unit with its breakdown and the
 * formula in words. Pure: no I/O, no dependencies. Public API of `youzhi/indicators`.
 */
export type {
  AchievementIndicator,
  AverageIndicator,
  Block,
  BlockScore,
  CompetitionDefinition,
  CompetitionScores,
  Decimal,
  DeductionIndicator,
  Indicator,
  IndicatorKind,
  IndicatorScore,
  IndicatorStatus,
  Label,
  PointsIndicator,
  RatioIndicator,
  RatioTerm,
  UnitInput,
  UnitScore,
  UnitValues,
} from './types.js';
export { INDICATOR_KINDS, RATIO_TERMS } from './types.js';
export { IndicatorDefinitionError, IndicatorInputError, type InputIssue } from './errors.js';
export { MAX_INPUT, MAX_PLACES, parseDecimal, parseFraction, show, toFixed, toFraction, type Exact } from './exact.js';
export { SIGNED_INPUTS, checkInputs, inputsOf, rankExact, scoreCompetition, validateDefinition } from './score.js';
