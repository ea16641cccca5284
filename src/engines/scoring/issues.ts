/** Building scoring issues and checking plain shapes by hand (the engine has no dependencies). */
import type { ScoringIssue, ScoringIssueReason } from './types.js';

export type Path = (string | number)[];

export function issue(path: Path, reason: ScoringIssueReason, en: string, zh: string): ScoringIssue {
  return { path, reason, message: { zh, en } };
}

/** A plain object (`{}` literal or null-prototype), not an array, a date or a class instance. */
export function isRecord(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto: unknown = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/** Reports keys outside `allowed`; true when there were none. */
export function onlyKeys(obj: Record<string, unknown>, allowed: readonly string[], path: Path, out: ScoringIssue[]): boolean {
  let ok = true;
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      out.push(issue([...path, key], 'unknown_field', `unknown field "${key}"`, `未知字段"${key}"`));
      ok = false;
    }
  }
  return ok;
}

export function expectRecord(x: unknown, path: Path, out: ScoringIssue[]): x is Record<string, unknown> {
  if (isRecord(x)) return true;
  out.push(issue(path, 'invalid_shape', 'must be an object', '应为对象'));
  return false;
}

export function expectArray(x: unknown, path: Path, min: number, max: number, out: ScoringIssue[]): x is unknown[] {
  if (!Array.isArray(x)) {
    out.push(issue(path, 'invalid_shape', 'must be a list', '应为列表'));
    return false;
  }
  if (x.length < min || x.length > max) {
    out.push(issue(path, 'out_of_range', `must hold ${min}–${max} entries (has ${x.length})`, `应有 ${min}–${max} 项(现有 ${x.length} 项)`));
    return false;
  }
  return true;
}

export function expectBoolean(x: unknown, path: Path, out: ScoringIssue[]): x is boolean | undefined {
  if (x === undefined || typeof x === 'boolean') return true;
  out.push(issue(path, 'invalid_shape', 'must be true or false', '应为 true 或 false'));
  return false;
}

export function expectText(x: unknown, path: Path, max: number, out: ScoringIssue[]): x is string {
  if (typeof x === 'string' && x.trim().length > 0 && x.length <= max) return true;
  out.push(issue(path, 'invalid_shape', `must be non-empty text of at most ${max} characters`, `应为非空文本,最多 ${max} 个字符`));
  return false;
}

/** `{ zh, en }`, both non-empty. */
export function expectBilingual(x: unknown, path: Path, max: number, out: ScoringIssue[]): boolean {
  if (!expectRecord(x, path, out)) return false;
  const keysOk = onlyKeys(x, ['zh', 'en'], path, out);
  const zh = expectText(x.zh, [...path, 'zh'], max, out);
  const en = expectText(x.en, [...path, 'en'], max, out);
  return keysOk && zh && en;
}

/** Runs a check that may meet a hostile value (a throwing getter, a proxy): any throw is one issue. */
export function guarded<T>(run: () => T, path: Path, out: ScoringIssue[]): T | undefined {
  try {
    return run();
  } catch {
    out.push(issue(path, 'invalid_shape', 'could not be read', '无法读取'));
    return undefined;
  }
}
