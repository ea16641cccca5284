import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { attachmentDisposition } from '../../shared/download.js';
import { idParams } from '../../shared/fields.js';
import { exportPeriodSheets } from './sheets-xlsx.js';
import { sheetPdf } from './sheet-print.js';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const langQuery = z.object({ lang: z.enum(['zh', 'en']).default('zh') });

/** The appraisal prints: one sheet as a Chinese PDF with signature lines, a period as an xlsx. */
export async function appraisalPrintRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['appraisals'];
  app.get('/api/v1/appraisals/sheets/:id/pdf', { schema: { tags, summary: '个人考核表 as a Chinese PDF with the signature lines (本人 / 科室负责人 / 质控办); whoever may read the sheet; audited', params: idParams } }, async (req, reply) => {
    const { filename, pdf } = await sheetPdf(ctx, actorOf(req), req.params.id);
    return reply.type('application/pdf').header('content-disposition', attachmentDisposition(filename)).send(pdf);
  });
  app.get('/api/v1/appraisals/periods/:id/xlsx', { schema: { tags, summary: "A period's sheets, one row per person: every item's points, total, star, pay coefficient, state (streamed xlsx; the office all, a unit head their subtree; audited)", params: idParams, querystring: langQuery } }, async (req, reply) => {
    const r = await exportPeriodSheets(ctx, actorOf(req), req.params.id, req.query.lang, (e) => req.log.error(e));
    return reply.type(xlsxType).header('content-disposition', attachmentDisposition(r.filename)).send(r.stream);
  });
}
