import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../shared/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { performCaseAction } from '../cases/service.js';
import { actionBody } from '../../shared/fields.js';
import { createInquiryBody, inquiryActionParams } from './schema.js';
import * as service from './service.js';

export async function inquiryRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['inquiries'];

  app.post('/api/v1/inquiries', { schema: { tags, summary: 'Register a question (首问负责): the caller is stamped as first responder', body: createInquiryBody } }, async (req, reply) =>
    reply.status(201).send(await service.registerInquiry(ctx, actorOf(req), req.body)),
  );
  app.post(
    '/api/v1/inquiries/:id/:action',
    { schema: { tags, summary: 'Outcome of an inquiry: answer, handle or transfer (with the contact); or a note', params: inquiryActionParams, body: actionBody } },
    (req) => {
      const { version, ...input } = req.body;
      return performCaseAction(ctx, actorOf(req), req.params.id, { type: 'inquiry', action: req.params.action, version, input });
    },
  );
}
