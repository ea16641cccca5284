/**
 * Policy packs: every number the seeds prescribe, as validated, versioned, cited data.
 * Public API of `youzhi/policy`.
 */
export {
  CITATION_REQUIRED,
  DOC_REFERENCE_PATTERN,
  DURATION_UNITS,
  ESCALATION_ACTIONS,
  LATENESS_LEVELS,
  OVERRIDABLE_SECTIONS,
  RECIPIENTS,
  SECTORS,
  SEED_CITATION_PATTERN,
  STANDARD_UNITS,
  THRESHOLD_METRICS,
  THRESHOLD_OPS,
  THRESHOLD_SCOPES,
  businessHoursSchema,
  calendarSchema,
  caseTypeSchema,
  casesSchema,
  cited,
  clockSchema,
  durationSchema,
  escalationSchema,
  horizonsSchema,
  isCitedValue,
  isDecision,
  isValidSource,
  labelSchema,
  offsetSchema,
  periodSchema,
  policyPackSchema,
  ratingsSchema,
  reportsSchema,
  sectorSchema,
  serviceStandardSchema,
  severeRuleSchema,
  sourceSchema,
  thresholdRuleSchema,
} from './schema.js';
export type {
  CalendarPolicy,
  CasesPolicy,
  CaseTypePolicy,
  Cited,
  CitedOverride,
  Clock,
  Decision,
  DeepOverride,
  Duration,
  DurationUnit,
  Escalation,
  HorizonsPolicy,
  Label,
  Offset,
  Period,
  PolicyOverrides,
  PolicyPack,
  PolicyPackInput,
  RatingLevel,
  RatingsPolicy,
  Recipient,
  ReportsPolicy,
  Sector,
  ServiceStandard,
  SevereRule,
  ThresholdRule,
} from './schema.js';
export type { PolicyIssue } from './issues.js';
export {
  cctvRuleOf,
  findInspectionTemplate,
  halfHeartedWithinDays,
  inspectionKindCodes,
  managementChecksOf,
  inspectionBandsOf,
  inspectionCoverageOf,
  inspectionTemplateSchema,
  inspectionTemplatesOf,
  inspectionsSchema,
  type CctvRule,
  type InspectionBands,
  type InspectionCoverage,
  type InspectionKindCode,
  type ManagementChecksRule,
  type InspectionsPolicy,
} from './inspections.js';
export {
  PolicyInvalidError,
  isSector,
  listPresetSectors,
  presetFor,
  resolvePolicy,
  validatePolicyOverrides,
  type PolicyValidation,
} from './resolve.js';
export {
  PolicyLookupError,
  businessHoursOf,
  caseTypesOf,
  clockFor,
  clocksOf,
  deadlineConventions,
  explainPolicy,
  findClock,
  horizonsOf,
  ratingSettings,
  ratingThresholds,
  serviceStandardsOf,
  type BusinessHours,
  type DeadlineConventions,
  type Horizons,
  type PolicyExplanation,
  type RatingSettings,
  type RatingThreshold,
  type ResolvedClock,
  type ResolvedStandard,
} from './accessors.js';
export { CITATION_IN_TEXT, DEFAULT_SETTING, describeSource, sourceInWords, thresholdWords, type SourceReference, type Words } from './references.js';
export { caseworkSchema, type CaseworkPolicy } from './schema.js';
export { publicationSchema, type PublicationPolicy } from './schema.js';
export { publicationPreset, openFeedFieldsOf, type OpenFeedFields } from './publication.js';
export {
  appealWindowDays,
  appealsOneLevelUp,
  approvalTierOf,
  proposalsFor,
  proposingFactKinds,
  sanctionsSchema,
  subOrganisationKinds,
  type ApprovalTier,
  type ProposalMapping,
  type SanctionsPolicy,
} from './sanctions.js';
export {
  findSanctionRule,
  sanctionRulesOf,
  sanctionRulesSchema,
  type PackSanctionRule,
  type RuleValue,
  type SanctionRuleInForce,
  type SanctionRulesPolicy,
} from './sanction-rules.js';
export { caseworkPreset, complaintReviewClose, publicPhotoLimits } from './casework.js';
export { wordingSchema, wordingItemSchema, type WordingPolicy, type WordingItem } from './schema.js';
export { historicLabels, wordingDefaults, wordingOf, wordingPreset, type WordingList } from './wording.js';
export { payrollSchema, type PayrollPolicy } from './schema.js';
export { payrollLagMonths, payrollPreset } from './payroll.js';
export { awardsSchema, awardTypesOf, awardTieBreak, findAwardType, publicityDaysOf, type AwardType, type AwardTypeInForce, type AwardsPolicy } from './awards.js';
export { awardsPreset } from './presets/awards.js';
export {
  appraisalSchema,
  appraisalSettingsOf,
  appraisalTemplateSchema,
  appraisalTemplatesOf,
  findAppraisalTemplate,
  sheetTemplateOf,
  type AppraisalPolicy,
  type AppraisalSettings,
  type PackAppraisalTemplate,
} from './appraisal.js';
export { appraisalPreset } from './presets/appraisal.js';
export {
  DELIVERABLE_KINDS,
  campaignTemplateSchema,
  dateSpecSchema,
  findCampaignTemplate,
  listCampaignTemplates,
  phaseTimingSchema,
  type CampaignTaskTemplate,
  type CampaignTemplate,
  type DeliverableKind,
} from './campaigns.js';
export {
  PRESET_CODE,
  VALUE_SOURCES,
  competitionDefinitionOf,
  competitionPresetsOf,
  competitionsSchema,
  findCompetitionPreset,
  type CompetitionPreset,
  type CompetitionsPolicy,
  type PackIndicator,
  type ValueSource,
} from './competitions.js';
