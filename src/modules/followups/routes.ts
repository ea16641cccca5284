import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { uploadOf } from '../../server/upload.js';
import { actionLimit } from '../../server/rate-limits.js';
import { idParams, text, version } from '../../shared/fields.js';
import { answersBody, answersShape, attemptBody, dischargeBody, figuresQuery, linkParams, listFollowUpsQuery, sendLinkBody } from './schema.js';
import * as service from './service.js';
import { followUpPageRoutes } from './page.js';

/** 回访/随访: discharges (one, or a sheet), the caller's list, attempts, answers, the SMS link, figures. */
export async function followUpRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['followups'];
  app.post('/api/v1/discharges', { schema: { tags, summary: 'Register a discharge: opens its follow-up, due 7 calendar days after the discharge day (pack), held by the attending physician', body: dischargeBody } }, async (req, reply) =>
    reply.status(201).send(await service.registerDischarge(ctx, actorOf(req), req.body)),
  );
  app.post('/api/v1/discharges/import', { schema: { tags, summary: 'Discharges from an .xlsx or .csv (患者姓名, 联系电话, 科室编码, 主治医师工号, 出院日期, 诊断); every row checked, all-or-nothing' } }, async (req, reply) =>
    reply.status(201).send(await service.importDischarges(ctx, actorOf(req), uploadOf(req))),
  );
  app.get('/api/v1/discharges/template.xlsx', { schema: { tags, summary: 'The discharge sheet to fill in (headers and an example row)' } }, async (req, reply) => {
    const bytes = await service.dischargeTemplate(ctx, actorOf(req));
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="discharges.xlsx"; filename*=UTF-8''${encodeURIComponent('出院患者导入模板.xlsx')}`)
      .send(bytes);
  });
  app.get('/api/v1/followups', { schema: { tags, summary: 'Follow-ups (filters: date, state — a state or open —, mine=1, unitId, overdue), soonest due first', querystring: listFollowUpsQuery } }, (req) => service.listFollowUps(ctx, actorOf(req), req.query));
  app.get('/api/v1/followups/figures', { schema: { tags, summary: 'Reach rate, on-time rate and satisfaction (exact rates) per unit for a month', querystring: figuresQuery } }, (req) =>
    service.getFollowUpFigures(ctx, actorOf(req), req.query),
  );
  app.get('/api/v1/followups/:id', { schema: { tags, summary: 'One follow-up with its attempts, answers, questionnaire and timeline', params: idParams } }, (req) => service.getFollowUp(ctx, actorOf(req), req.params.id));
  app.post('/api/v1/followups/:id/attempt', { schema: { tags, summary: 'A call attempt: reached, no_answer, wrong_number or refused; the third failure makes it unreachable', params: idParams, body: attemptBody } }, (req) =>
    service.recordAttempt(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post('/api/v1/followups/:id/answers', { schema: { tags, summary: 'The answers after a reached call; 不满意 or worse opens a rectification case', params: idParams, body: answersBody } }, (req) =>
    service.recordAnswers(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post('/api/v1/followups/:id/send-link', { schema: { tags, summary: 'Send the questionnaire as a one-time link by SMS instead of a call', params: idParams, body: sendLinkBody } }, (req) =>
    service.sendQuestionnaireLink(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post('/api/v1/followups/:id/note', { schema: { tags, summary: 'A note on a follow-up', params: idParams, body: z.strictObject({ text: text(2000), version }) } }, (req) =>
    service.addFollowUpNote(ctx, actorOf(req), req.params.id, req.body),
  );

  // Public: the one-time questionnaire link (no login).
  const config = { auth: 'public' as const };
  app.get('/api/v1/public/followups/:token', { config, schema: { tags: ['public'], summary: 'The questionnaire a one-time follow-up link opens', params: linkParams } }, (req) => service.openQuestionnaire(ctx, req.params.token));
  app.post('/api/v1/public/followups/:token', { config: { ...config, rateLimit: actionLimit('survey') }, schema: { tags: ['public'], summary: 'Answer a follow-up questionnaire through its one-time link', params: linkParams, body: answersShape } }, async (req, reply) =>
    reply.status(201).send(await service.answerQuestionnaire(ctx, req.params.token, req.body)),
  );
  await followUpPageRoutes(root, ctx);
}
