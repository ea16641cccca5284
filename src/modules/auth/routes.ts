import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { tokenScopes } from '../../shared/access.js';
import { actorOf, csrfCookie, sessionCookie } from '../../server/plugins/auth.js';
import { getOwnOrganisation } from '../organisations/service.js';
import * as service from './service.js';
import { actionLimit } from '../../server/rate-limits.js';
import { str } from '../../shared/fields.js';

// No control characters: PostgreSQL text cannot hold NUL, and no username has them.
const noControl = /^[^\u0000-\u001f\u007f]*$/;
const loginBody = z.strictObject({ username: str().trim().min(1).max(100).regex(noControl, 'no control characters'), password: str().min(1).max(200) });
const tokenBody = z.strictObject({
  name: str().trim().min(1).max(60),
  userId: z.uuid().optional(),
  /** read: GET only; open311: the Open311 intake only; full (default): what the user may do. */
  scope: z.enum(tokenScopes).optional(),
  /** Valid for this many days (at most ten years); no expiry when absent. */
  expiresInDays: z.int().min(1).max(3650).optional(),
});

export async function authRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];
  const secure = process.env.YOUZHI_SECURE_COOKIES === '1';

  app.post(
    '/api/v1/auth/login',
    {
      schema: { tags, summary: 'Log in; sets an HttpOnly session cookie and returns the CSRF token', body: loginBody },
      config: { auth: 'public', rateLimit: actionLimit('login') },
    },
    async (req, reply) => {
      const result = await service.logIn(ctx, { ...req.body, client: req.ip });
      const maxAge = Math.floor((result.expiresAt - ctx.clock.now()) / 1000);
      reply.setCookie(sessionCookie, result.sessionToken, { httpOnly: true, sameSite: 'lax', path: '/', secure, maxAge });
      // Readable by the web app, which echoes it in the x-csrf-token header.
      reply.setCookie(csrfCookie, result.csrfToken, { httpOnly: false, sameSite: 'lax', path: '/', secure, maxAge });
      return { user: await describeMe(ctx, result.actor), csrfToken: result.csrfToken };
    },
  );

  app.post('/api/v1/auth/logout', { schema: { tags } }, async (req, reply) => {
    const actor = actorOf(req);
    const cookie = req.cookies[sessionCookie];
    if (cookie) await service.logOut(ctx, actor, cookie);
    reply.clearCookie(sessionCookie, { path: '/' }).clearCookie(csrfCookie, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/api/v1/auth/me', { schema: { tags, summary: 'Who am I' } }, (req) => describeMe(ctx, actorOf(req)));

  app.get('/api/v1/tokens', { schema: { tags: ['tokens'] } }, (req) => service.listApiTokens(ctx, actorOf(req)));
  app.post('/api/v1/tokens', { schema: { tags: ['tokens'], summary: 'Create an API token (shown once)', body: tokenBody } }, async (req, reply) => {
    const actor = actorOf(req);
    return reply.status(201).send(await service.createApiToken(ctx, actor, { ...req.body, userId: req.body.userId ?? actor.userId }));
  });
  app.delete('/api/v1/tokens/:id', { schema: { tags: ['tokens'], params: z.object({ id: z.uuid() }) } }, async (req, reply) => {
    await service.revokeApiToken(ctx, actorOf(req), req.params.id);
    return reply.status(204).send();
  });
}

async function describeMe(ctx: AppContext, actor: ReturnType<typeof actorOf>) {
  const [user, organisation] = await Promise.all([service.ownAccount(ctx, actor), getOwnOrganisation(ctx, actor)]);
  return { ...user, organisation, via: actor.via };
}
