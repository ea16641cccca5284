/**
 * The demo hall's own version of its window-staff appraisal template (考核表模板, issue 21): the
 * template editor opens on a version 2 beside the pack's version 1, while last month's sheets keep
 * the version they were filled with. Seeding again adds nothing.
 */
import type { AppContext } from '../shared/context.js';
import { systemActor } from '../shared/access.js';
import { findOrganisationByCode } from '../modules/organisations/service.js';
import { createAppraisalTemplateVersion, getAppraisalTemplate } from '../modules/appraisal-templates/service.js';

export async function seedDemoAppraisalTemplates(ctx: AppContext, orgCode: string): Promise<number> {
  const org = await findOrganisationByCode(ctx, orgCode);
  if (!org) return 0;
  const actor = systemActor(org.id, 'demo-seed');
  const current = await getAppraisalTemplate(ctx, actor, 'window_staff').catch(() => null);
  if (!current || current.latestVersion !== 1) return 0;
  const decision = { zh: '本中心更看重群众满意：满意率调为 35 分，查实投诉调为 10 分', en: 'This centre weighs satisfaction more: satisfaction 35 points, verified complaints 10' };
  const items = current.items.map(({ citation: _c, ...i }) => {
    if (i.code === 'satisfaction') return { ...i, max: '35', decision };
    if (i.code === 'complaints') return { ...i, max: '10', decision };
    return i;
  });
  const { citation: _t, latestVersion: _l, versions: _v, code: _code, version: _version, origin: _o, basedOnVersion: _b, createdBy: _cb, createdAt: _ca, stars, bottom, source, decision: own, ...rest } = current;
  const definition = {
    label: rest.label,
    post: rest.post,
    period: rest.period,
    items,
    stars: stars.map(({ citation: _c, ...s }) => s),
    ...(bottom ? { bottom: (({ citation: _c, ...b }) => b)(bottom) } : {}),
    ...(source ? { source } : {}),
    ...(own ? { decision: own } : {}),
  };
  await createAppraisalTemplateVersion(ctx, actor, 'window_staff', { basedOnVersion: 1, definition });
  return 1;
}
