// What other modules use of ratings besides its service: the windows' rating links and the default reasons.
export { windowRatingLinks } from './entries.js';
export { labelOfReason, ratingReasons, reasonLabels } from './reasons.js';
export { ratingFiguresOf } from './stats.js';
// The rating statistics of a unit and period (competitions read the satisfaction rate).
export { ratingStatistics } from './stats.js';
// Which whole months of a date range are closed, and the days around them: the appraisal facts read
// the materialised months for those and the daily rollups for the rest, as the statistics do.
export { closedMonthsWithin, daysAround } from './periods.js';
