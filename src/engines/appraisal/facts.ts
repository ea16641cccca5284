/** A person's facts with nothing recorded in the period. */
import type { StaffFacts } from './types.js';

export const emptyFacts = (staffId: string, unitId: string | null): StaffFacts => ({
  staffId,
  unitId,
  ratings: { rated: 0, satisfied: 0, served: 0 },
  verifiedComplaints: [],
  inspectionDeductions: { points: '0', records: [] },
  inspectionVetoes: [],
  sanctions: { fineFen: 0, rewardFen: 0, records: [] },
  followUps: { due: 0, onTime: 0, records: [] },
  deliverables: { due: 0, late: 0, missing: 0, records: [] },
});
