import { z } from 'zod';
import { pageQuerySchema } from '../../shared/page.js';

/** Kinds of unit in the tree (单位类型); organisations may use others, these are the common ones. */
export const unitKinds = ['organisation', 'department', 'window', 'outlet', 'branch', 'team', 'ward', 'office'] as const;

export const unitCode = z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, . _ -');
export const unitName = z.string().trim().min(1).max(100);

export const unitKindSchema = z.enum(unitKinds);

export const listUnitsQuery = pageQuerySchema.extend({
  parentId: z.uuid().optional(),
  kind: unitKindSchema.optional(),
  sort: z.enum(['code', 'name', 'kind', 'sortOrder']).optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
});

export const createUnitBody = z.strictObject({
  code: unitCode,
  name: unitName,
  kind: unitKindSchema,
  parentId: z.uuid().nullable().optional(),
  sortOrder: z.number().int().min(0).max(1_000_000).optional(),
  phone: z.string().trim().max(40).nullable().optional(),
});

export const updateUnitBody = z.strictObject({
  version: z.number().int().min(1),
  code: unitCode.optional(),
  name: unitName.optional(),
  kind: unitKindSchema.optional(),
  parentId: z.uuid().nullable().optional(),
  sortOrder: z.number().int().min(0).max(1_000_000).optional(),
  phone: z.string().trim().max(40).nullable().optional(),
});

export const idParams = z.object({ id: z.uuid() });
export const versionQuery = z.object({ version: z.coerce.number().int().min(1) });

export type ListUnitsQuery = z.infer<typeof listUnitsQuery>;
export type CreateUnitInput = z.infer<typeof createUnitBody>;
export type UpdateUnitInput = z.infer<typeof updateUnitBody>;
export type UnitKind = (typeof unitKinds)[number];
