import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import QRCode from 'qrcode';
import type { AppContext } from '../../shared/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { requireRole, type Role } from '../../shared/access.js';
import { replaceTaxonomyBody } from '../taxonomies/service.js';
import { getRatingReasons, updateRatingReasons } from './reasons.js';
import { publicBase, publicLink, publicUrlCheck } from '../../server/public-url.js';
import { codeQuery, createTokenBody, listRatingsQuery, publicRatingBody, servedCountsBody, statsQuery } from './schema.js';
import * as service from './service.js';
import { ratingStatistics } from './stats.js';
import { listRatings } from './list.js';
import { ratingPageRoutes } from './page.js';
import { ratingQrSheet } from './qr-sheet.js';
import { importServedCounts } from './served-import.js';
import { actionLimit } from '../../server/rate-limits.js';
import { uploadOf } from '../../server/upload.js';
import { idempotencyHeaders } from '../../shared/fields.js';

const issuers: readonly Role[] = ['admin', 'quality_office', 'unit_head', 'staff'];

export async function ratingRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['ratings'];

  app.post('/api/v1/rating-tokens', { schema: { tags, summary: 'A one-time rating link for one transaction (一次一评)', body: createTokenBody } }, async (req, reply) => {
    const actor = actorOf(req);
    requireRole(actor, issuers);
    // Before the token is stored: a refused address must not leave a link nobody was shown.
    const base = publicBase(ctx.config, req);
    const link = await service.createRatingToken(ctx, actor, req.body);
    return reply.status(201).send({ ...link, url: publicLink(base, link.path), publicUrlCheck: publicUrlCheck(ctx.config, req) });
  });
  app.get('/api/v1/rating-codes', { schema: { tags, summary: 'The standing (signed) rating code of a window or staff member; publicUrl is what its QR code opens', querystring: codeQuery } }, async (req) => {
    const actor = actorOf(req);
    requireRole(actor, issuers);
    const code = await service.standingRatingCode(ctx, actor, req.query);
    return { ...code, url: code.path, publicUrl: publicLink(publicBase(ctx.config, req), code.path), publicUrlCheck: publicUrlCheck(ctx.config, req) };
  });
  app.get('/api/v1/rating-codes/qr.svg', { schema: { tags, summary: 'The standing rating QR code as SVG', querystring: codeQuery.extend({ base: z.url().optional() }) } }, async (req, reply) => {
    const actor = actorOf(req);
    requireRole(actor, issuers);
    const { path } = await service.standingRatingCode(ctx, actor, req.query);
    const svg = await QRCode.toString(publicLink(publicBase(ctx.config, req, req.query.base), path), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return reply.type('image/svg+xml').send(svg);
  });
  app.get('/api/v1/rating-codes/sheet.pdf', { schema: { tags, summary: 'A printable PDF of the standing QR code of every window in scope', querystring: z.object({ base: z.url().optional() }) } }, async (req, reply) => {
    const pdf = await ratingQrSheet(ctx, actorOf(req), { baseUrl: publicBase(ctx.config, req, req.query.base) });
    return reply.type('application/pdf').header('content-disposition', 'attachment; filename="rating-qr-codes.pdf"').send(pdf);
  });
  app.post(
    '/api/v1/public/ratings',
    {
      config: { auth: 'public', rateLimit: actionLimit('rating') },
      schema: { tags: ['public'], summary: '好差评: rate a service (token or standing code); Idempotency-Key honoured', body: publicRatingBody, headers: idempotencyHeaders },
    },
    async (req, reply) => {
      // Through the API there is no device cookie: only the address counts towards a burst.
      const result = await service.submitRating(ctx, req.body, req.headers['idempotency-key'], { device: null, client: req.ip });
      return reply.status(result.replayed ? 200 : 201).send({ id: result.id });
    },
  );
  app.post('/api/v1/served-counts', { schema: { tags, summary: 'Clients served per unit (and staff) and day; a later count replaces the earlier one', body: servedCountsBody } }, (req) =>
    service.recordServedCounts(ctx, actorOf(req), req.body),
  );
  app.post('/api/v1/served-counts/import', { schema: { tags, summary: 'Served counts from an .xlsx or .csv (单位编码, 工号, 日期, 服务人次); all-or-nothing' } }, (req) =>
    importServedCounts(ctx, actorOf(req), uploadOf(req)),
  );
  app.get('/api/v1/stats/ratings', { schema: { tags, summary: 'Rating statistics with pack thresholds, indicators and 差评 reasons', querystring: statsQuery } }, (req) => ratingStatistics(ctx, actorOf(req), req.query));
  app.get('/api/v1/ratings', { schema: { tags, summary: 'Individual ratings (评价明细), newest first, scoped like the statistics', querystring: listRatingsQuery } }, (req) => listRatings(ctx, actorOf(req), req.query));
  app.get('/api/v1/ratings/reasons', { schema: { tags, summary: 'Standard 差评 reasons of the organisation' } }, (req) => getRatingReasons(ctx, actorOf(req)));
  await ratingPageRoutes(root, ctx);
  app.put('/api/v1/ratings/reasons', { schema: { tags, body: replaceTaxonomyBody } }, (req) =>
    updateRatingReasons(ctx, actorOf(req), req.body),
  );
}
