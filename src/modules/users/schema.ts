import { z } from 'zod';
import { roles } from '../../shared/access.js';
import { pageQuerySchema, sortOrderSchema } from '../../shared/page.js';

export const username = z.string().trim().min(3).max(40).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, . _ -');
/** Length and strength are the password policy's (auth/password-policy.ts), which says why it refuses one. */
export const password = z.string().min(1).max(200);
export const roleSchema = z.enum(roles);
export const email = z.email().max(200);

export const createUserBody = z.strictObject({
  username,
  password,
  role: roleSchema,
  displayName: z.string().trim().min(1).max(60).optional(),
  email: email.nullable().optional(),
  unitId: z.uuid().nullable().optional(),
  staffId: z.uuid().nullable().optional(),
});

export const updateUserBody = z.strictObject({
  version: z.number().int().min(1),
  role: roleSchema.optional(),
  displayName: z.string().trim().min(1).max(60).optional(),
  email: email.nullable().optional(),
  unitId: z.uuid().nullable().optional(),
  staffId: z.uuid().nullable().optional(),
  active: z.boolean().optional(),
  password: password.optional(),
});

export const changePasswordBody = z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: password });

export const listUsersQuery = pageQuerySchema.extend({ role: roleSchema.optional() }).extend(sortOrderSchema(['username', 'displayName', 'role']).shape);
export type ListUsersQuery = z.infer<typeof listUsersQuery>;

export type CreateUserInput = z.infer<typeof createUserBody>;
export type UpdateUserInput = z.infer<typeof updateUserBody>;
