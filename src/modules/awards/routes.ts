import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../shared/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { actionLimit } from '../../server/rate-limits.js';
import { announceBody, ballotBody, cancelBody, createRoundBody, decideObjectionBody, honourRollQuery, honoursQuery, listRoundsQuery, nominationBody, nominationParams, objectionBody, objectionParams, roundParams, scoreSheetBody, stepBody } from './schema.js';
import * as service from './service.js';
import * as ballots from './ballots.js';
import * as publicity from './publicity.js';
import * as honours from './honours.js';
import { announceRound } from './announce.js';

/** 评选 (issue 16): award types, rounds, nominations, publicity and objections, ballots, score sheets, results, honours. */
export async function awardRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['awards'];

  app.get('/api/v1/award-types', { schema: { tags, summary: 'The award types of the pack in force: subject, cadence, method, quota in words, seats, score sheet, profile, reward, citation' } }, (req) =>
    service.listAwardTypes(ctx, actorOf(req)),
  );
  app.post('/api/v1/award-rounds', { schema: { tags, summary: 'Open a round of an award type for a period (2026-Q4, 2026-11, 2026): nominations open', body: createRoundBody } }, async (req, reply) =>
    reply.status(201).send(await service.createRound(ctx, actorOf(req), req.body)),
  );
  app.get('/api/v1/award-rounds', { schema: { tags, summary: 'Rounds of the organisation (by state, year)', querystring: listRoundsQuery } }, (req) => service.listRounds(ctx, actorOf(req), req.query));
  app.get('/api/v1/award-rounds/:id', { schema: { tags, summary: 'One round: state, quotas with what is used, counts', params: roundParams } }, (req) => service.getRound(ctx, actorOf(req), req.params.id));
  app.post('/api/v1/award-rounds/:id/review', { schema: { tags, summary: 'Close nominations; eligibility computed and stored per nominee with reasons', params: roundParams, body: stepBody } }, (req) =>
    service.reviewRound(ctx, actorOf(req), req.params.id, req.body.version),
  );
  app.post('/api/v1/award-rounds/:id/publish', { schema: { tags, summary: 'Start the publicity (公示): 5 working days on the public page', params: roundParams, body: stepBody } }, (req) =>
    service.publishRound(ctx, actorOf(req), req.params.id, req.body.version),
  );
  app.post('/api/v1/award-rounds/:id/open-voting', { schema: { tags, summary: 'After publicity: open the vote, the score sheets or the leadership decision', params: roundParams, body: stepBody } }, (req) =>
    service.openVoting(ctx, actorOf(req), req.params.id, req.body.version),
  );
  app.post('/api/v1/award-rounds/:id/close', { schema: { tags, summary: 'Close ballots and score sheets; results computed with ties flagged', params: roundParams, body: stepBody } }, async (req) => {
    await ballots.closeRound(ctx, actorOf(req), req.params.id, req.body.version);
    return service.getRound(ctx, actorOf(req), req.params.id);
  });
  app.post('/api/v1/award-rounds/:id/announce', { schema: { tags, summary: 'Announce the winners (the tally\'s, or the leadership\'s choice): rewards into the ledger, honours', params: roundParams, body: announceBody } }, (req) =>
    announceRound(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post('/api/v1/award-rounds/:id/cancel', { schema: { tags, summary: 'Cancel a round before its announcement', params: roundParams, body: cancelBody } }, (req) =>
    service.cancelRound(ctx, actorOf(req), req.params.id, req.body),
  );

  app.post('/api/v1/award-rounds/:id/nominations', { schema: { tags, summary: 'Nominate a person or unit within the quota (409 quota_exceeded)', params: roundParams, body: nominationBody } }, async (req, reply) =>
    reply.status(201).send(await service.nominate(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.get('/api/v1/award-rounds/:id/nominations', { schema: { tags, summary: 'Nominations with state, eligibility (reasons for the office and heads), votes and scores', params: roundParams } }, (req) =>
    service.listNominations(ctx, actorOf(req), req.params.id),
  );
  app.get('/api/v1/award-rounds/:id/nominations/:nominationId', { schema: { tags, summary: 'One nomination: eligible, reasons with source and citation, routing', params: nominationParams } }, (req) =>
    service.getNomination(ctx, actorOf(req), req.params.id, req.params.nominationId),
  );
  app.delete('/api/v1/award-rounds/:id/nominations/:nominationId', { schema: { tags, summary: 'Withdraw a nomination while nominations are open', params: nominationParams } }, async (req, reply) => {
    await service.withdrawNomination(ctx, actorOf(req), req.params.id, req.params.nominationId);
    return reply.status(204).send();
  });

  app.get('/api/v1/award-rounds/:id/objections', { schema: { tags, summary: 'Objections lodged during publicity', params: roundParams } }, (req) => publicity.listObjections(ctx, actorOf(req), req.params.id));
  app.post('/api/v1/award-rounds/:id/objections/:objectionId/decide', { schema: { tags, summary: 'Decide an objection: founded cancels the candidacy (001:L315)', params: objectionParams, body: decideObjectionBody } }, (req) =>
    publicity.decideObjection(ctx, actorOf(req), req.params.id, req.params.objectionId, req.body),
  );

  app.post('/api/v1/award-rounds/:id/ballots', { schema: { tags, summary: 'Cast a secret ballot (one per voter per round; 409 after close)', params: roundParams, body: ballotBody } }, async (req, reply) =>
    reply.status(201).send(await ballots.castBallot(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.get('/api/v1/award-rounds/:id/my-ballot', { schema: { tags, summary: 'Whether the caller may vote and has voted', params: roundParams } }, (req) => ballots.getMyBallot(ctx, actorOf(req), req.params.id));
  app.put('/api/v1/award-rounds/:id/score-sheets/:nominationId', { schema: { tags, summary: "The caller's score sheet for a candidate (400 above an item's maximum)", params: nominationParams, body: scoreSheetBody } }, (req) =>
    ballots.putScoreSheet(ctx, actorOf(req), req.params.id, req.params.nominationId, req.body),
  );
  app.get('/api/v1/award-rounds/:id/results', { schema: { tags, summary: 'Votes or scores, ranks, ties and winners (once closed)', params: roundParams } }, (req) => ballots.getResults(ctx, actorOf(req), req.params.id));

  app.get('/api/v1/honours', { schema: { tags, summary: 'Awards and automatic honours of a person or unit', querystring: honoursQuery } }, (req) => honours.listHonours(ctx, actorOf(req), req.query));

  app.get('/api/v1/public/award-rounds/:id', { config: { auth: 'public', rateLimit: actionLimit('awardPage') }, schema: { tags: ['public'], summary: 'Publicity page data: candidates (name, unit), until when (no login)', params: roundParams } }, (req) =>
    publicity.getPublicRound(ctx, req.params.id),
  );
  app.post(
    '/api/v1/public/award-rounds/:id/objections',
    { config: { auth: 'public', rateLimit: actionLimit('awardObjection') }, schema: { tags: ['public'], summary: 'Raise an objection against a candidate during publicity (no login)', params: roundParams, body: objectionBody } },
    async (req, reply) => reply.status(201).send(await publicity.lodgeObjection(ctx, req.params.id, req.body)),
  );
  app.get('/api/v1/public/honour-roll', { config: { auth: 'public', rateLimit: actionLimit('awardPage') }, schema: { tags: ['public'], summary: '光荣榜: announced winners of the last twelve months (no login)', querystring: honourRollQuery } }, (req) =>
    honours.publicHonourRoll(ctx, req.query.orgCode),
  );
}
