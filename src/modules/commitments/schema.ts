import { z } from 'zod';
import { pageQuerySchema } from '../../shared/page.js';
import { id, phone, says, text, version } from '../../shared/fields.js';
import { measureCodes, thresholdOps } from './measures.js';
/** A target with at most two decimals (95, 99.5, 3): stored exactly in hundredths. */
const target = z
  .number()
  .min(0)
  .max(1_000_000)
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, says('最多两位小数', 'at most two decimals'));

/** 服务承诺 (RULES §9, 000:L5): the statement, the measurable promise, who answers for it, the supervision phone. */
const fields = {
  text: text(500),
  textEn: text(1000).nullable().optional(),
  promise: text(500),
  promiseEn: text(1000).nullable().optional(),
  unitId: id.nullable().optional(),
  supervisionPhone: phone,
  published: z.boolean().optional(),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
  measure: z.enum(measureCodes).nullable().optional(),
  targetOp: z.enum(thresholdOps).nullable().optional(),
  target: target.nullable().optional(),
};

export const createCommitmentBody = z.strictObject(fields);

export const updateCommitmentBody = z.strictObject({
  version,
  text: fields.text.optional(),
  textEn: fields.textEn,
  promise: fields.promise.optional(),
  promiseEn: fields.promiseEn,
  unitId: fields.unitId,
  supervisionPhone: fields.supervisionPhone.optional(),
  published: fields.published,
  sortOrder: fields.sortOrder,
  measure: fields.measure,
  targetOp: fields.targetOp,
  target: fields.target,
});

export const listCommitmentsQuery = pageQuerySchema.extend({ published: z.enum(['true', 'false']).optional() });

export type CreateCommitmentInput = z.infer<typeof createCommitmentBody>;
export type UpdateCommitmentInput = z.infer<typeof updateCommitmentBody>;
export type ListCommitmentsQuery = z.infer<typeof listCommitmentsQuery>;
