import type { SheetTemplate } from '../../src/engines/appraisal/index.js';
import type { Session } from './app.js';
import { setPolicyOverrides } from './policy.js';
export { windowTemplate } from '../../src/test-support/appraisal-template.js';

const decision = { zh: '测试用考核表', en: 'A test sheet' };

/**
 * Puts `template` into the organisation's pack as a policy override (the pack cites every
 * number: here a test decision), so a test's totals follow a template it states, whatever the
 * sector presets say.
 */
export async function useAppraisalTemplate(session: Session, template: SheetTemplate): Promise<void> {
  const { code, version: _, ...rest } = template;
  const cited = {
    ...rest,
    decision,
    items: rest.items.map((i) => ({ ...i, decision })),
    stars: rest.stars.map((s) => ({ ...s, decision })),
    ...(rest.bottom ? { bottom: { ...rest.bottom, decision } } : {}),
  };
  // Kept beside the organisation's other overrides (the sanction rules a test adopted, …).
  const current = ((await session.get('/api/v1/policy')).json() as { overrides?: Record<string, unknown> }).overrides ?? {};
  await setPolicyOverrides(session, { ...current, appraisal: { templates: { [code]: cited } } });
}
