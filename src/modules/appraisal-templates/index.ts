// What other modules (appraisals) use of the template editor: the template in force for a code,
// or the exact version a sheet was filled with.
export { resolveAppraisalTemplate } from './service.js';
