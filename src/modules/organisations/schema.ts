import { z } from 'zod';
import { sectorSchema, SECTORS, type Sector } from '../../policy/index.js';
import { orgCode, text, version } from '../../shared/fields.js';

export { sectorSchema, SECTORS as sectors, type Sector };

export const createOrganisationInput = z.strictObject({
  code: orgCode,
  name: text(100),
  sector: sectorSchema,
});

export const updateOrganisationBody = z.strictObject({
  version,
  name: text(100),
});

export type CreateOrganisationInput = z.infer<typeof createOrganisationInput>;
