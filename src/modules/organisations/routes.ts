import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../shared/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { updateOrganisationBody } from './schema.js';
import * as service from './service.js';

export async function organisationRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['organisation'];
  app.get('/api/v1/organisation', { schema: { tags, summary: "The caller's organisation" } }, (req) => service.getOwnOrganisation(ctx, actorOf(req)));
  app.patch('/api/v1/organisation', { schema: { tags, body: updateOrganisationBody } }, (req) => service.updateOrganisation(ctx, actorOf(req), req.body));
}
