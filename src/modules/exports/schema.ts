import { z } from 'zod';
import { civilDate, fromNotAfterTo, id, month, text } from '../../shared/fields.js';

export const casesExportQuery = z
  .object({ from: civilDate, to: civilDate, type: text(40).optional(), unitId: id.optional(), lang: z.enum(['zh', 'en']).default('zh') })
  .refine(...fromNotAfterTo);

export const ratingsExportQuery = z
  .object({ from: civilDate, to: civilDate, unitId: id.optional(), lang: z.enum(['zh', 'en']).default('zh') })
  .refine(...fromNotAfterTo);

/** Inspections and their findings: the same range and scope as ratings. */
export const inspectionsExportQuery = ratingsExportQuery;

export type CasesExportQuery = z.infer<typeof casesExportQuery>;
export type RatingsExportQuery = z.infer<typeof ratingsExportQuery>;

export const repairsExportQuery = z.object({ month, lang: z.enum(['zh', 'en']).default('zh') });
