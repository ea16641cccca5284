// What other modules use of the dashboard besides its service: the month parameter, the daily
// figures and the shape of a change (the monthly report and the daily bulletin).
export { monthParam } from './schema.js';
export { dailyFigures } from './daily.js';
export type { Change } from './view.js';
