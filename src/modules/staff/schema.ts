import { z } from 'zod';
import { pageQuerySchema } from '../../shared/page.js';

export const badgeNo = z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, . _ -');

/** Flags a later module reads (e.g. 中层干部 votes in selections). */
export const staffFlags = z.strictObject({
  middleCadre: z.boolean().optional(),
  partyMember: z.boolean().optional(),
});

const staffFields = {
  badgeNo,
  name: z.string().trim().min(1).max(60),
  unitIds: z.array(z.uuid()).min(1).max(20),
  posts: z.array(z.string().trim().min(1).max(60)).max(20).optional(),
  category: z.string().trim().max(40).nullable().optional(),
  partyBranch: z.string().trim().max(60).nullable().optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  flags: staffFlags.optional(),
};

export const createStaffBody = z.strictObject(staffFields);

export const updateStaffBody = z.strictObject({
  version: z.number().int().min(1),
  badgeNo: staffFields.badgeNo.optional(),
  name: staffFields.name.optional(),
  unitIds: staffFields.unitIds.optional(),
  posts: staffFields.posts,
  category: staffFields.category,
  partyBranch: staffFields.partyBranch,
  phone: staffFields.phone,
  flags: staffFields.flags,
  active: z.boolean().optional(),
});

export type UpdateStaffInput = z.infer<typeof updateStaffBody>;

export const listStaffQuery = pageQuerySchema.extend({
  unitId: z.uuid().optional(),
  active: z.enum(['true', 'false']).optional(),
  sort: z.enum(['badgeNo', 'name', 'category']).optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
});

export type CreateStaffInput = z.infer<typeof createStaffBody>;
export type ListStaffQuery = z.infer<typeof listStaffQuery>;
