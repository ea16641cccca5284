import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { pageQuerySchema } from '../../shared/page.js';
import { id } from '../../shared/fields.js';
import * as service from './service.js';

export async function notificationRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];
  app.get('/api/v1/inbox', { schema: { tags, summary: 'My in-app messages (站内信)', querystring: pageQuerySchema.extend({ unread: z.enum(['true', 'false']).optional() }) } }, (req) =>
    service.listInbox(ctx, actorOf(req), { unreadOnly: req.query.unread === 'true', page: req.query.page, pageSize: req.query.pageSize }),
  );
  app.post('/api/v1/inbox/read', { schema: { tags, body: z.strictObject({ ids: z.array(id).min(1).max(500) }) } }, (req) =>
    service.markInboxRead(ctx, actorOf(req), req.body.ids),
  );
}
