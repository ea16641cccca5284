import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../shared/context.js';
import { isAppError } from '../../shared/errors.js';
import { orgCodeParams } from '../../shared/fields.js';
import { langOf } from '../public/index.js';
import { renderBoard, renderNotFound, renderServiceGuide } from './page.js';
import { publicBoard, publicServiceGuide } from './service.js';

const rateLimit = { max: 60, timeWindow: '1 minute' };

function html(reply: FastifyReply, status: number, body: string) {
  // Public information: a minute of caching in browsers and proxies keeps the page cheap under load.
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', status === 200 ? 'public, max-age=60' : 'no-store')
    .send(body);
}

/** 服务公开: the public transparency board, as JSON and as a plain HTML page (no login). */
export async function boardRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/public/organisations/:orgCode/board',
    {
      config: { auth: 'public', rateLimit },
      schema: { tags: ['public'], summary: 'The public board: commitments with measured figures, service guide, complaint channels, monthly statistics (no login)', params: orgCodeParams },
    },
    (req) => publicBoard(ctx, req.params.orgCode),
  );

  root.get('/public/:orgCode/services', { config: { auth: 'public', rateLimit }, schema: { hide: true } }, async (req: FastifyRequest<{ Params: { orgCode: string }; Querystring: Record<string, unknown> }>, reply) => {
    const lang = langOf(req.query);
    const q = typeof req.query.q === 'string' ? req.query.q : '';
    const pageNo = Number(typeof req.query.page === 'string' ? req.query.page : 1);
    try {
      const guide = await publicServiceGuide(ctx, req.params.orgCode, { q, page: Number.isInteger(pageNo) ? pageNo : 1 });
      return html(reply, 200, renderServiceGuide(guide, lang, req.url));
    } catch (e) {
      if (isAppError(e) && e.code === 'not_found') return html(reply, 404, renderNotFound(lang));
      throw e;
    }
  });

  root.get('/public/:orgCode', { config: { auth: 'public', rateLimit }, schema: { hide: true } }, async (req: FastifyRequest<{ Params: { orgCode: string } }>, reply) => {
    const lang = langOf(req.query);
    try {
      return html(reply, 200, renderBoard(await publicBoard(ctx, req.params.orgCode), lang, req.url));
    } catch (e) {
      if (isAppError(e) && e.code === 'not_found') return html(reply, 404, renderNotFound(lang));
      throw e;
    }
  });
}
