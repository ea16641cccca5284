import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../shared/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { attachmentDisposition } from '../../shared/download.js';
import { dailyQuery, dailySendQuery, monthlyReportQuery } from './schema.js';
import { complaintRegisterPdf, dailyBulletin, monthlyReportPdf, sendDailyBulletin } from './service.js';
import { idParams } from '../../shared/fields.js';

export async function reportRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['reports'];
  app.get('/api/v1/reports/monthly.pdf', { schema: { tags, summary: '服务质量月报 (Chinese PDF) of a month (default: the last closed month): the dashboard figures, trend chart, ranking, breaches, overdue cases', querystring: monthlyReportQuery } }, async (req, reply) => {
    const { filename, pdf } = await monthlyReportPdf(ctx, actorOf(req), req.query);
    return reply.type('application/pdf').header('content-disposition', attachmentDisposition(filename)).send(pdf);
  });
  app.get('/api/v1/complaints/:id/register.pdf', { schema: { tags: [...tags, 'complaints'], summary: '投诉处理登记表: one complaint on one printable A4 page (whoever may read the case)', params: idParams } }, async (req, reply) => {
    const { filename, pdf } = await complaintRegisterPdf(ctx, actorOf(req), req.params.id);
    return reply.type('application/pdf').header('content-disposition', attachmentDisposition(filename)).send(pdf);
  });
  app.get('/api/v1/reports/daily', { schema: { tags, summary: '每日来访投诉通报 (002:L108): visits, complaints received/closed/overdue, 差评 of a day', querystring: dailyQuery } }, (req) =>
    dailyBulletin(ctx, actorOf(req), req.query),
  );
  app.post('/api/v1/reports/daily/send', { schema: { tags, summary: "Puts the day's bulletin in the quality office's and unit heads' inboxes", querystring: dailySendQuery } }, (req) =>
    sendDailyBulletin(ctx, actorOf(req), req.query),
  );
}
