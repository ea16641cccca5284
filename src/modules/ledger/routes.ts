import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../shared/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { attachmentDisposition } from '../../shared/download.js';
import { bulletinQuery, exportQuery, ledgerQuery, monthParams, staffParams, statementQuery } from './schema.js';
import { bulletinPdf } from './bulletin.js';
import { exportPayroll } from './payroll-export.js';
import * as service from './service.js';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function ledgerRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['ledger'];

  app.get(
    '/api/v1/ledger',
    {
      schema: {
        tags,
        summary:
          '奖惩明细 of a payroll month: a person\'s (staffId), a unit\'s subtree (unitId) or, with neither, all the caller may see. amountFen is signed: fines negative, rewards positive; totals give fines, rewards and net',
        querystring: ledgerQuery,
      },
    },
    (req) => service.getLedgerStatement(ctx, actorOf(req), req.query),
  );
  app.get('/api/v1/staff/:id/statement', { schema: { tags, summary: 'A person\'s ledger lines of a year\'s payroll months, with each month\'s and the year\'s totals (staff: their own)', params: staffParams, querystring: statementQuery } }, (req) =>
    service.getStaffStatement(ctx, actorOf(req), req.params.id, req.query.year),
  );
  app.get('/api/v1/payroll/months', { schema: { tags, summary: 'Payroll months with lines or closed, newest first, with their totals (office, admin)' } }, (req) => service.listPayrollMonths(ctx, actorOf(req)));
  app.post('/api/v1/payroll/:month/close', { schema: { tags, summary: 'Close a payroll month: its totals are fixed and later lines go to the next open month; 409 payroll_month_closed when closed already', params: monthParams } }, (req) =>
    service.closePayrollMonth(ctx, actorOf(req), req.params.month),
  );
  app.get('/api/v1/payroll/:month.xlsx', { schema: { tags, summary: '工资奖罚表: one row per person with fines, rewards and net in 元 and the items behind them (streamed xlsx; audited)', params: monthParams, querystring: exportQuery } }, async (req, reply) => {
    const r = await exportPayroll(ctx, actorOf(req), req.params.month, req.query.lang, (e) => req.log.error({ err: e }, 'payroll export failed'));
    return reply.type(xlsxType).header('content-disposition', attachmentDisposition(r.filename)).send(r.stream);
  });
  app.get('/api/v1/bulletins/:month.pdf', { schema: { tags, summary: '通报表扬 / 通报批评 (Chinese PDF) of the notices that became final in the month', params: monthParams, querystring: bulletinQuery } }, async (req, reply) => {
    const { filename, pdf } = await bulletinPdf(ctx, actorOf(req), req.params.month, req.query.kind);
    return reply.type('application/pdf').header('content-disposition', attachmentDisposition(filename)).send(pdf);
  });
}
