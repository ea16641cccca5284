import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../shared/context.js';
import { actorOf, sessionCookie } from '../../server/plugins/auth.js';
import { idParams } from '../../shared/fields.js';
import { changePasswordBody, createUserBody, listUsersQuery, updateUserBody } from './schema.js';
import * as service from './service.js';

export async function userRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];
  app.get('/api/v1/users', { schema: { tags, querystring: listUsersQuery } }, (req) => service.listUsers(ctx, actorOf(req), req.query));
  app.get('/api/v1/users/assignable', { schema: { tags, summary: 'People a manager may assign a case to' } }, (req) => service.listAssignableUsers(ctx, actorOf(req)));
  app.get('/api/v1/users/:id', { schema: { tags, params: idParams } }, (req) => service.getUser(ctx, actorOf(req), req.params.id));
  app.post('/api/v1/users', { schema: { tags, body: createUserBody } }, async (req, reply) => reply.status(201).send(await service.createUser(ctx, actorOf(req), req.body)));
  app.patch('/api/v1/users/:id', { schema: { tags, params: idParams, body: updateUserBody } }, (req) => service.updateUser(ctx, actorOf(req), req.params.id, req.body));
  app.post('/api/v1/auth/password', { schema: { tags: ['auth'], summary: 'Change your own password', body: changePasswordBody } }, async (req, reply) => {
    const actor = actorOf(req);
    await service.changeOwnPassword(ctx, actor, req.body, actor.via === 'session' ? req.cookies[sessionCookie] : undefined);
    return reply.status(204).send();
  });
}
