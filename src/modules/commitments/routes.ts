import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../shared/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { idParams, versionQuery } from '../../shared/fields.js';
import { createCommitmentBody, listCommitmentsQuery, updateCommitmentBody } from './schema.js';
import { measureCatalogue } from './measures.js';
import * as service from './service.js';

export async function commitmentRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['commitments'];

  app.get('/api/v1/commitments', { schema: { tags, summary: '服务承诺 of the organisation, with the measured figure of the last full month', querystring: listCommitmentsQuery } }, (req) =>
    service.listCommitments(ctx, actorOf(req), req.query),
  );
  app.get('/api/v1/commitments/measures', { schema: { tags, summary: 'The catalogue of measures a commitment may be linked to' } }, (req) => {
    actorOf(req);
    return { items: Object.values(measureCatalogue) };
  });
  app.post('/api/v1/commitments', { schema: { tags, summary: 'Create a commitment (admin, quality office)', body: createCommitmentBody } }, async (req, reply) =>
    reply.status(201).send(await service.createCommitment(ctx, actorOf(req), req.body)),
  );
  app.get('/api/v1/commitments/:id', { schema: { tags, params: idParams } }, (req) => service.getCommitment(ctx, actorOf(req), req.params.id));
  app.patch('/api/v1/commitments/:id', { schema: { tags, summary: 'Edit a commitment (409 on a stale version)', params: idParams, body: updateCommitmentBody } }, (req) =>
    service.updateCommitment(ctx, actorOf(req), req.params.id, req.body),
  );
  app.delete('/api/v1/commitments/:id', { schema: { tags, summary: 'Delete a commitment (409 on a stale version)', params: idParams, querystring: versionQuery } }, async (req, reply) => {
    await service.deleteCommitment(ctx, actorOf(req), req.params.id, req.query.version);
    return reply.status(204).send();
  });
}
