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

/** 检查结果: a month range (YYYY-MM), optionally one unit's subtree and one template. */
export const inspectionResultsExportQuery = z
  .object({ from: month, to: month, unitId: id.optional(), template: text(63).optional(), lang: z.enum(['zh', 'en']).default('zh') })
  .refine(...fromNotAfterTo);

export type CasesExportQuery = z.infer<typeof casesExportQuery>;
export type RatingsExportQuery = z.infer<typeof ratingsExportQuery>;

export const repairsExportQuery = z.object({ month, lang: z.enum(['zh', 'en']).default('zh') });
