/**
 * The one place where zod issues become words a clerk can act on, in Chinese and English. The
 * HTTP error handler (validation_failed details), roster imports and policy packs all use it.
 */
import type { z } from 'zod';
import { AppError, type Bilingual } from './errors.js';

type Issue = z.core.$ZodIssue;

/** One problem with one input field: `path` as the client sent it (`body.code`, `querystring.days`). */
export interface FieldIssue {
  path: string;
  /** In the request's language (set when the error is sent). */
  message: string;
  messages: Bilingual;
}

const TYPE_NAMES: Record<string, Bilingual> = {
  string: { zh: '文本', en: 'text' },
  number: { zh: '数字', en: 'a number' },
  int: { zh: '整数', en: 'a whole number' },
  boolean: { zh: '布尔值（true/false）', en: 'true or false' },
  array: { zh: '列表', en: 'a list' },
  object: { zh: '对象', en: 'an object' },
  record: { zh: '对象', en: 'an object' },
  date: { zh: '日期', en: 'a date' },
};

/** Both languages for the plain-English hints the schemas set on formats (regexes and refinements; most in `fields.ts`). */
const KNOWN: Record<string, Bilingual> = {
  'an id is lower-case snake_case (a-z, 0-9, _), at most 63 characters': {
    en: 'an id is lower-case snake_case (a-z, 0-9, _), at most 63 characters',
    zh: 'id 须为小写字母开头的 snake_case（a-z、0-9、_），最多 63 个字符',
  },
  'a time of day is HH:MM, 00:00–24:00': { en: 'a time of day is HH:MM, 00:00–24:00', zh: '时间须为 HH:MM 格式，00:00–24:00' },
  'letters, digits, . _ -': { en: 'may use letters, digits and . _ - only, starting with a letter or digit', zh: '只能使用字母、数字和 . _ -，且以字母或数字开头' },
  'lower-case letters, digits and -': { en: 'may use lower-case letters, digits and - only', zh: '只能使用小写字母、数字和 -' },
  'YYYY-MM-DD': { en: 'must be a date YYYY-MM-DD', zh: '日期格式应为 YYYY-MM-DD' },
  'YYYY-MM': { en: 'must be a month YYYY-MM', zh: '月份格式应为 YYYY-MM' },
  'YYYY-MM or YYYY-Qn': { en: 'must be a month YYYY-MM or a quarter YYYY-Qn', zh: '应为月份 YYYY-MM 或季度 YYYY-Qn' },
  'lower-case letters, digits and _': { en: 'may use lower-case letters, digits and _ only', zh: '只能使用小写字母、数字和 _' },
  'HH:MM': { en: 'must be a time HH:MM', zh: '时间格式应为 HH:MM' },
  'a lower-case id: a–z, 0–9, _ (max 40)': { en: 'must be a lower-case id: a–z, 0–9, _ (at most 40)', zh: '须为小写 id：a–z、0–9、_（最多 40 个字符）' },
  'a lower-case code: a–z, 0–9, _ (2–40)': { en: 'must be a lower-case code: a–z, 0–9, _ (2–40)', zh: '须为小写编码：a–z、0–9、_（2–40 个字符）' },
  'a lower-case option code (max 40)': { en: 'must be a lower-case option code (at most 40)', zh: '须为小写选项编码（最多 40 个字符）' },
  'from must not be after to': { en: 'from must not be after to', zh: '开始日期不能晚于结束日期' },
  'a phone number': { en: 'must be a phone number', zh: '应为电话号码' },
  'a quarter such as 2026-Q4': { en: 'must be a quarter such as 2026-Q4', zh: '季度格式应为 2026-Q4 这样的“年-Q季度”' },
  'a PNG data URL (data:image/png;base64,…)': { en: 'must be a PNG image as a data URL (data:image/png;base64,…)', zh: '应为 PNG 图片的 data URL（data:image/png;base64,…）' },
  'no control characters': { en: 'must not contain control characters', zh: '不能包含控制字符' },
};

/** Built-in string formats of zod (`z.uuid()`, `z.iso.datetime()` …). */
const FORMATS: Record<string, Bilingual> = {
  uuid: { zh: '应为 UUID 标识', en: 'must be a UUID' },
  guid: { zh: '应为 UUID 标识', en: 'must be a UUID' },
  email: { zh: '应为电子邮件地址', en: 'must be an e-mail address' },
  url: { zh: '应为网址', en: 'must be a URL' },
  datetime: { zh: '应为带时区的 ISO 8601 时间，如 2026-10-09T09:30:00+08:00', en: 'must be an ISO 8601 instant with an offset, e.g. 2026-10-09T09:30:00+08:00' },
  date: { zh: '日期格式应为 YYYY-MM-DD', en: 'must be a date YYYY-MM-DD' },
  time: { zh: '时间格式应为 HH:MM', en: 'must be a time HH:MM' },
};

const hasCjk = (s: string) => /[\u3400-\u9fff]/.test(s);

/** A custom message written `中文 (English)` splits into its halves; otherwise `zh` comes from params. */
function customMessage(issue: Issue): Bilingual {
  const params = (issue as { params?: { zh?: unknown } }).params;
  if (params && typeof params.zh === 'string') return { zh: params.zh, en: issue.message };
  const m = /^(.*?[\u3400-\u9fff].*?) \((.+)\)$/s.exec(issue.message);
  if (m) return { zh: m[1], en: m[2] };
  return hasCjk(issue.message) ? { zh: issue.message, en: issue.message } : (Object.hasOwn(KNOWN, issue.message) ? KNOWN[issue.message] : { zh: `取值无效（${issue.message}）`, en: issue.message });
}

/** One zod issue in words, without the field name (the caller shows it beside the field or names it). */
export function describeIssue(issue: Issue): Bilingual {
  switch (issue.code) {
    case 'invalid_type': {
      const name = TYPE_NAMES[issue.expected] ?? { zh: String(issue.expected), en: String(issue.expected) };
      if (!('input' in issue) || issue.input === undefined) return { en: 'is required', zh: '不能为空' };
      return { en: `must be ${name.en}`, zh: `类型错误：应为${name.zh}` };
    }
    case 'too_small': {
      const n = String(issue.minimum);
      if (issue.origin === 'array' || issue.origin === 'set') return { en: `needs at least ${n} item(s)`, zh: `至少需要 ${n} 项` };
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? { en: 'must not be empty', zh: '不能为空' } : { en: `must be at least ${n} characters long`, zh: `长度不得少于 ${n} 个字符` };
      return issue.inclusive === false ? { en: `must be greater than ${n}`, zh: `必须大于 ${n}` } : { en: `must be at least ${n}`, zh: `不得小于 ${n}` };
    }
    case 'too_big': {
      const n = String(issue.maximum);
      if (issue.origin === 'array' || issue.origin === 'set') return { en: `allows at most ${n} item(s)`, zh: `最多 ${n} 项` };
      if (issue.origin === 'string') return { en: `must not be longer than ${n} characters`, zh: `长度不得超过 ${n} 个字符` };
      return issue.inclusive === false ? { en: `must be less than ${n}`, zh: `必须小于 ${n}` } : { en: `must be at most ${n}`, zh: `不得大于 ${n}` };
    }
    case 'invalid_value': {
      const list = issue.values.map((v) => JSON.stringify(v)).join(', ');
      return { en: `must be one of ${list}`, zh: `取值必须为以下之一：${list}` };
    }
    case 'invalid_format': {
      if (Object.hasOwn(KNOWN, issue.message)) return KNOWN[issue.message];
      const known = FORMATS[issue.format];
      if (known) return known;
      return { en: 'has the wrong format', zh: '格式不正确' };
    }
    case 'not_multiple_of':
      return { en: `must be a multiple of ${String(issue.divisor)}`, zh: `必须是 ${String(issue.divisor)} 的倍数` };
    case 'invalid_key':
      return { en: 'invalid key: an id is lower-case snake_case (a-z, 0-9, _)', zh: '键名无效：id 须为小写字母、数字、下划线' };
    case 'unrecognized_keys':
      return { en: `unknown key(s): ${issue.keys.join(', ')}`, zh: `未知的字段：${issue.keys.join('、')}` };
    case 'invalid_union':
      return { en: 'matches none of the allowed forms', zh: '不符合任何允许的格式' };
    case 'custom':
      return customMessage(issue);
    default:
      return { en: issue.message, zh: `取值无效（${issue.message}）` };
  }
}

/**
 * Zod issues as `{ path, message }`, one per problem: an unknown key is its own problem at its own
 * path, and a failed union reports the branch that got furthest (it says what is actually wrong).
 */
export function flattenIssues(issues: readonly Issue[], base: readonly PropertyKey[] = []): { path: PropertyKey[]; message: Bilingual }[] {
  const out: { path: PropertyKey[]; message: Bilingual }[] = [];
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: [...path, key], message: { en: `unknown key "${key}"`, zh: `未知的键“${key}”` } });
      continue;
    }
    if (issue.code === 'invalid_union') {
      const branch = issue.errors.find((errs) => errs.length > 0 && errs.every((e) => e.code !== 'invalid_type' || e.path.length > 0));
      if (branch) {
        out.push(...flattenIssues(branch, path));
        continue;
      }
      const d = issue as { discriminator?: string; options?: unknown[] };
      if (d.discriminator && Array.isArray(d.options)) {
        const list = d.options.map((v) => JSON.stringify(v)).join(', ');
        out.push({ path, message: { en: `"${d.discriminator}" must be one of ${list}`, zh: `“${d.discriminator}”取值必须为以下之一：${list}` } });
        continue;
      }
    }
    out.push({ path, message: describeIssue(issue) });
  }
  return out;
}

export function pathString(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'symbol' ? p.toString() : String(p))).join('.');
}

/** Zod issues about one part of a request (`body`, `querystring`…) as field issues, in the words above. */
export function fieldIssuesOf(issues: readonly Issue[], part: string): FieldIssue[] {
  return flattenIssues(issues).map((i) => fieldIssue(pathString([part, ...i.path]), i.message));
}

/** A field problem in the details shape (`message` is filled in the caller's language when sent). */
export function fieldIssue(path: string, messages: Bilingual): FieldIssue {
  return { path, message: messages.en, messages };
}

/** `validation_failed` about one or more fields. */
export function invalidFields(...issues: FieldIssue[]): AppError {
  return new AppError('validation_failed', { details: issues });
}

/**
 * A unique key already in use (已存在), naming the field: `label` is how a user calls it
 * (单位编码 / Unit code). The details point at the form field like a validation error does.
 */
export function duplicateOf(field: string, label: Bilingual): AppError {
  const messages = { zh: `${label.zh}已存在`, en: `${label.en} already exists` };
  return new AppError('duplicate', { message: messages, details: [fieldIssue(`body.${field}`, messages)] });
}
