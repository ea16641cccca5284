import type { Bilingual } from '../../app/api';
import { can, type Feature } from '../../app/access';
import type { Role } from '../../app/roles';
import type { FactRecord, PeriodKind, PeriodRef, SheetState, SheetSummary } from './types';

/** The tag colour of a sheet's state: what still needs someone stands out. */
export const stateColor: Record<SheetState, string> = {
  filled: 'default',
  scored: 'blue',
  confirmed: 'cyan',
  objected: 'orange',
  approved: 'green',
};

/** 五星 as stars: ★★★★★ (a person reads the grade at a glance, also on a phone). */
export const starGlyphs = (n: number) => '★'.repeat(Math.max(0, n));

/** The period's label of a sheet (the API may send the period object or its label). */
export const periodLabel = (p: PeriodRef | string) => (typeof p === 'string' ? p : p.label);

/** A reason or a note that may come as plain text or in both languages. */
export const textOf = (x: string | Bilingual, pick: (b: Bilingual) => string) => (typeof x === 'string' ? x : pick(x));

/** Which sheets need the person: scored (a reopened sheet is scored again) and not yet answered. */
export const awaitsPerson = (s: Pick<SheetSummary, 'state'>) => s.state === 'scored';
/** The person confirms a scored sheet, or one they objected to once answered; objects to a scored or confirmed one (server: workflow). */
export const confirmable = (s: Pick<SheetSummary, 'state'>) => s.state === 'scored' || s.state === 'objected';
export const objectable = (s: Pick<SheetSummary, 'state'>) => s.state === 'scored' || s.state === 'confirmed';

/** The office approves a sheet the person confirmed or objected to (an objection is decided by approving or reopening). */
export const approvable = (s: Pick<SheetSummary, 'state'>) => s.state === 'confirmed' || s.state === 'objected';

/** The office reopens any sheet the head has scored, approved ones included (a mistake found, an objection upheld after approval). */
export const reopenable = (s: Pick<SheetSummary, 'state'>) => s.state !== 'filled';

/** The head scores a sheet until the office approves it (an objection may change a score). */
export const scorable = (s: Pick<SheetSummary, 'state'>) => s.state !== 'approved';

const guard = (role: Role | undefined, feature: Feature, to: string) => (can(role, feature) ? to : null);

/**
 * The screen that shows the records behind a measured figure, for the reader's role; null where the
 * role cannot open one (a clerk has no ratings list: the label says what was counted).
 */
export function recordLink(r: FactRecord, role: Role | undefined): string | null {
  switch (r.kind) {
    case 'ratings': {
      // One record stands for the person's ratings of the period: `${staffId}|${from}|${to}`.
      const [staffId, from, to] = r.id.split('|');
      const q = new URLSearchParams({ staffId, ...(from ? { from } : {}), ...(to ? { to } : {}) });
      return guard(role, 'ratings', `/ratings/list?${q.toString()}`);
    }
    case 'case':
      return `/cases/${encodeURIComponent(r.id)}`;
    case 'inspection':
      return guard(role, 'inspections', `/inspections/${encodeURIComponent(r.id)}`);
    case 'sanction':
      return can(role, 'sanctions') ? `/sanctions/${encodeURIComponent(r.id)}` : guard(role, 'mySanctions', '/sanctions/mine');
    case 'incident': {
      const day = r.at?.slice(0, 10);
      return can(role, 'incidents') ? `/incidents${day ? `?from=${day}&to=${day}` : ''}` : guard(role, 'myIncidents', '/my-incidents');
    }
    case 'follow_up':
      return can(role, 'followups') ? '/followups' : guard(role, 'myFollowUps', '/followups/mine');
    case 'deliverable':
      return guard(role, 'campaigns', '/campaigns');
  }
}

/** The period just before today's, in the kind's label: what the office usually fills. */
export function previousPeriodLabel(kind: PeriodKind, today = new Date()): string {
  const y = today.getFullYear();
  const m = today.getMonth(); // 0-based: the previous month's number
  if (kind === 'monthly') return m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, '0')}`;
  if (kind === 'quarterly') {
    const q = Math.floor(m / 3); // the previous quarter's number (0 → last year's Q4)
    return q === 0 ? `${y - 1}-Q4` : `${y}-Q${q}`;
  }
  // ISO week of a week ago.
  const d = new Date(Date.UTC(y, m, today.getDate() - 7));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const start = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((d.getTime() - start.getTime()) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The label a period of the kind is written as (checked before asking the server). */
export const periodPattern: Record<PeriodKind, RegExp> = {
  monthly: /^\d{4}-(0[1-9]|1[0-2])$/,
  quarterly: /^\d{4}-Q[1-4]$/,
  weekly: /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/,
};

/** `items.<code>` (or `body.items.<code>`) of a refused save → the judged item's code. */
export function judgedCodeOf(path: string): string | null {
  const m = /^(?:body\.)?items\.(.+)$/.exec(path);
  return m ? m[1] : null;
}
