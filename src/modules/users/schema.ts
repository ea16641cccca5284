import { z } from 'zod';
import { roles } from '../../shared/access.js';
import { pageQuerySchema, sortOrderSchema } from '../../shared/page.js';
import { code, email as emailField, id, str, text, version } from '../../shared/fields.js';

export const username = code(40, 3);
/** Length and strength are the password policy's (auth/password-policy.ts), which says why it refuses one. */
export const password = str().min(1).max(200);
export const roleSchema = z.enum(roles);
export const email = emailField(200);

export const createUserBody = z.strictObject({
  username,
  password,
  role: roleSchema,
  displayName: text(60).optional(),
  email: email.nullable().optional(),
  unitId: id.nullable().optional(),
  staffId: id.nullable().optional(),
});

export const updateUserBody = z.strictObject({
  version,
  role: roleSchema.optional(),
  displayName: text(60).optional(),
  email: email.nullable().optional(),
  unitId: id.nullable().optional(),
  staffId: id.nullable().optional(),
  active: z.boolean().optional(),
  password: password.optional(),
});

export const changePasswordBody = z.strictObject({ currentPassword: str().min(1).max(200), newPassword: password });

export const listUsersQuery = pageQuerySchema.extend({ role: roleSchema.optional() }).extend(sortOrderSchema(['username', 'displayName', 'role']).shape);
export type ListUsersQuery = z.infer<typeof listUsersQuery>;

export type CreateUserInput = z.infer<typeof createUserBody>;
export type UpdateUserInput = z.infer<typeof updateUserBody>;
