import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../shared/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { idParams } from '../../shared/fields.js';
import * as service from './service.js';

export async function incidentRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/staff/:id/incidents',
    { schema: { tags: ['staff'], summary: '差错投诉个人档案: the incident file of a staff member', params: idParams } },
    (req) => service.listIncidents(ctx, actorOf(req), req.params.id),
  );
}
