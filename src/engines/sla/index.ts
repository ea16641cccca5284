/** Youzhi SLA engine: clocks, pauses, lateness (超期/严重超期) and escalation timing. Pure: no I/O. */
export type { ClockDefinition, ClockRun, ClockStatus, Duration, DurationUnit, EscalationLevel, EscalationTiming, Lateness, SevereRule } from './types.js';
export { evaluateClock, pauseClock, resumeClock, shiftInstant, startClock, stopClock, withFiredLevels } from './clock.js';
