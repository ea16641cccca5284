// What other modules use of commitments besides its service: the measures' symbols and results,
// and the month figures the public board shows.
export type { Measurement } from './measures.js';
export { complaintMonth, openMeasureSource } from './source.js';
