import type { SheetTemplate } from '../../src/engines/appraisal/index.js';
import type { Session } from './app.js';
export { windowTemplate } from '../../src/test-support/appraisal-template.js';

/**
 * Puts `template` into the organisation's pack (a policy override), so a test's totals follow a
 * template it states, whatever the presets say. TODO at merge: the pack's appraisal section.
 */
export async function useAppraisalTemplate(_session: Session, _template: SheetTemplate): Promise<void> {}
