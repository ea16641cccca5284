import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../shared/context.js';
import { publicPageRoutes } from './pages.js';

/** Plain HTML pages for the public (no login, no framework): complaint form, status look-up. */
export async function publicRoutes(app: FastifyInstance, ctx: AppContext) {
  await publicPageRoutes(app, ctx);
}
