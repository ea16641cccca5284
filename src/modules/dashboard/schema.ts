import { z } from 'zod';
import { pageQuerySchema } from '../../shared/page.js';

export const monthParam = z.string().regex(/^(19|20|21)\d\d-(0[1-9]|1[0-2])$/, 'YYYY-MM');
export const dateParam = z.iso.date();

/** `checks=all` adds every threshold check (each rule against each unit, passed or not) to the breaches. */
export const dashboardQuery = z.object({ month: monthParam, unitId: z.uuid().optional(), checks: z.enum(['breaches', 'all']).optional() });

export const recordsMetrics = ['complaints_received', 'reply_due', 'reply_met', 'reply_late', 'rectifications', 'complaints_closed'] as const;

export const recordsQuery = pageQuerySchema
  .omit({ q: true })
  .extend({
    metric: z.enum(recordsMetrics),
    month: monthParam.optional(),
    date: dateParam.optional(),
    unitId: z.uuid().optional(),
    caseUnitId: z.union([z.uuid(), z.literal('_none')]).optional(),
    category: z.string().trim().min(1).max(40).optional(),
    status: z.string().trim().min(1).max(40).optional(),
  })
  .refine((q) => !!q.month !== !!q.date, { message: 'exactly one of month or date', path: ['month'] });

export type RecordsQuery = z.infer<typeof recordsQuery>;
