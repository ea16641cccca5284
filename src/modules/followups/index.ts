// What other modules use of follow-ups: opening one after another case (a closed complaint),
// and the workflow (the dashboard counts cases by its states). The case type is registered from
// src/modules/case-types.ts.
export { followUpWorkflow } from './workflow.js';
export { followUpAfterClosing } from './service.js';
