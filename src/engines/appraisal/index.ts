/**
 * Youzhi personal appraisal engine (个人考核, 002:L216; 000:L115): periods, sheet templates,
 * measured and judged items, caps and floors, exact totals, star grades and 末位. Pure: no I/O.
 * Public API of `youzhi/appraisal`.
 */
import { AppraisalError } from './errors.js';
import type { BottomEntry, BottomFinding, FieldIssue, FilledSheet, Period, PeriodKind, SheetTemplate, StaffFacts, StarGrade, Decimal } from './types.js';

export type * from './types.js';
export { JUDGED_GROUPS, MEASURED_SOURCES, PERIOD_KINDS } from './types.js';
export { APPRAISAL_ERROR_CODES, AppraisalError, type AppraisalErrorCode } from './errors.js';

const todo = (): never => {
  throw new AppraisalError('appraisal_template_invalid', 'not implemented yet');
};
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
export function periodOf(_kind: PeriodKind, _label: string): Period {
  return todo();
}
export function periodContaining(_kind: PeriodKind, _date: string): Period {
  return todo();
}
export function previousPeriods(_period: Period, _n: number): Period[] {
  return todo();
}
export function fillSheet(_template: SheetTemplate, _facts: StaffFacts, _judged: Record<string, Decimal | null>): FilledSheet {
  return todo();
}
export function checkJudged(_template: SheetTemplate, _judged: Record<string, unknown>): FieldIssue[] {
  return todo();
}
export function checkTemplate(_template: unknown): FieldIssue[] {
  return todo();
}
export function starFor(_total: Decimal, _grades: StarGrade[]): StarGrade | null {
  return todo();
}
export function bottomOfUnit(_history: BottomEntry[][], _consecutive: number): BottomFinding[] {
  return todo();
}
