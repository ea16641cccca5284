import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../shared/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { idParams, versionQuery } from '../../shared/fields.js';
import { civilDate, addWorkingDaysQuery, betweenQuery, createOverrideBody, daysQuery, deadlineQuery, importBody } from './schema.js';
import * as service from './service.js';

export async function calendarRoutes(root: FastifyInstance, ctx: AppContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['calendar'];
  // Deadline look-ups work without login on the national calendar; a logged-in caller gets their organisation's.
  const open = { auth: 'optional' as const, rateLimit: { max: 600, timeWindow: '1 minute' } };

  app.get('/api/v1/calendar/working-days/add', { config: open, schema: { tags, summary: 'date + N working days', querystring: addWorkingDaysQuery } }, (req) =>
    service.addWorkingDaysFor(ctx, req.actor, req.query),
  );
  app.get('/api/v1/calendar/working-days/between', { config: open, schema: { tags, summary: 'Working days in (from, to]', querystring: betweenQuery } }, (req) =>
    service.countWorkingDaysFor(ctx, req.actor, req.query),
  );
  app.get('/api/v1/calendar/deadline', { config: open, schema: { tags, summary: 'Due date for a matter received at an instant', querystring: deadlineQuery } }, (req) =>
    service.computeDeadline(ctx, req.actor, req.query),
  );
  app.get('/api/v1/calendar/days', { schema: { tags, summary: 'Each day of a range (month view)', querystring: daysQuery } }, (req) =>
    service.describeDays(ctx, actorOf(req), req.query),
  );
  app.get('/api/v1/calendar/years', { schema: { tags, summary: "Years with a published national schedule; today's date and whether next year's is due" } }, (req) =>
    service.listScheduleYears(ctx, actorOf(req)),
  );
  app.get('/api/v1/calendar/overrides', { schema: { tags, querystring: z.object({ from: civilDate.optional(), to: civilDate.optional() }) } }, (req) =>
    service.listOverrides(ctx, actorOf(req), req.query),
  );
  app.post('/api/v1/calendar/overrides', { schema: { tags, summary: 'Add a closure, extra working day or half day', body: createOverrideBody } }, async (req, reply) =>
    reply.status(201).send(await service.createOverride(ctx, actorOf(req), req.body)),
  );
  app.delete('/api/v1/calendar/overrides/:id', { schema: { tags, params: idParams, querystring: versionQuery } }, async (req, reply) => {
    await service.deleteOverride(ctx, actorOf(req), req.params.id, req.query.version);
    return reply.status(204).send();
  });
  app.post('/api/v1/calendar/import', { schema: { tags, summary: 'Import a national schedule (holiday-cn JSON or iCalendar)', body: importBody } }, (req) =>
    service.importScheduleFile(ctx, actorOf(req), req.body),
  );
}
