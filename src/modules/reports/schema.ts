import { z } from 'zod';
import { civilDate, id, month } from '../../shared/fields.js';

/** Without a month: the last closed month. */
export const monthlyReportQuery = z.object({ month: month.optional(), unitId: id.optional() });
export const dailyQuery = z.object({ date: civilDate, unitId: id.optional() });
export const dailySendQuery = z.object({ date: civilDate });
