import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../shared/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { idParams } from '../../shared/fields.js';
import { approveBody, confirmBody, createPeriodBody, listPeriodsQuery, listSheetsQuery, objectBody, putJudgedBody, reopenBody } from './schema.js';
import * as service from './service.js';
import * as workflow from './workflow.js';

export async function appraisalRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['appraisals'];

  app.post('/api/v1/appraisals/periods', { schema: { tags, summary: 'Fill one sheet per person of the template\'s post for an ended period (个人考核, 002:L216); office and admin; 409 appraisal_period_exists', body: createPeriodBody } }, async (req, reply) =>
    reply.status(201).send(await service.createPeriod(ctx, actorOf(req), req.body)),
  );
  app.get('/api/v1/appraisals/periods', { schema: { tags, summary: 'Appraisal periods, newest first, with their sheet counts (a unit head: their subtree\'s)', querystring: listPeriodsQuery } }, (req) => service.listPeriods(ctx, actorOf(req), req.query));
  app.get('/api/v1/appraisals/periods/:id', { schema: { tags, summary: 'A period with its summary: counts by state, star distribution, sheets not scored, outliers (beyond 2σ or vetoed)', params: idParams } }, (req) =>
    service.getPeriod(ctx, actorOf(req), req.params.id),
  );
  app.get('/api/v1/appraisals/sheets', { schema: { tags, summary: 'Sheets: the caller\'s own (mine=1, and always for staff), a unit head\'s subtree, or all (office)', querystring: listSheetsQuery } }, (req) => service.listSheets(ctx, actorOf(req), req.query));
  app.get('/api/v1/appraisals/sheets/:id', { schema: { tags, summary: 'A sheet: items with source, value, points and the records behind them; feedback, objection, notes, history', params: idParams } }, (req) =>
    service.getSheet(ctx, actorOf(req), req.params.id),
  );
  app.put('/api/v1/appraisals/sheets/:id/judged', { schema: { tags, summary: 'The unit head scores the judged items (德能勤绩) and gives feedback; 400 appraisal_judged_out_of_range names items.<code>; 409 on a stale version', params: idParams, body: putJudgedBody } }, (req) =>
    workflow.putJudged(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post('/api/v1/appraisals/sheets/:id/confirm', { schema: { tags, summary: 'The person confirms their scored sheet', params: idParams, body: confirmBody } }, (req) =>
    workflow.confirmSheet(ctx, actorOf(req), req.params.id, req.body.version),
  );
  app.post('/api/v1/appraisals/sheets/:id/object', { schema: { tags, summary: 'The person objects to their sheet, in words', params: idParams, body: objectBody } }, (req) =>
    workflow.objectSheet(ctx, actorOf(req), req.params.id, req.body.version, req.body.text),
  );
  app.post('/api/v1/appraisals/sheets/:id/approve', { schema: { tags, summary: 'The office approves a complete sheet (an objected one with feedback); the star and pay coefficient stand', params: idParams, body: approveBody } }, (req) =>
    workflow.approveSheet(ctx, actorOf(req), req.params.id, req.body.version, req.body.feedback),
  );
  app.post('/api/v1/appraisals/sheets/:id/reopen', { schema: { tags, summary: 'The office reopens a sheet with a note: refilled from the facts, back to scored', params: idParams, body: reopenBody } }, (req) =>
    workflow.reopenSheet(ctx, actorOf(req), req.params.id, req.body.version, req.body.note),
  );
}
