import { z } from 'zod';
import { sectorSchema, SECTORS, type Sector } from '../../policy/index.js';

export { sectorSchema, SECTORS as sectors, type Sector };

export const orgCode = z.string().trim().min(2).max(40).regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and -');

export const createOrganisationInput = z.strictObject({
  code: orgCode,
  name: z.string().trim().min(1).max(100),
  sector: sectorSchema,
});

export const updateOrganisationBody = z.strictObject({
  version: z.number().int().min(1),
  name: z.string().trim().min(1).max(100),
});

export type CreateOrganisationInput = z.infer<typeof createOrganisationInput>;
