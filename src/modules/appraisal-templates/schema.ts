import { z } from 'zod';
import { str } from '../../shared/fields.js';

export const templateParams = z.strictObject({ code: str().regex(/^[a-z][a-z0-9_]{0,62}$/, 'lower-case letters, digits and _') });
export const templateQuery = z.strictObject({ version: z.coerce.number().int().min(1).max(1_000_000).optional() });

export const createVersionBody = z.strictObject({
  /** The version the edit started from: it must still be the newest, else 409. */
  basedOnVersion: z.int().min(1).max(1_000_000),
  /** The whole template (items, stars, bottom rule…); its code and version are set by the server. */
  definition: z.record(z.string(), z.unknown()),
});
export type CreateVersionInput = z.infer<typeof createVersionBody>;
