// What other modules use of the dashboard besides its service: the daily figures and the shape of
// a change (the monthly report and the daily bulletin).
export { dailyFigures } from './daily.js';
export type { Change } from './view.js';
// The background round materialises closed months (never a request).
export { materialiseClosedMonths } from './materialise.js';
