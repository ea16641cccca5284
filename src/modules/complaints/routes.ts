import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { performCaseAction } from '../cases/service.js';
import { replaceTaxonomyBody } from '../taxonomies/service.js';
import { actionBody, orgCodeParams, str } from '../../shared/fields.js';
import { actionParams, createComplaintBody, publicComplaintBody, publicComplaintBodyLimit, publicSatisfactionBody } from './schema.js';
import * as service from './service.js';
import { actionLimit } from '../../server/rate-limits.js';

const taxonomyKind = z.object({ kind: z.enum(['categories', 'causes']) });
const kindOf = (k: 'categories' | 'causes') => (k === 'categories' ? 'complaint_category' : 'complaint_cause');

export async function complaintRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['complaints'];

  app.post('/api/v1/complaints', { schema: { tags, summary: 'Register a complaint (staff intake)', body: createComplaintBody } }, async (req, reply) =>
    reply.status(201).send(await service.registerComplaint(ctx, actorOf(req), req.body)),
  );
  app.post('/api/v1/complaints/:id/:action', { schema: { tags, summary: 'A workflow action: assign, verify, reply, close, reopen…', params: actionParams, body: actionBody } }, (req) => {
    const { version, ...input } = req.body;
    return performCaseAction(ctx, actorOf(req), req.params.id, { type: 'complaint', action: req.params.action, version, input });
  });
  app.get('/api/v1/complaints/taxonomies/:kind', { schema: { tags, summary: 'Complaint categories or causes of the organisation', params: taxonomyKind } }, (req) =>
    service.getComplaintTaxonomy(ctx, actorOf(req), kindOf(req.params.kind)),
  );
  app.put('/api/v1/complaints/taxonomies/:kind', { schema: { tags, params: taxonomyKind, body: replaceTaxonomyBody } }, (req) =>
    service.updateComplaintTaxonomy(ctx, actorOf(req), kindOf(req.params.kind), req.body),
  );

  // Public: no login, rate-limited, accepts only what it must.
  app.post('/api/v1/public/complaints', { bodyLimit: publicComplaintBodyLimit, config: { auth: 'public', rateLimit: actionLimit('complaint') }, schema: { tags: ['public'], summary: 'File a complaint without login (photos: up to 3 JPEG/PNG as base64)', body: publicComplaintBody } }, async (req, reply) =>
    reply.status(201).send(await service.submitPublicComplaint(ctx, req.body)),
  );
  app.get(
    '/api/v1/public/complaints/:trackingNo',
    { config: { auth: 'public', rateLimit: actionLimit('complaintLookup') }, schema: { tags: ['public'], summary: 'Status of a complaint by tracking number and query code', params: z.object({ trackingNo: str().min(4).max(40) }), querystring: z.object({ code: str().min(4).max(40) }) } },
    (req) => service.getPublicComplaintStatus(ctx, req.params.trackingNo, req.query.code),
  );
  app.post(
    '/api/v1/public/complaints/:trackingNo/satisfaction',
    { config: { auth: 'public', rateLimit: actionLimit('complaintLookup') }, schema: { tags: ['public'], summary: 'The complainant rates the handling (满意/基本满意/不满意), once per reply', params: z.object({ trackingNo: str().min(4).max(40) }), body: publicSatisfactionBody } },
    (req) => service.ratePublicComplaint(ctx, req.params.trackingNo, req.body),
  );
  app.get(
    '/api/v1/public/organisations/:orgCode/complaint-categories',
    { config: { auth: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } }, schema: { tags: ['public'], params: orgCodeParams } },
    (req) => service.publicComplaintCategories(ctx, req.params.orgCode),
  );
}
