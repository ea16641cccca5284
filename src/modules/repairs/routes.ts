import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../shared/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { actionLimit } from '../../server/rate-limits.js';
import { actionBody, idParams } from '../../shared/fields.js';
import { actionParams, createRepairBody, figuresQuery, listRepairsQuery, publicRepairBody } from './schema.js';
import * as service from './service.js';
import { repairPageRoutes } from './page.js';

/** 故障报修: intake (hotline, counter, public site), the work order's actions, its figures. */
export async function repairRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['repairs'];
  app.post('/api/v1/repairs', { schema: { tags, summary: 'Register a repair report (hotline or counter): arrival and completion deadlines in the organisation offset', body: createRepairBody } }, async (req, reply) =>
    reply.status(201).send(await service.registerRepair(ctx, actorOf(req), req.body)),
  );
  app.get('/api/v1/repairs', { schema: { tags, summary: 'Work orders (filters: state, technician, overdue, date, callbackDue), soonest deadline first', querystring: listRepairsQuery } }, (req) =>
    service.listRepairs(ctx, actorOf(req), req.query),
  );
  app.get('/api/v1/repairs/figures', { schema: { tags, summary: 'On-time arrival, completion within the clock, callback rate and callback on time (exact rates) per unit for a month', querystring: figuresQuery } }, (req) =>
    service.getRepairFigures(ctx, actorOf(req), req.query),
  );
  app.get('/api/v1/repairs/:id', { schema: { tags, summary: 'One work order with its deadlines, checklist and timeline', params: idParams } }, (req) => service.getRepair(ctx, actorOf(req), req.params.id));
  app.post(
    '/api/v1/repairs/:id/:action',
    { schema: { tags, summary: 'A work-order action with the version read: dispatch, arrive, record-checklist, record-damage, complete, sign-card, refuse-card, callback, close, note', params: actionParams, body: actionBody } },
    (req) => service.performRepairAction(ctx, actorOf(req), req.params.id, req.params.action, req.body),
  );

  // Public: no login, rate-limited like the complaint form, accepts only what it must.
  app.post('/api/v1/public/repairs', { config: { auth: 'public', rateLimit: actionLimit('repair') }, schema: { tags: ['public'], summary: 'Report a fault without login (网上报修); answers the tracking number', body: publicRepairBody } }, async (req, reply) =>
    reply.status(201).send(await service.submitPublicRepair(ctx, req.body)),
  );
  await repairPageRoutes(root, ctx);
}
