/** A case's timeline entry as the API shows it. */
export interface TimelineEntry {
  action: string;
  data?: Record<string, unknown>;
}

/**
 * The timeline's records of a clock turning `lateness`: an entry of its own, or the escalation
 * entry of the level fired at that instant, naming it (data.lateness).
 */
export function latenessEntries(timeline: TimelineEntry[], lateness: 'overdue' | 'severely_overdue'): TimelineEntry[] {
  return timeline.filter((e) => e.action === lateness || (e.action === 'escalate' && e.data?.lateness === lateness));
}
