import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../shared/context.js';
import './type.js';

/** Rectifications are handled through the generic case routes (/api/v1/cases/:id/actions/:action). */
export async function rectificationRoutes(_app: FastifyInstance, _ctx: AppContext) {}
