/** Public types of the SLA engine: clocks that run on a working-day calendar, pause, and escalate. */

export type DurationUnit = 'working_days' | 'business_hours' | 'calendar_hours' | 'calendar_days';

export interface Duration {
  amount: number;
  unit: DurationUnit;
}

/** When a clock becomes 严重超期: after `factor` × its duration, or a fixed delay after due. */
export type SevereRule = { mode: 'multiple'; factor: number } | { mode: 'after_due'; delay: Duration };

export interface EscalationLevel {
  id: string;
  when: 'before' | 'after';
  anchor: 'due' | 'severely_overdue';
  offset: { amount: number; unit: DurationUnit };
  recipients: unknown[];
  actions: string[];
}

/** What the policy pack says about one clock. */
export interface ClockDefinition {
  id: string;
  duration: Duration;
  severelyOverdue: SevereRule;
  escalations: EscalationLevel[];
}

/** What happened to one clock on one case: when it started, its pauses, when it stopped. */
export interface ClockRun {
  startedAt: number;
  pauses: { from: number; to: number | null }[];
  stoppedAt: number | null;
}

/** 按时 / 超期 / 严重超期. */
export type Lateness = 'on_time' | 'overdue' | 'severely_overdue';

export interface EscalationTiming {
  id: string;
  fireAt: number;
  /** Reached and not fired yet: the sweep should fire it now. */
  due: boolean;
}

export interface ClockStatus {
  state: 'running' | 'paused' | 'stopped';
  dueAt: number;
  /** Local civil date of the due instant (for working-day clocks, the N-th working day). */
  dueDate: string;
  severeAt: number;
  /** At `now` for running and paused clocks; at the stop for stopped ones. */
  lateness: Lateness;
  /** For stopped clocks: whether they stopped by the due instant. */
  met: boolean | null;
  escalations: EscalationTiming[];
  /** The next instant at which this clock needs the sweep (an escalation or a lateness change); null when none. */
  nextCheckAt: number | null;
}
