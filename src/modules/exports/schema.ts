import { z } from 'zod';

const date = z.iso.date();

export const casesExportQuery = z
  .object({ from: date, to: date, type: z.string().trim().min(1).max(40).optional(), unitId: z.uuid().optional(), lang: z.enum(['zh', 'en']).default('zh') })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] });

export const ratingsExportQuery = z
  .object({ from: date, to: date, unitId: z.uuid().optional(), lang: z.enum(['zh', 'en']).default('zh') })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] });

/** Inspections and their findings: the same range and scope as ratings. */
export const inspectionsExportQuery = ratingsExportQuery;

export type CasesExportQuery = z.infer<typeof casesExportQuery>;
export type RatingsExportQuery = z.infer<typeof ratingsExportQuery>;
