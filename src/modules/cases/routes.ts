import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { pageQuerySchema } from '../../shared/page.js';
import { actionBody, freeText, id, idParams, month, says, str } from '../../shared/fields.js';
import { caseTypeOf } from './registry.js';
import * as service from './service.js';

const listCasesQuery = pageQuerySchema.extend({
  type: freeText(40)
    .refine((t) => caseTypeOf(t) !== undefined, says('没有这种事项类型', 'not a registered case type'))
    .optional(),
  status: freeText(40).optional(),
  unitId: id.optional(),
  staffId: id.optional(),
  overdue: z.enum(['overdue', 'severely_overdue', 'due_soon', 'pending']).optional(),
  /** Only cases received in this month (YYYY-MM, the organisation's local time): a month's 差评整改. */
  month: month.optional(),
  /** true: only the cases assigned to the caller (我的待办). */
  mine: z.enum(['true', 'false']).optional(),
  /** receivedAt (default, newest first) or dueDate: the earliest running clock's due instant, cases without one last. */
  sort: z.enum(['receivedAt', 'dueDate']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
});

export async function caseRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];
  app.get('/api/v1/cases', { schema: { tags, summary: 'Cases of every type the caller may see, newest first (sort=receivedAt|dueDate, order=asc|desc)', querystring: listCasesQuery } }, (req) =>
    service.listCases(ctx, actorOf(req), req.query),
  );
  app.get('/api/v1/me/desk', { schema: { tags, summary: "The caller's desk: own open cases by deadline (top 10), overdue and due-soon counts, work queues (差评 awaiting call-back)" } }, (req) =>
    service.deskOf(ctx, actorOf(req)),
  );
  app.get('/api/v1/cases/:id', { schema: { tags, summary: 'One case with its clocks, timeline and available actions', params: idParams } }, (req) =>
    service.getCase(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/cases/:id/actions/:action',
    { schema: { tags, summary: 'Perform a workflow action on any case type', params: z.object({ id, action: str().min(1).max(40) }), body: actionBody } },
    (req) => {
      const { version, ...input } = req.body;
      return service.performCaseAction(ctx, actorOf(req), req.params.id, { action: req.params.action, version, input });
    },
  );
}
