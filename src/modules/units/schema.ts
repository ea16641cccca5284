import { z } from 'zod';
import { pageQuerySchema } from '../../shared/page.js';
import { code, freeText, id, text, version } from '../../shared/fields.js';

/** Kinds of unit in the tree (单位类型); organisations may use others, these are the common ones. */
export const unitKinds = ['organisation', 'department', 'window', 'outlet', 'branch', 'team', 'ward', 'office'] as const;

export const unitCode = code();
export const unitName = text(100);

export const unitKindSchema = z.enum(unitKinds);

export const listUnitsQuery = pageQuerySchema.extend({
  parentId: id.optional(),
  kind: unitKindSchema.optional(),
  sort: z.enum(['code', 'name', 'kind', 'sortOrder']).optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
});

export const createUnitBody = z.strictObject({
  code: unitCode,
  name: unitName,
  kind: unitKindSchema,
  parentId: id.nullable().optional(),
  sortOrder: z.number().int().min(0).max(1_000_000).optional(),
  /** The unit's desk or hotline as it is printed (free text: extensions, several numbers). */
  phone: freeText(40).nullable().optional(),
});

export const updateUnitBody = z.strictObject({
  version,
  code: unitCode.optional(),
  name: unitName.optional(),
  kind: unitKindSchema.optional(),
  parentId: id.nullable().optional(),
  sortOrder: z.number().int().min(0).max(1_000_000).optional(),
  phone: freeText(40).nullable().optional(),
});

export type ListUnitsQuery = z.infer<typeof listUnitsQuery>;
export type CreateUnitInput = z.infer<typeof createUnitBody>;
export type UpdateUnitInput = z.infer<typeof updateUnitBody>;
export type UnitKind = (typeof unitKinds)[number];
