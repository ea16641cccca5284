import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { isAppError } from '../../shared/errors.js';
import { attachmentDisposition } from '../../shared/download.js';
import { actorOf } from '../../server/plugins/auth.js';
import { langOf } from '../public/index.js';
import { acceptanceBody, createCampaignBody, fileParams, idParams, unitLeaderBody, unitParams, listCampaignsQuery, phasesQuery, progressQuery, submitDeliverableBody, submitReportBody, updateCampaignBody } from './schema.js';
import { renderCampaign } from './page.js';
import { publicCampaign } from './public.js';
import * as service from './service.js';

const rateLimit = { max: 60, timeWindow: '1 minute' };
const publicParams = z.object({ orgCode: z.string().min(2).max(40), id: z.string().min(1).max(40) });

export async function campaignRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['campaigns'];

  app.get('/api/v1/campaign-templates', { schema: { tags, summary: 'The campaign templates of the seeds (服务提升年 plans) with their stable codes, phases, tasks and citations' } }, () => service.listTemplates());
  app.post(
    '/api/v1/campaigns',
    { schema: { tags, summary: 'Create a campaign in a year: from a template code (its phases and tasks copied into the year) or from scratch (title, phases, tasks); scope = unitIds. Dates resolved: 上旬 1–10, 中旬 11–20, 下旬 21–end; durations start the day after the previous phase', body: createCampaignBody } },
    async (req, reply) => reply.status(201).send(await service.createCampaign(ctx, actorOf(req), req.body)),
  );
  app.get('/api/v1/campaigns', { schema: { tags, summary: 'Campaigns of the organisation, newest year first', querystring: listCampaignsQuery } }, (req) => service.listCampaigns(ctx, actorOf(req), req.query));
  app.get('/api/v1/campaigns/:id', { schema: { tags, summary: 'A campaign: phases with their dates, tasks with due dates, the units in scope with their leader and acceptance', params: idParams } }, (req) =>
    service.getCampaign(ctx, actorOf(req), req.params.id),
  );
  app.patch('/api/v1/campaigns/:id', { schema: { tags, summary: 'Change title, leading group, office, status (draft → active → closed) or publication on the public board; 409 on a stale version', params: idParams, body: updateCampaignBody } }, (req) =>
    service.updateCampaign(ctx, actorOf(req), req.params.id, req.body),
  );
  app.patch('/api/v1/campaigns/:id/units/:unitId', { schema: { tags, summary: "Name the leader a unit's failed acceptance holds accountable (002:L82), or null for the unit as a whole; 409 on a stale version", params: unitParams, body: unitLeaderBody } }, (req) =>
    service.setCampaignUnitLeader(ctx, actorOf(req), req.params.id, req.params.unitId, req.body),
  );
  app.get('/api/v1/campaigns/:id/phases', { schema: { tags, summary: 'The phases active on a day (date=YYYY-MM-DD; today in the organisation’s time zone by default); several when they overlap', params: idParams, querystring: phasesQuery } }, (req) =>
    service.listActivePhases(ctx, actorOf(req), req.params.id, req.query.date),
  );
  app.get('/api/v1/campaigns/:id/progress', { schema: { tags, summary: 'Per unit × task: done, late, missing or pending on a day, monthly reports missing, annual report, acceptance; totals per task', params: idParams, querystring: progressQuery } }, (req) =>
    service.getCampaignProgress(ctx, actorOf(req), req.params.id, req.query.date),
  );
  app.post(
    '/api/v1/campaigns/:id/submissions',
    { schema: { tags, summary: "A unit's deliverable for a task (text, figure, inspectionId or file as base64, by the task's kind): the time received and the days late in the organisation's time zone; once per unit and task", params: idParams, body: submitDeliverableBody } },
    async (req, reply) => reply.status(201).send(await service.submitDeliverable(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.get('/api/v1/campaigns/:id/submissions/:submissionId/file', { schema: { tags, summary: 'An uploaded deliverable', params: fileParams } }, async (req, reply) => {
    const f = await service.downloadSubmissionFile(ctx, actorOf(req), req.params.id, req.params.submissionId);
    return reply.type(f.mime).header('content-disposition', attachmentDisposition(f.name)).send(f.content);
  });
  app.post(
    '/api/v1/campaigns/:id/reports',
    { schema: { tags, summary: "A unit's monthly progress report (period YYYY-MM) or annual report (period YYYY, due before 10 January of the next year, 001:L687); once per period", params: idParams, body: submitReportBody } },
    async (req, reply) => reply.status(201).send(await service.submitReport(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/campaigns/:id/acceptance',
    { schema: { tags, summary: "Accept or fail a unit (by 暗访 through an inspection where the plan says so); a failure records accountability against the unit's leader (002:L82) in the incident file", params: idParams, body: acceptanceBody } },
    (req) => service.recordAcceptance(ctx, actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/public/organisations/:orgCode/campaigns/:id',
    { config: { auth: 'public', rateLimit }, schema: { tags: ['public'], summary: 'A published campaign: phases, tasks and progress per unit (no login)', params: publicParams } },
    (req) => publicCampaign(ctx, req.params.orgCode, req.params.id),
  );
  root.get('/public/:orgCode/campaigns/:id', { config: { auth: 'public', rateLimit }, schema: { hide: true } }, async (req: FastifyRequest<{ Params: { orgCode: string; id: string } }>, reply: FastifyReply) => {
    const lang = langOf(req.query);
    try {
      const c = await publicCampaign(ctx, req.params.orgCode, req.params.id);
      return reply.type('text/html; charset=utf-8').header('cache-control', 'public, max-age=60').send(renderCampaign(c, lang, req.url));
    } catch (e) {
      if (isAppError(e) && e.code === 'not_found') return reply.status(404).type('text/html; charset=utf-8').send(lang === 'zh' ? '<!doctype html><p>未找到该活动</p>' : '<!doctype html><p>No such campaign</p>');
      throw e;
    }
  });
}
