/**
 * Youzhi personal appraisal engine (个人考核, 002:L216; 000:L115): periods, sheet templates,
 * measured and judged items, caps and floors, exact totals, star grades and 末位. Pure: no I/O.
 * Public API of `youzhi/appraisal`.
 */
export type * from './types.js';
export { JUDGED_GROUPS, MEASURED_SOURCES, PERIOD_KINDS } from './types.js';
export { APPRAISAL_ERROR_CODES, AppraisalError, type AppraisalErrorCode } from './errors.js';

export { emptyFacts } from './facts.js';
export { periodBefore, periodContaining, periodOf, previousPeriods } from './periods.js';
export { fillSheet } from './sheet.js';
export { checkJudged, checkTemplate } from './check.js';
export { bottomOfUnit, starFor } from './stars.js';
