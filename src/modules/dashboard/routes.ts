import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../shared/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { dashboardQuery, recordsQuery } from './schema.js';
import { getDashboard } from './service.js';
import { listDashboardRecords } from './records.js';

export async function dashboardRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['dashboard'];
  app.get('/api/v1/dashboard', { schema: { tags, summary: '质量看板: the month\'s complaints, deadlines, 差评 handling, ratings, thresholds, trends and window ranking', querystring: dashboardQuery } }, (req) =>
    getDashboard(ctx, actorOf(req), req.query),
  );
  app.get('/api/v1/dashboard/records', { schema: { tags, summary: 'The cases behind a dashboard figure (its link)', querystring: recordsQuery } }, (req) =>
    listDashboardRecords(ctx, actorOf(req), req.query),
  );
}
