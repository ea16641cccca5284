import { z } from 'zod';
import { pageQuerySchema } from '../../shared/page.js';
import { id, says, str, text, version } from '../../shared/fields.js';

const templateCode = str().regex(/^[a-z][a-z0-9_.-]{0,62}$/, 'a template code such as window_staff');
/** A period label: a month 2026-11, an ISO week 2026-W47 or a quarter 2026-Q4 (the template's kind). */
const periodLabel = str().regex(/^(?:19|20|21)\d\d-(?:0[1-9]|1[0-2]|W(?:0[1-9]|[1-4]\d|5[0-3])|Q[1-4])$/, says('期间应为 2026-11、2026-W47 或 2026-Q4', 'a period is 2026-11, 2026-W47 or 2026-Q4'));
/** An exact decimal score as text or a number ("8.5", 8.5). */
const score = z.union([z.number().finite(), str().regex(/^-?\d{1,6}(?:\.\d{1,4})?$/, 'a decimal such as 8.5')]).nullable();

export const createPeriodBody = z.strictObject({ template: templateCode, period: periodLabel, unitId: id.optional() });
export type CreatePeriodInput = z.infer<typeof createPeriodBody>;

export const listPeriodsQuery = pageQuerySchema.extend({ template: templateCode.optional(), state: z.enum(['open', 'closed']).optional() });
export type ListPeriodsQuery = z.infer<typeof listPeriodsQuery>;

export const sheetStates = ['filled', 'scored', 'confirmed', 'objected', 'approved'] as const;
export const listSheetsQuery = pageQuerySchema.extend({
  periodId: id.optional(),
  unitId: id.optional(),
  state: z.enum(sheetStates).optional(),
  /** 1: only the caller's own sheets (my sheet). */
  mine: z.enum(['0', '1']).optional(),
  /** items: each sheet with its items and feedback (the head's scoring grid reads a unit in one request). */
  include: z.enum(['items']).optional(),
});
export type ListSheetsQuery = z.infer<typeof listSheetsQuery>;

export const putJudgedBody = z.strictObject({
  version,
  /** The head's score per judged item code (德、能、勤、绩); null clears one. */
  items: z.record(str().max(64), score).refine((r) => Object.keys(r).length <= 100, 'at most 100 items'),
  /** The head's feedback to the person (002:L216). */
  feedback: text(2000).nullable().optional(),
});
export type PutJudgedInput = z.infer<typeof putJudgedBody>;

export const confirmBody = z.strictObject({ version });
export const objectBody = z.strictObject({ version, text: text(2000) });
export const approveBody = z.strictObject({ version, feedback: text(2000).optional() });
export const reopenBody = z.strictObject({ version, note: text(1000) });
