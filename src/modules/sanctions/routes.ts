import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../shared/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { pageQuerySchema } from '../../shared/page.js';
import { appealBody, appealDecisionBody, bandsBody, idParams, listQuery, proposeBody, reviewBody, stageTargetBody, stepBody } from './schema.js';
import * as appeals from './appeals.js';
import * as service from './service.js';
import { listUnpricedFacts, runSanctionsSweep } from './sweep.js';

export async function sanctionRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['sanctions'];
  const created = (r: { created: unknown[] }) => (r.created.length ? 201 : 200);

  app.post('/api/v1/sanctions', { schema: { tags, summary: 'Propose a sanction by hand: rule, facts, unit and person(s); one row per target', body: proposeBody } }, async (req, reply) => {
    const r = await service.proposeSanction(ctx, actorOf(req), req.body);
    return reply.status(created(r)).send(r);
  });
  app.post('/api/v1/sanctions/stage-targets', { schema: { tags, summary: 'Enter a stage result (stage, score); proposes the stage-target rules once per unit, year and stage', body: stageTargetBody } }, async (req, reply) => {
    const r = await service.proposeStageTarget(ctx, actorOf(req), req.body);
    return reply.status(created(r)).send(r);
  });
  app.post('/api/v1/sanctions/bands', { schema: { tags, summary: "Propose from a quarter's inspection bands (reward, docked, docked more)", body: bandsBody } }, async (req, reply) => {
    const r = await service.proposeFromBands(ctx, actorOf(req), req.body.quarter);
    return reply.status(created(r)).send(r);
  });
  app.post('/api/v1/sanctions/sweep', { schema: { tags, summary: "Run the sanctions sweep now: proposals from newly verified incidents and from facts that waited for a policy value, finality of closed appeal windows; `unpriced` lists the caller's organisation's facts still waiting" } }, (req) =>
    runSanctionsSweep(ctx, actorOf(req)),
  );
  app.get('/api/v1/sanctions/unpriced', { schema: { tags, summary: '待定价: facts the sweep cannot price yet (a placeholder amount the organisation has not set), with what is missing; proposed by the first sweep after the value is set', querystring: pageQuerySchema } }, (req) =>
    listUnpricedFacts(ctx, actorOf(req), req.query),
  );
  app.get('/api/v1/sanctions', { schema: { tags, summary: 'Sanctions the caller may see (view: all, queue = waiting for the caller, mine = their own)', querystring: listQuery } }, (req) =>
    service.listSanctions(ctx, actorOf(req), req.query),
  );
  app.get('/api/v1/sanctions/:id', { schema: { tags, summary: 'One sanction: fact, rule and citation, amount, targets, timeline, appeal', params: idParams } }, (req) => service.getSanction(ctx, actorOf(req), req.params.id));
  app.patch('/api/v1/sanctions/:id', { schema: { tags, summary: 'Correct the facts before the decision (a range rule\'s amount inside its range)', params: idParams, body: stepBody } }, (req) =>
    service.adjustSanction(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post('/api/v1/sanctions/:id/review', { schema: { tags, summary: '初审: the committee office accepts or dismisses', params: idParams, body: reviewBody } }, (req) =>
    service.reviewSanction(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post('/api/v1/sanctions/:id/approve', { schema: { tags, summary: 'Approval by the tier of amount and kind', params: idParams, body: stepBody } }, (req) =>
    service.approveSanction(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post('/api/v1/sanctions/:id/decide', { schema: { tags, summary: "The committee's decision: notice to the person, the appeal window opens", params: idParams, body: stepBody } }, (req) =>
    service.decideSanction(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post('/api/v1/sanctions/:id/appeal', { schema: { tags, summary: '申诉: the person appeals within the window (409 appeal_window_closed after it)', params: idParams, body: appealBody } }, (req) =>
    appeals.fileAppeal(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post('/api/v1/sanctions/:id/appeal-decision', { schema: { tags, summary: 'Rule on the appeal: uphold, reduce or revoke, with the reasons; final ones reach the ledger', params: idParams, body: appealDecisionBody } }, (req) =>
    appeals.decideAppeal(ctx, actorOf(req), req.params.id, req.body),
  );
}
