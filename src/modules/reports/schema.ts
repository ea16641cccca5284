import { z } from 'zod';
import { civilDate, id, month } from '../../shared/fields.js';

export const monthlyReportQuery = z.object({ month, unitId: id.optional() });
export const dailyQuery = z.object({ date: civilDate, unitId: id.optional() });
export const dailySendQuery = z.object({ date: civilDate });
