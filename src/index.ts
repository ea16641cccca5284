/**
 * Youzhi as a library: the pure engines, importable without the server or a database.
 * Each is also its own entry point (`youzhi/calendar`, `youzhi/sla`, …); this root re-exports
 * them as namespaces because their names overlap (`Period`, `Duration`, `BusinessHours`).
 * `youzhi/policy` needs zod (a dependency of the package); the other engines need nothing.
 */
export * as calendar from './engines/calendar/index.js';
export * as sla from './engines/sla/index.js';
export * as metrics from './engines/metrics/index.js';
export * as workflow from './engines/workflow/index.js';
export * as scoring from './engines/scoring/index.js';
export * as rules from './engines/rules/index.js';
export * as campaigns from './engines/campaigns/index.js';
export * as selection from './engines/selection/index.js';
export * as indicators from './engines/indicators/index.js';
export * as appraisal from './engines/appraisal/index.js';
export * as policy from './policy/index.js';
