import { z } from 'zod';
import { pageQuerySchema } from '../../shared/page.js';
import { civilDate, id, month, says, text } from '../../shared/fields.js';

/** `checks=all` adds every threshold check (each rule against each unit, passed or not) to the breaches. */
export const dashboardQuery = z.object({ month, unitId: id.optional(), checks: z.enum(['breaches', 'all']).optional() });

export const recordsMetrics = ['complaints_received', 'reply_due', 'reply_met', 'reply_late', 'rectifications', 'complaints_closed'] as const;

export const recordsQuery = pageQuerySchema
  .omit({ q: true })
  .extend({
    metric: z.enum(recordsMetrics),
    month: month.optional(),
    date: civilDate.optional(),
    unitId: id.optional(),
    caseUnitId: z.union([id, z.literal('_none')]).optional(),
    category: text(40).optional(),
    status: text(40).optional(),
  })
  .refine((q) => !!q.month !== !!q.date, { ...says('须且只能给出 month 或 date 之一', 'exactly one of month or date'), path: ['month'] });

export type RecordsQuery = z.infer<typeof recordsQuery>;
