import { z } from 'zod';
import { civilDateShape, freeText, instant, str } from '../../shared/fields.js';

/** The calendar's dates: right-shaped here, judged by the engine (an impossible date is `400 invalid_date`). */
export const civilDate = civilDateShape;
const hhmm = str().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');

export const addWorkingDaysQuery = z.object({
  date: civilDate,
  days: z.coerce.number().int().min(-3660).max(3660),
});

export const betweenQuery = z.object({ from: civilDate, to: civilDate });

export const daysQuery = z.object({ from: civilDate, to: civilDate });

export const deadlineQuery = z.object({
  receivedAt: instant,
  days: z.coerce.number().int().min(0).max(3660),
});

export const overrideKinds = ['closure', 'extra_workday', 'half_day'] as const;

export const createOverrideBody = z.strictObject({
  date: civilDate,
  kind: z.enum(overrideKinds),
  periods: z.array(z.strictObject({ start: hhmm, end: hhmm })).min(1).max(6).optional(),
  note: freeText(200).optional(),
});

export const importBody = z.strictObject({
  format: z.enum(['holiday-cn', 'ics']),
  content: str().min(1).max(2_000_000),
  source: freeText(200).optional(),
});

export type CreateOverrideInput = z.infer<typeof createOverrideBody>;
