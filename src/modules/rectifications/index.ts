// What other modules use of rectifications: its workflow (the dashboard counts cases by its states).
// The case type itself is registered from src/modules/case-types.ts; its actions run through the
// generic case routes.
export { rectificationWorkflow } from './workflow.js';
