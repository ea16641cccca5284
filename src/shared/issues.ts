import type { z } from 'zod';
import type { Bilingual } from './errors.js';

/** A zod issue in words a clerk can act on, in Chinese and English. */
export function describeIssue(issue: z.core.$ZodIssue): Bilingual {
  switch (issue.code) {
    case 'too_small':
      return Number((issue as { minimum?: number }).minimum) <= 1 ? { zh: '不能为空', en: 'is required' } : { zh: `太短（至少 ${(issue as { minimum?: number }).minimum}）`, en: `is too short (at least ${(issue as { minimum?: number }).minimum})` };
    case 'too_big':
      return { zh: `太长（最多 ${(issue as { maximum?: number }).maximum}）`, en: `is too long (at most ${(issue as { maximum?: number }).maximum})` };
    case 'invalid_format':
      return { zh: '格式不正确（只能使用字母、数字和 . _ -）', en: 'has the wrong format (letters, digits, . _ - only)' };
    case 'invalid_value':
      return { zh: `取值无效，可选：${((issue as { values?: unknown[] }).values ?? []).join('、')}`, en: `must be one of: ${((issue as { values?: unknown[] }).values ?? []).join(', ')}` };
    case 'invalid_type':
      return { zh: '缺失或类型不正确', en: 'is missing or of the wrong type' };
    default:
      return { zh: '无效', en: issue.message };
  }
}
