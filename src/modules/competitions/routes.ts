import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../shared/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { attachmentDisposition } from '../../shared/download.js';
import { idParams } from '../../shared/fields.js';
import { uploadOf } from '../../server/upload.js';
import { createCompetitionBody, importQuery, langQuery, listCompetitionsQuery, presetParams, publishBody, putValuesBody } from './schema.js';
import { exportRanking, rankingBulletin } from './ranking-files.js';
import { computeCompetitionValues } from './computed.js';
import { importCompetitionValues, valuesTemplate } from './values-file.js';
import * as service from './service.js';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function competitionRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['competitions'];

  app.get('/api/v1/competition-presets', { schema: { tags, summary: 'Competition presets of the organisation\'s policy pack (考核指标方案)' } }, (req) => service.listCompetitionPresets(ctx, actorOf(req)));
  app.get('/api/v1/competition-presets/:code', { schema: { tags, summary: 'A preset in full: blocks, indicators with their input codes, weights, formulas, targets and citations', params: presetParams } }, (req) =>
    service.getCompetitionPreset(ctx, actorOf(req), req.params.code),
  );
  app.get('/api/v1/competitions', { schema: { tags, summary: 'Competitions of the organisation, newest first', querystring: listCompetitionsQuery } }, (req) => service.listCompetitions(ctx, actorOf(req), req.query));
  app.post('/api/v1/competitions', { schema: { tags, summary: 'Run a preset for a period over units (admin, quality office); the preset is copied into the competition', body: createCompetitionBody } }, async (req, reply) =>
    reply.status(201).send(await service.createCompetition(ctx, actorOf(req), req.body)),
  );
  app.get('/api/v1/competitions/:id', { schema: { tags, summary: 'A competition with its preset, units and the raw figures entered so far', params: idParams } }, (req) => service.getCompetition(ctx, actorOf(req), req.params.id));
  app.put('/api/v1/competitions/:id/values', { schema: { tags, summary: 'Raw figures per unit, indicator and input (null removes one); every entry checked, nothing stored on error; 409 on a stale version', params: idParams, body: putValuesBody } }, (req) =>
    service.putCompetitionValues(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post('/api/v1/competitions/:id/values.xlsx', { schema: { tags, summary: 'Raw figures from an .xlsx or .csv (单位编码, 指标编码, 数据项编码, 数值); every row checked, 400 import_failed lists each bad row, nothing stored on error', params: idParams, querystring: importQuery } }, (req) =>
    importCompetitionValues(ctx, actorOf(req), req.params.id, req.query.version, uploadOf(req)),
  );
  app.post('/api/v1/competitions/:id/compute', { schema: { tags, summary: 'Fill the figures Youzhi has (mystery-shopper checks from inspections, satisfaction from ratings) for the period; lists those it found none for; 409 on a stale version', params: idParams, body: publishBody } }, (req) =>
    computeCompetitionValues(ctx, actorOf(req), req.params.id, req.body.version),
  );
  app.get('/api/v1/competitions/:id/template.xlsx', { schema: { tags, summary: 'The sheet to fill: one row per unit, indicator and input, with the figures stored so far', params: idParams, querystring: langQuery } }, async (req, reply) => {
    const r = await valuesTemplate(ctx, actorOf(req), req.params.id, req.query.lang, (e) => req.log.error({ err: e }, 'competition template failed'));
    return reply.type(xlsxType).header('content-disposition', attachmentDisposition(r.filename)).send(r.stream);
  });
  app.get('/api/v1/competitions/:id/scores', { schema: { tags, summary: 'Per unit: total, rank, eligibility, target, each block and indicator with its formula in words', params: idParams } }, (req) =>
    service.getCompetitionScores(ctx, actorOf(req), req.params.id),
  );
  app.post('/api/v1/competitions/:id/publish', { schema: { tags, summary: 'Publish the results: the figures are fixed and awards and sanctions may read them; 409 on a stale version', params: idParams, body: publishBody } }, (req) =>
    service.publishCompetition(ctx, actorOf(req), req.params.id, req.body.version),
  );
  app.get('/api/v1/competitions/:id/ranking.xlsx', { schema: { tags, summary: 'The ranking with every block and indicator (streamed xlsx; audited)', params: idParams, querystring: langQuery } }, async (req, reply) => {
    const r = await exportRanking(ctx, actorOf(req), req.params.id, req.query.lang, (e) => req.log.error({ err: e }, 'competition export failed'));
    return reply.type(xlsxType).header('content-disposition', attachmentDisposition(r.filename)).send(r.stream);
  });
  app.get('/api/v1/competitions/:id/bulletin.pdf', { schema: { tags, summary: '竞赛通报 (Chinese PDF): ranking, targets, eligibility, each unit\'s breakdown', params: idParams } }, async (req, reply) => {
    const { filename, pdf } = await rankingBulletin(ctx, actorOf(req), req.params.id);
    return reply.type('application/pdf').header('content-disposition', attachmentDisposition(filename)).send(pdf);
  });
}
