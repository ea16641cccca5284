/**
 * Youzhi scoring engine (RULES §4 Inspections): checklists and scorecards as data, scored exactly.
 * Pure: no I/O, no dependencies. Public API of `youzhi/scoring`; everything else is internal.
 */
export type {
  Boundary,
  Decision,
  DeductionBasis,
  ItemResult,
  ItemScore,
  Label,
  MetricUnit,
  Observation,
  PointsValue,
  ScoreResult,
  ScoringInput,
  ScoringIssue,
  ScoringIssueReason,
  ScoringItem,
  ScoringMetric,
  ScoringMode,
  ScoringSection,
  ScoringTemplate,
  VetoOutcome,
} from './types.js';
export { BOUNDARIES, METRIC_UNITS } from './types.js';
export { ScoringInputError, ScoringTemplateError } from './errors.js';
export { MAX_POINTS, POINTS_SCALE, formatMilli, fromMilli, toMilli } from './points.js';
export { CODE, METRIC_RANGES, TEMPLATE_CODE, compileTemplate, isCompiledTemplate, validateTemplate, type CompiledTemplate, type TemplateValidation } from './template.js';
export { INPUT_LIMITS, breaches, scoreInspection } from './score.js';
export {
  belowRecheckLine,
  checkPlan,
  generatePlan,
  requiredOutlets,
  type CoverageReason,
  type CoverageRule,
  type CoverageUnit,
  type GeneratedUnit,
  type PlanShortfall,
  type PlannedUnit,
} from './coverage.js';
export { clipDay, minuteOfDay, type ClipDay, type ClipMissing, type ClipReview, type ClipRule } from './clips.js';
export { annualBands, bottomGroups, rankByScore, roundBands, type BandRule, type Ranked, type RoundBand } from './bands.js';
