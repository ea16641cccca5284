import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { AppContext } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';

/** Liveness and readiness for load balancers and orchestrators. */
export async function systemRoutes(app: FastifyInstance, ctx: AppContext, state: { ready: boolean }) {
  app.get('/healthz', { config: { auth: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { auth: 'public' }, schema: { hide: true } }, async () => {
    if (!state.ready) throw new AppError('not_ready');
    try {
      await sql`select 1`.execute(ctx.db.kysely);
    } catch {
      throw new AppError('not_ready', { details: { reason: 'database unreachable' } });
    }
    return { status: 'ready', database: ctx.db.dialect };
  });
}
