import { z } from 'zod';
import { id, month } from '../../shared/fields.js';
import { pageQuerySchema } from '../../shared/page.js';

export const monthParams = z.object({ month });
export const staffParams = z.object({ id });

/** A statement: one person's or one unit's lines of a payroll month (neither: what the caller may see). */
export const ledgerQuery = pageQuerySchema
  .omit({ q: true })
  .extend({ month, staffId: id.optional(), unitId: id.optional() })
  .refine((q) => !(q.staffId && q.unitId), { path: ['unitId'], message: 'give staffId or unitId, not both' });
export type LedgerQuery = z.infer<typeof ledgerQuery>;

export const statementQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export const exportQuery = z.object({ lang: z.enum(['zh', 'en']).default('zh') });

export const bulletinQuery = z.object({ kind: z.enum(['praise', 'criticism']) });
export type BulletinKind = z.infer<typeof bulletinQuery>['kind'];
