// What other modules use of ratings besides its service: the windows' rating links and the default reasons.
export { windowRatingLinks } from './entries.js';
export { labelOfReason, ratingReasons, reasonLabels } from './reasons.js';
export { ratingFiguresOf } from './stats.js';
// The rating statistics of a unit and period (competitions read the satisfaction rate).
export { ratingStatistics } from './stats.js';
