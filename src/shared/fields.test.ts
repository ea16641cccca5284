import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { civilDate, civilDateShape, code, freeText, fromNotAfterTo, inOrder, isFitText, month, orgCode, phone, requireInOrder, requireNotInFuture, says, text } from './fields.js';
import { flattenIssues } from './issues.js';
import { isAppError } from './errors.js';

/** What a clerk is told about a value, in both languages (the words of issues.ts). */
function told(schema: z.ZodType, value: unknown) {
  const r = schema.safeParse(value);
  return r.success ? null : flattenIssues(r.error.issues).map((i) => i.message);
}

describe('the shared field pieces', () => {
  it('text is trimmed and bounded; free text may be empty', () => {
    expect(text(5).parse('  ab  ')).toBe('ab');
    expect(told(text(5), '   ')).toEqual([{ en: 'must not be empty', zh: '不能为空' }]);
    expect(told(text(3), 'abcd')).toEqual([{ en: 'must not be longer than 3 characters', zh: '长度不得超过 3 个字符' }]);
    expect(told(text(300, 10), 'short')).toEqual([{ en: 'must be at least 10 characters long', zh: '长度不得少于 10 个字符' }]);
    expect(freeText(5).parse('  ')).toBe('');
  });

  it('no piece takes a NUL or a lone surrogate; emoji, CJK extensions and control characters pass', () => {
    const refused = [{ zh: '不能包含空字符或无效的 Unicode 字符', en: 'must not contain NUL or invalid Unicode' }];
    for (const bad of ['a\u0000b', 'a\uD800b', '\uDC00', 'x\uD83D']) {
      expect(isFitText(bad)).toBe(false);
      expect(told(freeText(10), bad)).toEqual(refused);
    }
    for (const good of ['😀', '𠀀𪚥', '铃\u0007\t', '']) expect(isFitText(good)).toBe(true);
    expect(text(10).parse(' 😀𠀀 ')).toBe('😀𠀀');
  });

  it('a civil date exists; the calendar shape only looks like one', () => {
    for (const good of ['2026-02-28', '2024-02-29', '2026-12-31']) expect(civilDate.safeParse(good).success).toBe(true);
    for (const bad of ['2026-02-30', '2025-02-29', '2026-2-3', '2026-13-01', '2026/01/01', '']) expect(told(civilDate, bad)).toEqual([{ en: 'must be a date YYYY-MM-DD', zh: '日期格式应为 YYYY-MM-DD' }]);
    expect(civilDateShape.safeParse('2026-02-30').success).toBe(true);
    expect(told(civilDateShape, '2026-2-3')).toEqual([{ en: 'must be a date YYYY-MM-DD', zh: '日期格式应为 YYYY-MM-DD' }]);
  });

  it('months, codes and phone numbers say what they want in both languages', () => {
    expect(month.safeParse('2026-11').success).toBe(true);
    expect(told(month, '2026-13')).toEqual([{ en: 'must be a month YYYY-MM', zh: '月份格式应为 YYYY-MM' }]);
    expect(code().parse(' H-OPD.1_a ')).toBe('H-OPD.1_a');
    expect(told(code(), '-x')?.[0].zh).toBe('只能使用字母、数字和 . _ -，且以字母或数字开头');
    expect(told(orgCode, 'Demo')?.[0].en).toBe('may use lower-case letters, digits and - only');
    for (const good of ['13800000031', '0510-80001234', '(0510) 8000 1234', '12345', '+86 138 0000 0031']) expect(phone.safeParse(good).success).toBe(true);
    for (const bad of ['1234', 'call me', '0510-80001234 ext 5']) expect(told(phone, bad)).toEqual([{ en: 'must be a phone number', zh: '应为电话号码' }]);
  });

  it('a range is in order, reported at its start (or where asked)', () => {
    const range = z.object({ from: civilDate.optional(), to: civilDate.optional() }).refine(...fromNotAfterTo);
    expect(range.safeParse({ from: '2026-01-02', to: '2026-01-02' }).success).toBe(true);
    expect(range.safeParse({ from: '2026-01-02' }).success).toBe(true);
    const bad = range.safeParse({ from: '2026-01-03', to: '2026-01-02' });
    expect(flattenIssues(bad.error!.issues)).toEqual([{ path: ['from'], message: { en: 'from must not be after to', zh: '开始日期不能晚于结束日期' } }]);
    const survey = z.object({ startsOn: civilDate, endsOn: civilDate.nullish() }).refine(...inOrder('startsOn', 'endsOn', { at: 'endsOn' }));
    expect(flattenIssues(survey.safeParse({ startsOn: '2026-02-01', endsOn: '2026-01-01' }).error!.issues)[0].path).toEqual(['endsOn']);
    expect(survey.safeParse({ startsOn: '2026-02-01', endsOn: null }).success).toBe(true);
  });

  it('a refinement says its message in both languages', () => {
    const s = z.string().refine((v) => v === 'x', says('须为 x', 'must be x'));
    expect(told(s, 'y')).toEqual([{ zh: '须为 x', en: 'must be x' }]);
  });

  it('the service-level checks throw validation_failed with bilingual field issues', () => {
    const issueOf = (fn: () => void) => {
      try {
        fn();
      } catch (e) {
        if (isAppError(e)) return [e.code, e.details];
      }
      return null;
    };
    expect(issueOf(() => requireNotInFuture(Date.UTC(2026, 0, 1, 0, 1), Date.UTC(2026, 0, 1), 'body.receivedAt'))).toBeNull();
    expect(issueOf(() => requireNotInFuture(Date.UTC(2026, 0, 1, 0, 2), Date.UTC(2026, 0, 1), 'body.receivedAt'))).toEqual([
      'validation_failed',
      [{ path: 'body.receivedAt', message: 'must not be in the future', messages: { zh: '不能晚于当前时间', en: 'must not be in the future' } }],
    ]);
    expect(issueOf(() => requireInOrder('2026-01-02', '2026-01-01', 'querystring.from'))).toEqual([
      'validation_failed',
      [{ path: 'querystring.from', message: 'from must not be after to', messages: { zh: '开始日期不能晚于结束日期', en: 'from must not be after to' } }],
    ]);
  });
});
