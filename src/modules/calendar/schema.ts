import { z } from 'zod';

export const civilDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');

export const addWorkingDaysQuery = z.object({
  date: civilDate,
  days: z.coerce.number().int().min(-3660).max(3660),
});

export const betweenQuery = z.object({ from: civilDate, to: civilDate });

export const daysQuery = z.object({ from: civilDate, to: civilDate });

export const deadlineQuery = z.object({
  receivedAt: z.iso.datetime({ offset: true }),
  days: z.coerce.number().int().min(0).max(3660),
});

export const overrideKinds = ['closure', 'extra_workday', 'half_day'] as const;

export const createOverrideBody = z.strictObject({
  date: civilDate,
  kind: z.enum(overrideKinds),
  periods: z.array(z.strictObject({ start: hhmm, end: hhmm })).min(1).max(6).optional(),
  note: z.string().trim().max(200).optional(),
});

export const importBody = z.strictObject({
  format: z.enum(['holiday-cn', 'ics']),
  content: z.string().min(1).max(2_000_000),
  source: z.string().trim().max(200).optional(),
});

export type CreateOverrideInput = z.infer<typeof createOverrideBody>;
