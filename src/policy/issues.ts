/**
 * Bilingual validation issues: zod issues turned into `{ path, message: { zh, en } }`.
 */
import type { z } from 'zod';

export interface PolicyIssue {
  /** Dotted path into the pack, e.g. `calendar.businessHours.value.1`; `''` is the whole thing. */
  path: string;
  message: { zh: string; en: string };
}

export function pathString(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'symbol' ? p.toString() : String(p))).join('.');
}

export function policyIssue(path: readonly PropertyKey[], en: string, zh: string): PolicyIssue {
  return { path: pathString(path), message: { zh, en } };
}

const TYPE_NAMES: Record<string, { zh: string; en: string }> = {
  string: { zh: '文本', en: 'text' },
  number: { zh: '数字', en: 'a number' },
  int: { zh: '整数', en: 'a whole number' },
  boolean: { zh: '布尔值(true/false)', en: 'true or false' },
  array: { zh: '列表', en: 'a list' },
  object: { zh: '对象', en: 'an object' },
  record: { zh: '对象', en: 'an object' },
};

/** Chinese for the few plain-string messages set in the schema. */
const KNOWN_ZH: Record<string, string> = {
  'an id is lower-case snake_case (a-z, 0-9, _), at most 63 characters': 'id 须为小写字母开头的 snake_case(a-z、0-9、_),最多 63 个字符',
  'a time of day is HH:MM, 00:00–24:00': '时间须为 HH:MM 格式,00:00–24:00',
};

type Issue = z.core.$ZodIssue;

function describe(issue: Issue): { zh: string; en: string } {
  switch (issue.code) {
    case 'invalid_type': {
      const name = TYPE_NAMES[issue.expected] ?? { zh: String(issue.expected), en: String(issue.expected) };
      if (!('input' in issue) || issue.input === undefined) {
        return { en: `required: expected ${name.en}`, zh: `缺少必填项:应为${name.zh}` };
      }
      return { en: `expected ${name.en}`, zh: `类型错误:应为${name.zh}` };
    }
    case 'too_small': {
      const n = String(issue.minimum);
      if (issue.origin === 'array' || issue.origin === 'set') return { en: `needs at least ${n} item(s)`, zh: `至少需要 ${n} 项` };
      if (issue.origin === 'string') return { en: `must not be shorter than ${n} character(s)`, zh: `长度不得少于 ${n} 个字符` };
      return issue.inclusive === false
        ? { en: `must be greater than ${n}`, zh: `必须大于 ${n}` }
        : { en: `must be at least ${n}`, zh: `不得小于 ${n}` };
    }
    case 'too_big': {
      const n = String(issue.maximum);
      if (issue.origin === 'array' || issue.origin === 'set') return { en: `allows at most ${n} item(s)`, zh: `最多 ${n} 项` };
      if (issue.origin === 'string') return { en: `must not be longer than ${n} character(s)`, zh: `长度不得超过 ${n} 个字符` };
      return issue.inclusive === false
        ? { en: `must be less than ${n}`, zh: `必须小于 ${n}` }
        : { en: `must be at most ${n}`, zh: `不得大于 ${n}` };
    }
    case 'invalid_value': {
      const list = issue.values.map((v) => JSON.stringify(v)).join(', ');
      return { en: `must be one of ${list}`, zh: `取值必须为以下之一:${list}` };
    }
    case 'invalid_format':
      return { en: issue.message, zh: KNOWN_ZH[issue.message] ?? `格式不正确(${issue.message})` };
    case 'invalid_key':
      return { en: 'invalid key: an id is lower-case snake_case (a-z, 0-9, _)', zh: '键名无效:id 须为小写字母、数字、下划线' };
    case 'custom': {
      const zh = issue.params && typeof issue.params.zh === 'string' ? issue.params.zh : issue.message;
      return { en: issue.message, zh };
    }
    default:
      return { en: issue.message, zh: `取值无效(${issue.message})` };
  }
}

/** Flatten zod issues into bilingual policy issues, prefixed with `base`. */
export function fromZodIssues(issues: readonly Issue[], base: readonly PropertyKey[] = []): PolicyIssue[] {
  const out: PolicyIssue[] = [];
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push(policyIssue([...path, key], `unknown key "${key}"`, `未知的键"${key}"`));
      }
      continue;
    }
    if (issue.code === 'invalid_union') {
      // Prefer the branch that got past the type check: it says what is actually wrong.
      const branch = issue.errors.find((errs) => errs.length > 0 && errs.every((e) => e.code !== 'invalid_type' || e.path.length > 0));
      if (branch) {
        out.push(...fromZodIssues(branch, path));
        continue;
      }
      const d = issue as { discriminator?: string; options?: unknown[] };
      if (d.discriminator && Array.isArray(d.options)) {
        const list = d.options.map((v) => JSON.stringify(v)).join(', ');
        out.push(policyIssue(path, `"${d.discriminator}" must be one of ${list}`, `"${d.discriminator}"取值必须为以下之一:${list}`));
      } else {
        out.push(policyIssue(path, 'matches none of the allowed forms', '不符合任何允许的格式'));
      }
      continue;
    }
    const m = describe(issue);
    out.push(policyIssue(path, m.en, m.zh));
  }
  return out;
}

export function dedupeIssues(issues: PolicyIssue[]): PolicyIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.path}\u0000${i.message.en}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
