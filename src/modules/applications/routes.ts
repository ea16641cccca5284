import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../shared/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { performCaseAction } from '../cases/service.js';
import { actionBody, idParams, orgCodeParams } from '../../shared/fields.js';
import { applicationActionParams, createApplicationBody, createServiceItemBody, listServiceItemsQuery, updateServiceItemBody } from './schema.js';
import * as items from './service-items.js';
import * as service from './service.js';

export async function applicationRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  const itemTags = ['service-items'];
  app.get('/api/v1/service-items', { schema: { tags: itemTags, summary: 'The organisation\'s service guide (办事指南)', querystring: listServiceItemsQuery } }, (req) =>
    items.listServiceItems(ctx, actorOf(req), req.query),
  );
  app.post('/api/v1/service-items', { schema: { tags: itemTags, summary: 'Publish a service item (admin, quality office)', body: createServiceItemBody } }, async (req, reply) =>
    reply.status(201).send(await items.createServiceItem(ctx, actorOf(req), req.body)),
  );
  app.get('/api/v1/service-items/:id', { schema: { tags: itemTags, params: idParams } }, (req) => items.getServiceItem(ctx, actorOf(req), req.params.id));
  app.patch('/api/v1/service-items/:id', { schema: { tags: itemTags, summary: 'Edit a service item (409 on a stale version)', params: idParams, body: updateServiceItemBody } }, (req) =>
    items.updateServiceItem(ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/public/organisations/:orgCode/service-items',
    { config: { auth: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } }, schema: { tags: ['public'], summary: 'Published service items of an organisation (no login)', params: orgCodeParams } },
    (req) => items.publicServiceItems(ctx, req.params.orgCode),
  );

  const tags = ['applications'];
  app.post('/api/v1/applications', { schema: { tags, summary: 'Receive an application: materials checked, accepted or one supplement notice', body: createApplicationBody } }, async (req, reply) =>
    reply.status(201).send(await service.registerApplication(ctx, actorOf(req), req.body)),
  );
  app.post(
    '/api/v1/applications/:id/:action',
    { schema: { tags, summary: 'A workflow action: request_supplement, receive_supplement, approve, refuse, notify_applicant, close, note', params: applicationActionParams, body: actionBody } },
    (req) => {
      const { version, ...input } = req.body;
      return performCaseAction(ctx, actorOf(req), req.params.id, { type: 'application', action: req.params.action, version, input });
    },
  );
}
