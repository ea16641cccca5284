import { parseJson } from '../../shared/json.js';
import type { CaseClock, CaseEventsTable, CasesTable } from '../../db/types.js';
import type { WorkflowDefinition } from '../../engines/workflow/index.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

/** 期限待定: what a clerk or the public reads instead of a date the calendar cannot give yet. */
export function pendingDueText(c: Pick<CaseClock, 'pending_year'>): string {
  return `待 ${c.pending_year} 年法定节假日安排公布并导入后确定`;
}

/** 临期 / 超期 / 严重超期 badges as the inbox shows them. */
export type DeadlineBadge = 'on_time' | 'due_soon' | 'overdue' | 'severely_overdue' | 'met' | 'late' | 'pending' | 'paused';

/**
 * A paused clock (暂停计时, e.g. waiting for the complainant) shows `paused`: its stored due
 * instant is the one before the pause and moves on when it resumes, so it is not late meanwhile.
 */
export function clockBadge(c: CaseClock, now: number, dueSoonBefore: number): DeadlineBadge {
  if (c.due_at === null) return 'pending';
  if (c.stopped_at !== null) return Number(c.stopped_at) <= Number(c.due_at) ? 'met' : 'late';
  if (c.paused_at !== null) return 'paused';
  if (now > Number(c.severe_at)) return 'severely_overdue';
  if (now > Number(c.due_at)) return 'overdue';
  return Number(c.due_at) < dueSoonBefore ? 'due_soon' : 'on_time';
}

export function presentClock(c: CaseClock, now: number, dueSoonBefore: number) {
  return {
    clockId: c.clock_id,
    state: c.stopped_at !== null ? 'stopped' : c.paused_at !== null ? 'paused' : 'running',
    dueAt: iso(c.due_at),
    dueDate: c.due_date,
    severeAt: iso(c.severe_at),
    stoppedAt: iso(c.stopped_at),
    badge: clockBadge(c, now, dueSoonBefore),
    /** Set while the deadline waits for that year's holiday schedule (dueAt and dueDate are null). */
    pendingYear: c.pending_year ?? null,
  };
}

export function presentCase(row: CasesTable, workflow: WorkflowDefinition | undefined, clocks: CaseClock[], now: number, dueSoonBefore: number) {
  const state = workflow?.states[row.status];
  return {
    id: row.id,
    type: row.type,
    trackingNo: row.tracking_no,
    channel: row.channel,
    status: row.status,
    statusLabel: state?.label ?? { zh: row.status, en: row.status },
    closed: !!state?.closed,
    priority: row.priority,
    category: row.category,
    title: row.title,
    content: row.content,
    unitId: row.unit_id,
    staffId: row.staff_id,
    firstResponderId: row.first_responder_id,
    assigneeId: row.assignee_id,
    data: parseJson<Record<string, unknown>>(row.data, {}),
    contact: parseJson<Record<string, unknown>>(row.contact, {}),
    receivedAt: iso(row.received_at),
    closedAt: iso(row.closed_at),
    createdAt: iso(row.created_at),
    version: row.version,
    clocks: clocks.map((c) => presentClock(c, now, dueSoonBefore)),
  };
}

export function presentEvent(e: CaseEventsTable) {
  return {
    seq: e.seq,
    at: iso(e.at),
    actor: e.actor_label,
    action: e.action,
    fromStatus: e.from_status,
    toStatus: e.to_status,
    note: e.note,
    publicNote: e.public_note,
    data: parseJson<Record<string, unknown>>(e.data, {}),
    public: e.public === 1,
  };
}
