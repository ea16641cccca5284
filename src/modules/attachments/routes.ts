import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { uploadOf } from '../../server/upload.js';
import { id, idParams } from '../../shared/fields.js';
import { attachmentDisposition } from '../../shared/download.js';
import { actorOf } from '../../server/plugins/auth.js';
import * as service from './service.js';

const caseParams = idParams;
const fileParams = z.object({ id, attachmentId: id });

/** 附件 of any case type: upload (multipart field "file"), list, download, delete. */
export async function attachmentRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];
  app.get('/api/v1/cases/:id/attachments', { schema: { tags, summary: 'Attachments of a case', params: caseParams } }, (req) => service.listAttachments(ctx, actorOf(req), req.params.id));
  app.post('/api/v1/cases/:id/attachments', { schema: { tags, summary: 'Attach a file (multipart field "file"; photos, PDF, documents, recordings, videos, text)', params: caseParams } }, async (req, reply) =>
    reply.status(201).send(await service.attachFile(ctx, actorOf(req), req.params.id, uploadOf(req))),
  );
  app.get('/api/v1/cases/:id/attachments/:attachmentId', { schema: { tags, summary: 'Download an attachment', params: fileParams } }, async (req, reply) => {
    const file = await service.downloadAttachment(ctx, actorOf(req), req.params.id, req.params.attachmentId);
    return reply.type(file.mime).header('content-disposition', attachmentDisposition(file.name)).header('cache-control', 'private, no-store').send(file.content);
  });
  app.delete('/api/v1/cases/:id/attachments/:attachmentId', { schema: { tags, summary: 'Delete an attachment (uploader, admin, quality office)', params: fileParams } }, async (req, reply) => {
    await service.removeAttachment(ctx, actorOf(req), req.params.id, req.params.attachmentId);
    return reply.status(204).send();
  });
}
