import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../shared/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { createVersionBody, templateParams, templateQuery } from './schema.js';
import * as service from './service.js';

export async function appraisalTemplateRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['appraisal-templates'];

  app.get('/api/v1/appraisal-templates', { schema: { tags, summary: "Appraisal sheet templates (个人考核表) of the organisation's pack, each in its newest version" } }, (req) => service.listAppraisalTemplates(ctx, actorOf(req)));
  app.get('/api/v1/appraisal-templates/:code', { schema: { tags, summary: 'A template in full (the newest version, or ?version=n) with its citations in words, and the list of versions (1 = the pack)', params: templateParams, querystring: templateQuery } }, (req) =>
    service.getAppraisalTemplate(ctx, actorOf(req), req.params.code, req.query.version),
  );
  app.post('/api/v1/appraisal-templates/:code/versions', { schema: { tags, summary: 'Save an edited template as the next version (quality office, admin); 400 appraisal_template_invalid naming the field; 409 unless edited from the newest version', params: templateParams, body: createVersionBody } }, async (req, reply) =>
    reply.status(201).send(await service.createAppraisalTemplateVersion(ctx, actorOf(req), req.params.code, req.body)),
  );
}
