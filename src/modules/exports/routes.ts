import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../shared/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { attachmentDisposition } from '../../shared/download.js';
import { casesExportQuery, inspectionResultsExportQuery, inspectionsExportQuery, ratingsExportQuery, repairsExportQuery } from './schema.js';
import { exportCases, exportFindings, exportInspectionResults, exportInspections, exportRatings, exportRepairs, exportFollowUps, type ExportResult } from './service.js';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function exportRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['exports'];
  const send = (reply: FastifyReply, r: ExportResult) =>
    reply.type(xlsxType).header('content-disposition', attachmentDisposition(r.filename)).send(r.stream);
  app.get('/api/v1/exports/cases.xlsx', { schema: { tags, summary: 'One row per case received in the range (streamed xlsx; audited)', querystring: casesExportQuery } }, async (req, reply) =>
    send(reply, await exportCases(ctx, actorOf(req), req.query, (e) => req.log.error({ err: e }, 'cases export failed'))),
  );
  app.get('/api/v1/exports/ratings.xlsx', { schema: { tags, summary: 'One row per rating given in the range (streamed xlsx; audited)', querystring: ratingsExportQuery } }, async (req, reply) =>
    send(reply, await exportRatings(ctx, actorOf(req), req.query, (e) => req.log.error({ err: e }, 'ratings export failed'))),
  );
  app.get('/api/v1/exports/inspections.xlsx', { schema: { tags, summary: 'One row per inspection performed in the range (streamed xlsx; audited)', querystring: inspectionsExportQuery } }, async (req, reply) =>
    send(reply, await exportInspections(ctx, actorOf(req), req.query, (e) => req.log.error({ err: e }, 'inspections export failed'))),
  );
  app.get('/api/v1/exports/inspection-findings.xlsx', { schema: { tags, summary: 'One row per inspection finding in the range, with its rectification case (streamed xlsx; audited)', querystring: inspectionsExportQuery } }, async (req, reply) =>
    send(reply, await exportFindings(ctx, actorOf(req), req.query, (e) => req.log.error({ err: e }, 'inspection findings export failed'))),
  );
  app.get('/api/v1/exports/inspection-results.xlsx', { schema: { tags, summary: 'Inspection results: one row per inspected unit and month of the range (xlsx; audited)', querystring: inspectionResultsExportQuery } }, async (req, reply) =>
    send(reply, await exportInspectionResults(ctx, actorOf(req), req.query, (e) => req.log.error({ err: e }, 'inspection results export failed'))),
  );
  app.get('/api/v1/exports/repairs.xlsx', { schema: { tags, summary: 'One row per repair work order reported in the month (streamed xlsx; audited)', querystring: repairsExportQuery } }, async (req, reply) =>
    send(reply, await exportRepairs(ctx, actorOf(req), req.query, (e) => req.log.error({ err: e }, 'repairs export failed'))),
  );
  app.get('/api/v1/exports/followups.xlsx', { schema: { tags, summary: 'One row per follow-up started in the month (streamed xlsx; audited)', querystring: repairsExportQuery } }, async (req, reply) =>
    send(reply, await exportFollowUps(ctx, actorOf(req), req.query, (e) => req.log.error({ err: e }, 'follow-ups export failed'))),
  );
}
