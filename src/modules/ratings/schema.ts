import { z } from 'zod';
import { pageQuerySchema } from '../../shared/page.js';
import { civilDate, freeText, fromNotAfterTo, id, phone, says, text } from '../../shared/fields.js';


/** The offline indicators of 好差评 (GB/T 39734): 整体满意度, 服务效率, 服务水平, 服务态度. */
export const indicatorKeys = ['overall', 'efficiency', 'competence', 'attitude'] as const;
export type IndicatorKey = (typeof indicatorKeys)[number];

/** Longest free text on the public form (the page's maxlength and the API's limit). */
export const fieldLimits = { comment: 1000, contactName: 40, reasons: 10 } as const;

export const createTokenBody = z.strictObject({
  unitId: id,
  staffId: id.optional(),
  serviceItemId: id.optional(),
  transactionRef: text(80).optional(),
});

export const publicRatingBody = z
  .strictObject({
    token: text(100, 10).optional(),
    code: text(300, 10).optional(),
    level: z.number().int().min(1).max(5),
    indicators: z.partialRecord(z.enum(indicatorKeys), z.number().int().min(1).max(5)).optional(),
    reasons: z.array(text(40)).max(fieldLimits.reasons).optional(),
    comment: freeText(fieldLimits.comment).optional(),
    contactName: freeText(fieldLimits.contactName).optional(),
    contactPhone: phone.optional(),
  })
  .refine((b) => !!b.token !== !!b.code, { ...says('须且只能给出 token 或 code 之一', 'exactly one of token or code'), path: ['token'] });

export const servedCountsBody = z.strictObject({
  counts: z
    .array(z.strictObject({ unitId: id, staffId: id.optional(), date: civilDate, served: z.number().int().min(0).max(1_000_000) }))
    .min(1)
    .max(5000),
});

export const statsQuery = z.object({
  from: civilDate,
  to: civilDate,
  unitId: id.optional(),
  staffId: id.optional(),
  groupBy: z.enum(['unit', 'staff', 'month', 'none']).default('none'),
  /** false: leave out the indicators and 差评 reasons (a trend chart needs only the counts). */
  details: z.enum(['true', 'false']).optional(),
}).refine(...fromNotAfterTo);

export const codeQuery = z.object({ unitId: id, staffId: id.optional() });

/** GET /api/v1/ratings: individual ratings in a date range, filtered like the statistics. */
export const listRatingsQuery = pageQuerySchema.omit({ q: true }).extend({
  from: civilDate,
  to: civilDate,
  unitId: id.optional(),
  staffId: id.optional(),
  level: z.coerce.number().int().min(1).max(10).optional(),
  negative: z.enum(['true', 'false']).optional(),
}).refine(...fromNotAfterTo);
