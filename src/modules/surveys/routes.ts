import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import type { AppContext } from '../../shared/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { idParams, idempotencyHeaders } from '../../shared/fields.js';
import {
  coverageQuery,
  createLinkBody,
  createSurveyBody,
  createTemplateBody,
  listSurveysQuery,
  publicResponseBody,
  qrQuery,
  resultsQuery,
  templateParams,
  updateSurveyBody,
  updateTemplateBody,
} from './schema.js';
import * as templates from './templates.js';
import * as service from './service.js';
import { surveyCoverage, surveyResults } from './results.js';
import { submitResponse } from './responses.js';
import { surveyPageRoutes } from './page.js';
import { publicBase, publicLink, publicUrlCheck } from '../../server/public-url.js';
import { actionLimit } from '../../server/rate-limits.js';

/** 满意度调查 (RULES §3): templates, surveys per unit and cycle, links, public answering, results, coverage. */
export async function surveyRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['surveys'];
  /** `url` is the public page's path; `publicUrl` what a patient's phone opens (YOUZHI_PUBLIC_URL). */
  /** Resolved before a mutation: a refused address (public_url_not_allowed) answers before anything is stored. */
  const withPublicUrl = (req: FastifyRequest) => {
    const base = publicBase(ctx.config, req);
    const check = publicUrlCheck(ctx.config, req);
    return <T extends { url: string }>(item: T) => ({ ...item, publicUrl: publicLink(base, item.url), publicUrlCheck: check });
  };

  app.get('/api/v1/survey-templates', { schema: { tags, summary: 'Built-in and organisation survey templates' } }, (req) => templates.listTemplates(ctx, actorOf(req)));
  app.post('/api/v1/survey-templates', { schema: { tags, summary: 'A template from scratch (definition) or as a copy (copyOf)', body: createTemplateBody } }, async (req, reply) =>
    reply.status(201).send(await templates.createTemplate(ctx, actorOf(req), req.body)),
  );
  app.get('/api/v1/survey-templates/:id', { schema: { tags, summary: 'A template (built-ins by code)', params: templateParams } }, (req) => templates.getTemplate(ctx, actorOf(req), req.params.id));
  app.patch('/api/v1/survey-templates/:id', { schema: { tags, summary: 'Replace a template definition (optimistic lock)', params: templateParams, body: updateTemplateBody } }, (req) =>
    templates.updateTemplate(ctx, actorOf(req), req.params.id, req.body),
  );

  app.get('/api/v1/surveys', { schema: { tags, summary: 'Surveys of the units the caller may see', querystring: listSurveysQuery } }, async (req) => {
    const present = withPublicUrl(req);
    const list = await service.listSurveys(ctx, actorOf(req), req.query);
    return { ...list, items: list.items.map(present) };
  });
  app.post('/api/v1/surveys', { schema: { tags, summary: 'Run a template for a unit over a cycle', body: createSurveyBody } }, async (req, reply) => {
    const present = withPublicUrl(req);
    return reply.status(201).send(present(await service.createSurvey(ctx, actorOf(req), req.body)));
  });
  app.get('/api/v1/surveys/coverage', { schema: { tags, summary: 'Missing surveys: units whose monthly or quarterly survey has no response in a period', querystring: coverageQuery } }, (req) =>
    surveyCoverage(ctx, actorOf(req), req.query),
  );
  app.get('/api/v1/surveys/:id', { schema: { tags, params: idParams } }, async (req) => withPublicUrl(req)(await service.getSurvey(ctx, actorOf(req), req.params.id)));
  app.patch('/api/v1/surveys/:id', { schema: { tags, summary: 'End (or reopen) a survey', params: idParams, body: updateSurveyBody } }, async (req) => {
    const present = withPublicUrl(req);
    return present(await service.updateSurvey(ctx, actorOf(req), req.params.id, req.body));
  });
  app.post('/api/v1/surveys/:id/links', { schema: { tags, summary: 'A single-use anonymous link (shown once)', params: idParams, body: createLinkBody } }, async (req, reply) => {
    const present = withPublicUrl(req);
    return reply.status(201).send(present(await service.createSurveyLink(ctx, actorOf(req), req.params.id, req.body)));
  });
  app.get('/api/v1/surveys/:id/qr.svg', { schema: { tags, summary: 'The standing survey QR code as SVG', params: idParams, querystring: qrQuery } }, async (req, reply) => {
    const { url } = await service.standingSurveyLink(ctx, actorOf(req), req.params.id);
    const svg = await QRCode.toString(publicLink(publicBase(ctx.config, req, req.query.base), url), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return reply.type('image/svg+xml').send(svg);
  });
  app.get('/api/v1/surveys/:id/results', { schema: { tags, summary: 'Results per question, satisfaction and pack thresholds', params: idParams, querystring: resultsQuery } }, (req) =>
    surveyResults(ctx, actorOf(req), req.params.id, req.query),
  );

  app.post(
    '/api/v1/public/survey-responses',
    {
      config: { auth: 'public', rateLimit: actionLimit('survey') },
      schema: { tags: ['public'], summary: 'Answer a survey (standing code or single-use token); Idempotency-Key honoured', body: publicResponseBody, headers: idempotencyHeaders },
    },
    async (req, reply) => {
      const result = await submitResponse(ctx, req.body, req.headers['idempotency-key']);
      return reply.status(result.replayed ? 200 : 201).send({ id: result.id });
    },
  );
  await surveyPageRoutes(root, ctx);
}
