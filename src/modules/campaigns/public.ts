/**
 * The campaign's page on the public board (服务公开) once the office publishes it: plan, phases on
 * a timeline, tasks and each unit's progress and acceptance — no submissions' content, no leaders.
 */
import type { AppContext } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { systemActor } from '../../shared/access.js';
import { findOrganisationByCode } from '../organisations/service.js';
import { getCampaign, getCampaignProgress } from './service.js';

export async function publicCampaign(ctx: AppContext, orgCode: string, id: string) {
  const org = await findOrganisationByCode(ctx, orgCode);
  if (!org) throw new AppError('not_found', { details: { orgCode } });
  const actor = systemActor(org.id, 'public');
  const campaign = await getCampaign(ctx, actor, id).catch(() => null);
  if (!campaign || !campaign.published) throw new AppError('not_found', { details: { entity: 'campaign', id } });
  const progress = await getCampaignProgress(ctx, actor, id);
  return {
    organisation: { code: org.code, name: org.name },
    id: campaign.id,
    title: campaign.title,
    year: campaign.year,
    leadingGroup: campaign.leadingGroup,
    office: campaign.office,
    status: campaign.status,
    startsOn: campaign.startsOn,
    endsOn: campaign.endsOn,
    date: progress.date,
    phases: campaign.phases.map((p) => ({ code: p.code, label: p.label, from: p.from, to: p.to, active: progress.activePhases.includes(p.code) })),
    tasks: progress.tasks.map((t) => ({ code: t.code, label: t.label, dueOn: t.dueOn, deliverable: t.deliverable, counts: t.counts })),
    units: progress.units.map((u) => ({ name: u.name, counts: u.counts, acceptance: u.acceptance })),
  };
}

export type PublicCampaign = Awaited<ReturnType<typeof publicCampaign>>;
