import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../shared/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { idParams, versionQuery } from '../../shared/fields.js';
import { createUnitBody, listUnitsQuery, updateUnitBody } from './schema.js';
import * as service from './service.js';

export async function unitRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['units'];

  app.get('/api/v1/units', { schema: { tags, summary: 'List units the caller may see', querystring: listUnitsQuery } }, (req) =>
    service.listUnits(ctx, actorOf(req), req.query),
  );
  app.get('/api/v1/units/tree', { schema: { tags, summary: 'The unit tree in the caller\'s scope' } }, async (req) => ({
    items: await service.getUnitTree(ctx, actorOf(req)),
  }));
  app.get('/api/v1/units/options', { schema: { tags, summary: 'All units by id, code and name, for intake forms' } }, (req) => service.listUnitOptions(ctx, actorOf(req)));
  app.get('/api/v1/units/:id', { schema: { tags, params: idParams } }, (req) => service.getUnit(ctx, actorOf(req), req.params.id));
  app.post('/api/v1/units', { schema: { tags, body: createUnitBody } }, async (req, reply) =>
    reply.status(201).send(await service.createUnit(ctx, actorOf(req), req.body)),
  );
  app.patch('/api/v1/units/:id', { schema: { tags, summary: 'Edit or move a unit', params: idParams, body: updateUnitBody } }, (req) =>
    service.updateUnit(ctx, actorOf(req), req.params.id, req.body),
  );
  app.delete('/api/v1/units/:id', { schema: { tags, params: idParams, querystring: versionQuery } }, async (req, reply) => {
    await service.deleteUnit(ctx, actorOf(req), req.params.id, req.query.version);
    return reply.status(204).send();
  });
}
