import { z } from 'zod';
import { monthParam } from '../dashboard/index.js';

export const monthlyReportQuery = z.object({ month: monthParam, unitId: z.uuid().optional() });
export const dailyQuery = z.object({ date: z.iso.date(), unitId: z.uuid().optional() });
export const dailySendQuery = z.object({ date: z.iso.date() });
