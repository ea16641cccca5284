import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { freeText, idParams, str, version, versionQuery } from '../../shared/fields.js';
import { pageQuerySchema } from '../../shared/page.js';
import { webhookEventTypes } from './events.js';
import * as service from './service.js';

const url = str().trim().min(1).max(500).describe('http(s) URL of the receiver; private and loopback addresses only when YOUZHI_WEBHOOK_ALLOW permits them');
const events = z.array(z.enum(webhookEventTypes)).min(1).max(webhookEventTypes.length).describe(`Event codes: ${webhookEventTypes.join(', ')}`);
const description = freeText(200).nullable();

const createBody = z.strictObject({ url, events, description: description.optional(), active: z.boolean().optional() });
const updateBody = z.strictObject({ version, url: url.optional(), events: events.optional(), description: description.optional(), active: z.boolean().optional(), rotateSecret: z.boolean().optional() });

const signing =
  'Each POST carries `X-Youzhi-Event`, `X-Youzhi-Delivery` (stable across retries: de-duplicate on it), `X-Youzhi-Timestamp` (Unix seconds) and `X-Youzhi-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" keyed with the secret>`, plus the Standard Webhooks headers `webhook-id`, `webhook-timestamp`, `webhook-signature`.';

export async function webhookRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['webhooks'];
  app.get('/api/v1/webhooks', { schema: { tags, summary: "The organisation's webhook subscriptions (接口推送) and the event catalogue", description: signing } }, (req) =>
    service.listWebhooks(ctx, actorOf(req)),
  );
  app.post('/api/v1/webhooks', { schema: { tags, summary: 'Subscribe a URL to events; the answer shows the signing secret, once', description: signing, body: createBody } }, async (req, reply) =>
    reply.status(201).send(await service.createWebhook(ctx, actorOf(req), req.body)),
  );
  app.get('/api/v1/webhooks/:id', { schema: { tags, params: idParams } }, (req) => service.getWebhook(ctx, actorOf(req), req.params.id));
  app.patch('/api/v1/webhooks/:id', { schema: { tags, summary: 'Change, pause or resume a subscription; rotateSecret issues a new secret (shown once)', params: idParams, body: updateBody } }, (req) =>
    service.updateWebhook(ctx, actorOf(req), req.params.id, req.body),
  );
  app.delete('/api/v1/webhooks/:id', { schema: { tags, summary: 'Remove a subscription and its delivery log', params: idParams, querystring: versionQuery } }, async (req, reply) => {
    await service.deleteWebhook(ctx, actorOf(req), req.params.id, req.query.version);
    return reply.status(204).send();
  });
  app.post('/api/v1/webhooks/:id/test', { schema: { tags, summary: 'Send a `ping` event now; the answer is the delivery after that attempt', params: idParams } }, (req) =>
    service.testWebhook(ctx, actorOf(req), req.params.id),
  );
  app.get('/api/v1/webhooks/:id/deliveries', { schema: { tags, summary: 'The delivery log: status, attempts, last response code and error, newest first', params: idParams, querystring: pageQuerySchema.omit({ q: true }) } }, (req) =>
    service.listWebhookDeliveries(ctx, actorOf(req), req.params.id, req.query),
  );
  app.post('/api/v1/webhook-deliveries/:id/resend', { schema: { tags, summary: "Send a delivery's event again, as a new delivery attempted at once", params: idParams } }, (req) =>
    service.resendWebhookDelivery(ctx, actorOf(req), req.params.id),
  );
}
