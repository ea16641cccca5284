import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { pageQuerySchema } from '../../shared/page.js';
import { freeText, id, instant } from '../../shared/fields.js';
import * as service from './service.js';
import * as integrity from './integrity.js';

const isoInstant = instant.transform((s) => Date.parse(s));
const listAuditQuery = pageQuerySchema.extend({
  actorId: id.optional(),
  actor: freeText(60).optional(),
  entity: freeText(40).optional(),
  entityId: freeText(80).optional(),
  from: isoInstant.optional(),
  to: isoInstant.optional(),
  /** at (default, newest first), actor, entity or action; ties newest first. */
  sort: z.enum(['at', 'actor', 'entity', 'action']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
});

export async function auditRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];
  app.get('/api/v1/audit', { schema: { tags, summary: 'The audit log, newest first', querystring: listAuditQuery } }, (req) =>
    service.listAuditEntries(ctx, actorOf(req), req.query),
  );
  app.post('/api/v1/audit/verify', { schema: { tags, summary: "Verify the keyed hash chain and the published checkpoints; reports the first broken link (counts the caller's organisation)" } }, (req) =>
    integrity.verifyAuditChainAs(ctx, actorOf(req)),
  );
  app.get('/api/v1/audit/checkpoints', { schema: { tags, summary: '审计校验点: signed checkpoints published outside the database, newest first, and the public key they verify under', querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(50) }) } }, (req) =>
    integrity.listCheckpoints(ctx, actorOf(req), req.query),
  );
  app.post('/api/v1/audit/checkpoints', { schema: { tags, summary: 'Publish a checkpoint of the current head now' } }, async (req, reply) => {
    const result = await integrity.publishCheckpointAs(ctx, actorOf(req));
    return reply.status(result.published ? 201 : 200).send(result);
  });
}
