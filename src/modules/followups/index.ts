// What other modules use of follow-ups: opening one after another case (a closed complaint, a
// completed repair, a 差评), settling one whose callback was recorded on its case,
// and the workflow (the dashboard counts cases by its states). The case type is registered from
// src/modules/case-types.ts.
export { followUpWorkflow } from './workflow.js';
export { followUpAfterClosing, openFollowUpAfter, openRatingFollowUp, followUpKeys } from './service.js';
export { settleFollowUpOf } from './callbacks.js';
