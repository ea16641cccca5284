// What other modules use of appraisals besides its service: the star of each person's latest
// approved sheet (staff page, public rating page, payroll export), and the reopen of the sheets
// filled from a fact that changed (sanction appeals, complaints found unfounded).
export { readLatestStars, type LatestStar } from './stars.js';
export { reopenSheetsForFact, type ChangedFact } from './changed-facts.js';
