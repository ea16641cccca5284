/**
 * Bilingual validation issues of a policy pack: `{ path, message: { zh, en } }`. The wording of
 * zod issues lives in one place (src/shared/issues.ts).
 */
import type { z } from 'zod';
import { flattenIssues, pathString } from '../shared/issues.js';

export { pathString };

export interface PolicyIssue {
  /** Dotted path into the pack, e.g. `calendar.businessHours.value.1`; `''` is the whole thing. */
  path: string;
  message: { zh: string; en: string };
}

export function policyIssue(path: readonly PropertyKey[], en: string, zh: string): PolicyIssue {
  return { path: pathString(path), message: { zh, en } };
}

/** Flatten zod issues into bilingual policy issues, prefixed with `base`. */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], base: readonly PropertyKey[] = []): PolicyIssue[] {
  return flattenIssues(issues, base).map((i) => ({ path: pathString(i.path), message: i.message }));
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
