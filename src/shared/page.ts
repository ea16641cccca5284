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

/** The rows a page asks for, as a repository takes them. */
export function pageWindow(query: { page: number; pageSize: number }): { limit: number; offset: number } {
  return { limit: query.pageSize, offset: (query.page - 1) * query.pageSize };
}

/** A page of a list as every list endpoint answers it. */
export function pageOf<T>(items: T[], total: number, query: { page: number; pageSize: number }): Page<T> {
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/** A sorted, searched list's window: the search text, sort field and order, then `pageWindow`. */
export function sortedPageWindow<Q extends { page: number; pageSize: number; q?: string; sort?: string; order?: 'asc' | 'desc' }>(query: Q): Pick<Q, 'q' | 'sort' | 'order'> & { limit: number; offset: number } {
  return { q: query.q, sort: query.sort, order: query.order, ...pageWindow(query) };
}

/** What a repository's sorted list takes after its own filters: the search text, sort field and order, and the window. */
export interface SortedWindow<S extends string> {
  q?: string;
  sort?: S;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}
