// What other modules use of ratings besides its service: the windows' rating links and the default reasons.
export { windowRatingLinks } from './entries.js';
export { labelOfReason, ratingReasons, reasonLabels } from './reasons.js';
export { ratingFiguresOf } from './stats.js';
