import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { databaseReachable } from './service.js';

/** Liveness and readiness for load balancers and orchestrators. */
export async function systemRoutes(app: FastifyInstance, ctx: AppContext, state: { ready: boolean }) {
  app.get('/healthz', { config: { auth: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { auth: 'public' }, schema: { hide: true } }, async () => {
    if (!state.ready) throw new AppError('not_ready');
    if (!(await databaseReachable(ctx))) throw new AppError('not_ready', { details: { reason: 'database unreachable' } });
    return { status: 'ready', database: ctx.db.dialect };
  });
}
