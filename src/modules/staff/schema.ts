import { z } from 'zod';
import { pageQuerySchema } from '../../shared/page.js';
import { code, freeText, id, text, version } from '../../shared/fields.js';

export const badgeNo = code();

/** Flags a later module reads (e.g. 中层干部 votes in selections). */
export const staffFlags = z.strictObject({
  middleCadre: z.boolean().optional(),
  partyMember: z.boolean().optional(),
});

const staffFields = {
  badgeNo,
  name: text(60),
  unitIds: z.array(id).min(1).max(20),
  posts: z.array(text(60)).max(20).optional(),
  category: freeText(40).nullable().optional(),
  partyBranch: freeText(60).nullable().optional(),
  /** As the roster has it (a mobile, a landline, an extension such as 分机 8021): free text. */
  phone: freeText(40).nullable().optional(),
  flags: staffFlags.optional(),
};

export const createStaffBody = z.strictObject(staffFields);

export const updateStaffBody = z.strictObject({
  version,
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
  unitId: id.optional(),
  active: z.enum(['true', 'false']).optional(),
  sort: z.enum(['badgeNo', 'name', 'category']).optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
});

export type CreateStaffInput = z.infer<typeof createStaffBody>;
export type ListStaffQuery = z.infer<typeof listStaffQuery>;
