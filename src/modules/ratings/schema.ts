import { z } from 'zod';
import { pageQuerySchema } from '../../shared/page.js';
import { civilDate, freeText, fromNotAfterTo, id, phone, says, text } from '../../shared/fields.js';
import type { TaxonomyItem } from '../taxonomies/service.js';


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

/** Standard 差评 reasons, in the style of GB/T 39734 Annex A; editable per organisation. */
export const defaultRatingReasons: TaxonomyItem[] = [
  { code: 'slow', zh: '办事效率低、等候时间长', en: 'Slow service, long wait', source: 'GB/T 39734', active: true },
  { code: 'attitude', zh: '服务态度差', en: 'Poor attitude', source: 'GB/T 39734', active: true },
  { code: 'not_told_once', zh: '未一次性告知所需材料', en: 'Requirements not told at once', source: '002:L98', active: true },
  { code: 'repeat_visits', zh: '多次跑腿', en: 'Had to come back several times', source: 'GB/T 39734', active: true },
  { code: 'guide_unclear', zh: '办事指南不清楚', en: 'Unclear service guide', source: 'GB/T 39734', active: true },
  { code: 'fees', zh: '收费不合理', en: 'Unreasonable fees', source: 'GB/T 39734', active: true },
  { code: 'environment', zh: '环境设施不便', en: 'Poor environment or facilities', source: 'GB/T 39734', active: true },
  { code: 'other', zh: '其他', en: 'Other', active: true },
];
