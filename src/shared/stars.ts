/**
 * 挂星上岗 (000:L115): each person's star from their latest approved appraisal sheet, for the staff
 * list and the public rating page. The appraisals module provides it (wired in
 * src/modules/case-types.ts, beside the other cross-module hooks): appraisals reads staff and
 * ratings, so they cannot import appraisals themselves.
 */
import type { Executor } from './context.js';

export interface StaffStar {
  stars: number;
  label: { zh: string; en: string };
  /** The period of the sheet ('2026-11'). */
  period: string;
}
type StarLookup = (db: Executor, opts: { orgId: string; staffIds: string[] }) => Promise<Map<string, StaffStar>>;

let lookup: StarLookup | null = null;

export function provideStaffStars(fn: StarLookup): void {
  lookup = fn;
}

/** The star of each of `staffIds` that has one (none before the provider is wired). */
export async function readStaffStars(db: Executor, opts: { orgId: string; staffIds: string[] }): Promise<Map<string, StaffStar>> {
  return lookup && opts.staffIds.length > 0 ? lookup(db, opts) : new Map();
}
