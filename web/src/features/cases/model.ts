/** Shapes of the case API (GET /api/v1/cases, /cases/:id) and what the screens know about case types. */
import type { Bilingual } from '../../app/api';

export type DeadlineBadge = 'on_time' | 'due_soon' | 'overdue' | 'severely_overdue' | 'met' | 'late' | 'pending' | 'paused';
export type Lateness = 'due_soon' | 'overdue' | 'severely_overdue' | 'pending';

export interface CaseClock {
  clockId: string;
  state: 'running' | 'paused' | 'stopped';
  dueAt: string | null;
  dueDate: string | null;
  severeAt: string | null;
  stoppedAt: string | null;
  badge: DeadlineBadge;
  pendingYear: number | null;
}

export interface CaseSummary {
  id: string;
  type: string;
  trackingNo: string;
  channel: string;
  status: string;
  statusLabel: Bilingual;
  closed: boolean;
  priority: string;
  category: string | null;
  title: string;
  content: string;
  unitId: string | null;
  staffId: string | null;
  firstResponderId: string | null;
  assigneeId: string | null;
  data: Record<string, unknown>;
  contact: Record<string, unknown>;
  receivedAt: string;
  closedAt: string | null;
  createdAt: string;
  version: number;
  clocks: CaseClock[];
}

export interface CaseEvent {
  seq: number;
  at: string;
  actor: string;
  /** The user's display name; null for the public and the system (shown as 公众 / 系统). */
  actorName: string | null;
  actorKind: 'user' | 'public' | 'system';
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
  data: Record<string, unknown>;
  public: boolean;
}

export interface CaseDetail extends CaseSummary {
  /** The assignee's display name, for readers who cannot list users. */
  assigneeName: string | null;
  timeline: CaseEvent[];
  /** Each fired level in words (levelWords); its code only when its clock no longer defines it. */
  escalations: { clockId: string; levelId: string; levelWords: string | null; run: number; firedAt: string }[];
  actions: string[];
  /** Window staff reading a complaint about their window: shown without actions. */
  readOnly?: boolean;
}

export interface TaxonomyItem {
  code: string;
  zh: string;
  en: string;
  source?: string;
  active: boolean;
}

/** Case types the screens have labels for; any other type still lists and works generically. */
export const knownCaseTypes = ['complaint', 'rectification', 'inquiry', 'application'] as const;

/** Statuses of the known types, for the status filter (labels in locales `cases.status.*`). */
export const knownStatuses: Record<string, string[]> = {
  complaint: ['registered', 'assigned', 'verified', 'replied', 'awaiting_review', 'closed'],
  rectification: ['open', 'called_back', 'rectified', 'appealed', 'closed'],
  inquiry: ['open', 'referred', 'answered', 'handled', 'transferred'],
  application: ['received', 'awaiting_materials', 'accepted', 'decided', 'closed'],
};

export const latenessValues: Lateness[] = ['due_soon', 'overdue', 'severely_overdue', 'pending'];

/** Badge colours: due soon orange, overdue red, severely overdue magenta, met green, late grey, paused purple. */
export const badgeColors: Record<DeadlineBadge, string> = {
  on_time: 'blue',
  due_soon: 'orange',
  overdue: 'red',
  severely_overdue: 'magenta',
  met: 'green',
  late: 'default',
  pending: 'gold',
  paused: 'purple',
};

const badgeRank: Record<DeadlineBadge, number> = { severely_overdue: 5, overdue: 4, due_soon: 3, pending: 3, late: 2, on_time: 1, paused: 1, met: 0 };

/** The clock that matters most for a list row: the worst running one, else the worst stopped one. */
export function leadingClock(clocks: CaseClock[]): CaseClock | undefined {
  const running = clocks.filter((c) => c.state !== 'stopped');
  const pool = running.length ? running : clocks;
  return [...pool].sort((a, b) => badgeRank[b.badge] - badgeRank[a.badge] || String(a.dueAt).localeCompare(String(b.dueAt)))[0];
}

export const priorityColors: Record<string, string> = { normal: 'default', high: 'orange', urgent: 'red' };
