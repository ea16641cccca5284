// What other modules use of the cases module besides its service: the contract a case type
// implements, the registry the case-type list fills (src/modules/case-types.ts), and the helper
// that evaluates a clock row.
export { caseTypeOf, onCaseClosed, registerCaseType, registeredCaseTypes, type ActionOutcome, type CaseAfterAction, type CaseTypeDefinition, type CaseClosedListener } from './registry.js';
export { clockOutcome, evaluatedClockRow, runOf } from './clocks.js';
