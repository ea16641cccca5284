import { z } from 'zod';
import { freeText } from './fields.js';

/** Server-side pagination, search and sorting shared by every list endpoint. */
export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
  q: freeText(100).optional(),
});

export type PageQuery = z.infer<typeof pageQuerySchema>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function sortOrderSchema<const T extends readonly [string, ...string[]]>(fields: T) {
  return z.object({
    sort: z.enum(fields).optional(),
    order: z.enum(['asc', 'desc']).default('asc'),
  });
}
