import { z } from 'zod';
import { pageQuerySchema } from '../../shared/page.js';
import { id, says, str, text, version } from '../../shared/fields.js';

/** A competition period: a year, a quarter, a half or a month (2026, 2026-Q3, 2026-H1, 2026-05). */
export const period = str().regex(/^(?:19|20|21)\d\d(?:-(?:0[1-9]|1[0-2]|Q[1-4]|H[12]))?$/, says('期间应为 2026、2026-Q3、2026-H1 或 2026-05', 'a period is 2026, 2026-Q3, 2026-H1 or 2026-05'));
const presetCode = str().regex(/^[a-z][a-z0-9-]{0,62}$/, 'a preset code such as abc-qingdao');
const code = str().regex(/^[a-z][a-z0-9_]{0,62}$/, 'a snake_case code');

export const createCompetitionBody = z.strictObject({
  preset: presetCode,
  period,
  title: text(200).optional(),
  unitIds: z
    .array(id)
    .min(1)
    .max(500)
    .refine((ids) => new Set(ids).size === ids.length, says('单位不得重复', 'a unit may be listed once')),
  /** Target group per unit (`city`, `county`): the preset's target lines the unit is measured against. */
  targets: z.record(id, code).optional(),
});
export type CreateCompetitionInput = z.infer<typeof createCompetitionBody>;

const rawValue = z.union([z.number(), str().max(40)]).nullable();

export const putValuesBody = z.strictObject({
  version,
  /** Figures to write; `value: null` removes one. Codes: GET /api/v1/competition-presets/{code}. */
  values: z
    .array(z.strictObject({ unitId: id, indicator: code, input: code, value: rawValue }))
    .max(20_000),
});
export type PutValuesInput = z.infer<typeof putValuesBody>;

export const listCompetitionsQuery = pageQuerySchema.extend({
  period: period.optional(),
  preset: presetCode.optional(),
  state: z.enum(['open', 'published']).optional(),
});
export type ListCompetitionsQuery = z.infer<typeof listCompetitionsQuery>;

export const presetParams = z.object({ code: presetCode });
export const langQuery = z.object({ lang: z.enum(['zh', 'en']).default('zh') });
export const importQuery = z.object({ version: z.coerce.number().int().min(1) });
export const publishBody = z.strictObject({ version });
