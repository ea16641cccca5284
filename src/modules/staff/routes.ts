import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { idParams, versionQuery } from '../../shared/fields.js';
import { createStaffBody, listStaffQuery, updateStaffBody } from './schema.js';
import { uploadOf } from '../../server/upload.js';
import { importRosterUpload } from './import.js';
import * as service from './service.js';

export async function staffRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['staff'];

  app.get('/api/v1/staff', { schema: { tags, summary: 'List staff the caller may see', querystring: listStaffQuery } }, (req) =>
    service.listStaff(ctx, actorOf(req), req.query),
  );
  app.get('/api/v1/staff/:id', { schema: { tags, params: idParams } }, (req) => service.getStaff(ctx, actorOf(req), req.params.id));
  app.post('/api/v1/staff', { schema: { tags, body: createStaffBody } }, async (req, reply) =>
    reply.status(201).send(await service.createStaff(ctx, actorOf(req), req.body)),
  );
  app.patch('/api/v1/staff/:id', { schema: { tags, params: idParams, body: updateStaffBody } }, (req) =>
    service.updateStaff(ctx, actorOf(req), req.params.id, req.body),
  );
  app.delete('/api/v1/staff/:id', { schema: { tags, summary: 'Deactivate a staff member', params: idParams, querystring: versionQuery } }, (req) =>
    service.deactivateStaff(ctx, actorOf(req), req.params.id, req.query.version),
  );
  app.post(
    '/api/v1/staff/import',
    { schema: { tags, summary: 'Import units and staff from .xlsx or .csv (multipart field "file"); all-or-nothing', querystring: z.object({ dryRun: z.enum(['true', 'false']).optional() }) } },
    (req) => importRosterUpload(ctx, actorOf(req), uploadOf(req), { dryRun: req.query.dryRun === 'true' }),
  );
}
